import { createHash } from 'node:crypto';
import { readSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, relative, resolve } from 'node:path';
import { withRegularFile } from '../files';
import type { Policy } from '../policy/model/schema';
import { mergedProvider } from '../policy/state/resolve';

/**
 * What a confirmation covers. The policy text alone is not enough: `command: ./scripts/x.sh`
 * reads the same after a `git pull` changed the script. So a confirmation records every file a
 * provider or verification executes (the resolved executable, a script's interpreter, every file
 * an argument names) with its SHA-256, and the hosts and connection targets it contacts; any
 * change to a recorded file revokes it. Kept in the user's config folder, never in the repository.
 */
export interface TrustedCommand {
  /** Which part of the policy runs it: `provider tok (create)`, `secret api verification`. */
  where: string;
  command: string;
  args: string[];
  /** The folder it runs in (the policy's folder): relative names resolve against it. */
  cwd: string;
}

export interface TrustedFile {
  path: string;
  /** Hex SHA-256; null when the file did not exist (or was not a readable regular file). */
  sha256: string | null;
  /** Why it is recorded: `executable of ./scripts/x.sh`, `interpreter of …`, `argument of …`. */
  role: string;
}

export interface TrustRecord {
  v: 2;
  /** SHA-256 of the policy file content confirmed. */
  policyHash: string;
  commands: TrustedCommand[];
  files: TrustedFile[];
  /** `https://host:port (provider api: create)`, `postgres 127.0.0.1:5432 (secret db verification)`. */
  contacts: string[];
  at: string;
  /** Read from an older version's record, which held the policy hash only (no files). */
  legacy?: true;
}

/** A recorded file that no longer hashes to what was confirmed. */
export interface TrustChange {
  /** changed: same file, other content (or gone); added: runs now, was not confirmed; dropped: no longer runs (another file took its place). */
  kind: 'changed' | 'added' | 'dropped';
  path: string;
  role: string;
  was: string | null;
  now: string | null;
}

const MAX_HASHED_BYTES = 512 * 1024 * 1024;
const hashCache = new Map<string, string>();
/** A shebang through `env` (`#!/usr/bin/env node`) names the interpreter to look up in PATH. */
const SHEBANG_ENV = /^env$/;

/**
 * SHA-256 of a regular file, or null. Opened non-blocking and checked with fstat after opening, so
 * a FIFO or device a hostile repository puts in place neither hangs nor streams forever.
 */
export function hashFile(path: string): string | null {
  return withRegularFile(path, (fd, st) => {
    if (st.size > MAX_HASHED_BYTES) return null;
    // An interpreter such as node is ~100 MB: hashed once per process while its inode, size,
    // mtime and ctime stay the same (a write to the file changes ctime).
    const key = `${path}\0${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    const cached = hashCache.get(key);
    if (cached) return cached;
    const h = createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      total += n;
      if (total > MAX_HASHED_BYTES) return null;
      h.update(buf.subarray(0, n));
    }
    const digest = h.digest('hex');
    if (st.size >= 1024 * 1024) hashCache.set(key, digest);
    return digest;
  });
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where `spawn(command, { cwd, env })` finds the program: a name with a slash is relative to cwd, a bare name is searched in PATH. */
export function resolveExecutable(command: string, cwd: string, env: NodeJS.ProcessEnv): string | null {
  if (command.includes('/') || command.includes('\\')) return resolve(cwd, command);
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = resolve(cwd, dir || '.', command);
    if (isRegularFile(candidate)) return candidate;
  }
  return null;
}

/** `#!/bin/sh -e` → /bin/sh; `#!/usr/bin/env node` → node resolved in PATH. */
function shebangInterpreter(path: string, cwd: string, env: NodeJS.ProcessEnv): string | null {
  return withRegularFile(path, (fd) => {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = buf.subarray(0, n).toString('utf8').split('\n')[0]!;
    if (!first.startsWith('#!')) return null;
    const words = first.slice(2).trim().split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    if (SHEBANG_ENV.test(basename(words[0]!))) {
      const name = words.slice(1).find((w) => !w.startsWith('-'));
      return name ? resolveExecutable(name, cwd, env) : null;
    }
    return words[0]!;
  });
}

/** Every file one command executes or names: the executable, its shebang interpreter, and each argument that is a file (a script for `sh x.sh`, `node x.js`, `python3 x.py`). */
export function filesOfCommand(c: TrustedCommand, env: NodeJS.ProcessEnv): TrustedFile[] {
  const files: TrustedFile[] = [];
  const exe = resolveExecutable(c.command, c.cwd, env);
  if (!exe) {
    files.push({ path: `${c.command} (not found in PATH)`, sha256: null, role: `executable of ${c.command}` });
    return files;
  }
  files.push({ path: exe, sha256: hashFile(exe), role: `executable of ${c.command}` });
  const interpreter = shebangInterpreter(exe, c.cwd, env);
  if (interpreter) files.push({ path: interpreter, sha256: hashFile(interpreter), role: `interpreter of ${c.command}` });
  for (const arg of c.args) {
    if (arg.startsWith('-') || !arg) continue;
    const p = resolve(c.cwd, arg);
    if (isRegularFile(p)) files.push({ path: p, sha256: hashFile(p), role: `argument of ${c.command}` });
  }
  return files;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return url;
  }
}

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mariadb: 3306, redis: 6379 };

/** The commands and contacts of one provider spec (merged with a secret's params) or verification. */
function partsOf(spec: Record<string, unknown>, where: string, cwd: string, provider?: Record<string, unknown>): { commands: TrustedCommand[]; contacts: string[] } {
  const commands: TrustedCommand[] = [];
  const contacts: string[] = [];
  const args = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  const type = spec.type;
  if (type === 'command') {
    if (str(spec.command)) commands.push({ where, command: spec.command as string, args: args(spec.args), cwd });
    const revoke = spec.revoke as Record<string, unknown> | undefined;
    if (revoke && str(revoke.command)) commands.push({ where: `${where}, revoke`, command: revoke.command as string, args: args(revoke.args), cwd });
  } else if (type === 'http') {
    const h = hostOf(spec.url);
    if (h) contacts.push(`${h} (${where})`);
    const revoke = spec.revoke as Record<string, unknown> | undefined;
    const r = hostOf(revoke?.url);
    if (r) contacts.push(`${r} (${where}, revoke)`);
  } else if (type === 'postgres' || type === 'mariadb' || type === 'redis' || type === 'tcp') {
    const host = str(spec.host) ?? str(provider?.host) ?? '127.0.0.1';
    const port = num(spec.port) ?? num(provider?.port) ?? DEFAULT_PORTS[type as string] ?? 0;
    const admin = str(spec.adminConnection);
    contacts.push(`${type} ${host}:${port} (${where})${admin ? `; admin connection: the URL held by secret ${admin}` : ''}`);
  }
  return { commands, contacts };
}

/** What confirming this policy covers, with every file hashed now. */
export function collectTrust(policy: Policy, policyPath: string, policyHash: string, env: NodeJS.ProcessEnv, at = new Date().toISOString()): TrustRecord {
  const cwd = dirname(resolve(policyPath));
  const commands: TrustedCommand[] = [];
  const contacts: string[] = [];
  const add = (p: { commands: TrustedCommand[]; contacts: string[] }) => {
    commands.push(...p.commands);
    contacts.push(...p.contacts);
  };
  for (const secret of policy.secrets) {
    const provider = secret.rotation ? mergedProvider(policy, secret) : undefined;
    if (provider) add(partsOf(provider, `secret ${secret.id}: provider ${secret.rotation!.provider}`, cwd));
    if (secret.verification) add(partsOf(secret.verification as Record<string, unknown>, `secret ${secret.id}: verification`, cwd, provider));
  }
  return { v: 2, policyHash, commands, files: filesOf(commands, env), contacts: [...new Set(contacts)], at };
}

function filesOf(commands: readonly TrustedCommand[], env: NodeJS.ProcessEnv): TrustedFile[] {
  const seen = new Map<string, TrustedFile>();
  for (const c of commands) for (const f of filesOfCommand(c, env)) if (!seen.has(f.path)) seen.set(f.path, f);
  return [...seen.values()];
}

/**
 * Re-resolves and re-hashes what the record's commands execute. Any difference — a changed
 * script, a file gone or new, a command that now resolves to another executable (PATH) — is a
 * change. The record's commands are the confirmed policy's (the caller checked the policy hash).
 */
export function trustChanges(record: TrustRecord, env: NodeJS.ProcessEnv): TrustChange[] {
  const confirmed = new Map(record.files.map((f) => [f.path, f]));
  const current = filesOf(record.commands, env);
  const changes: TrustChange[] = [];
  for (const f of current) {
    const was = confirmed.get(f.path);
    if (!was) changes.push({ kind: 'added', path: f.path, role: f.role, was: null, now: f.sha256 });
    else if (was.sha256 !== f.sha256) changes.push({ kind: 'changed', path: f.path, role: f.role, was: was.sha256, now: f.sha256 });
  }
  const now = new Set(current.map((f) => f.path));
  for (const f of record.files) if (!now.has(f.path)) changes.push({ kind: 'dropped', path: f.path, role: f.role, was: f.sha256, now: null });
  return changes;
}

function shown(path: string, base: string): string {
  const rel = relative(base, path);
  return isAbsolute(path) && rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** One line per change, for refusals: which file, what it is, and how its hash moved. */
export function describeChange(c: TrustChange, base: string): string {
  const h = (x: string | null) => (x ? `${x.slice(0, 12)}…` : 'absent');
  const what = `${shown(c.path, base)} (${c.role})`;
  if (c.kind === 'added') return `${what} now runs and was not confirmed (sha256 ${h(c.now)})`;
  if (c.kind === 'dropped') return `${what} no longer runs (another file took its place)`;
  return `${what} changed: sha256 ${h(c.was)} → ${h(c.now)}`;
}

/** Exactly what a confirmation covers, one item per line: what `rotate --trust` prints and the editor's dialog lists. */
export function describeTrust(record: TrustRecord, policyPath: string): string[] {
  const base = dirname(resolve(policyPath));
  const lines = [`policy ${policyPath} sha256 ${record.policyHash}`];
  for (const c of record.commands) lines.push(`command (${c.where}): ${[c.command, ...c.args].join(' ')} (runs in ${c.cwd})`);
  for (const f of record.files) lines.push(`file ${shown(f.path, base)} [${f.role}] sha256 ${f.sha256 ?? '(missing or not a regular file)'}`);
  for (const h of record.contacts) lines.push(`contacts ${h}`);
  if (!record.commands.length && !record.contacts.length) lines.push('(nothing in this policy runs a command or contacts a host)');
  return lines;
}
