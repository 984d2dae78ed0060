import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, parse, resolve, sep } from 'node:path';
import { readTextAtMost } from './read-at-most';

/**
 * Confinement: where a path a repository names really lands, and whether that place belongs to
 * the repository (or to a place the user allowed outside every repository). A cloned repository
 * is hostile: its policy may name `../outside/victim.env`, an absolute path, or a symlink that
 * leads out, and a write through any of them lands outside the repository. The answer is the
 * real path — every symlink followed, also a dangling one (a write through it creates its
 * target), `..` applied after the symlink before it as the kernel does — compared with the real
 * path of the repository.
 */

/** Symlinks followed while resolving one path before it counts as a loop (Linux's MAXSYMLINKS). */
const MAX_SYMLINKS = 40;

export type RealPath = { ok: true; real: string } | { ok: false; reason: 'symlink-loop' };

const SPLIT = process.platform === 'win32' ? /[\\/]+/ : /\/+/;

/**
 * The real path `p` (relative to `base`) leads to. Parts that do not exist yet are appended as
 * written: below a missing folder nothing can be a symlink. Never throws for a missing path.
 */
export function realPathOf(p: string, base: string): RealPath {
  // Not join(): it would apply a `..` to the folder before it, before that folder's symlink is followed.
  const start = isAbsolute(p) ? p : `${resolve(base)}${sep}${p}`;
  const root = parse(start).root;
  const todo = start.slice(root.length).split(SPLIT).reverse(); // a stack: last element is next
  let cur = root;
  let missing = false;
  let links = 0;
  while (todo.length) {
    const part = todo.pop()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      cur = dirname(cur);
      continue;
    }
    const next = join(cur, part);
    if (missing) {
      cur = next;
      continue;
    }
    let isLink = false;
    try {
      isLink = lstatSync(next).isSymbolicLink();
    } catch {
      missing = true; // ENOENT, or ENOTDIR / EACCES: nothing below can be followed either
    }
    if (!isLink) {
      cur = next;
      continue;
    }
    if (++links > MAX_SYMLINKS) return { ok: false, reason: 'symlink-loop' };
    const target = readlinkSync(next);
    if (isAbsolute(target)) cur = parse(target).root;
    todo.push(...target.slice(isAbsolute(target) ? parse(target).root.length : 0).split(SPLIT).reverse());
  }
  return { ok: true, real: cur };
}

/** Whether `child` is `parent` or below it (both real, absolute paths). */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const p = parent.endsWith(sep) ? parent : parent + sep;
  return process.platform === 'win32' ? child.toLowerCase().startsWith(p.toLowerCase()) : child.startsWith(p);
}

/**
 * The repository a file belongs to: the nearest folder above it holding `.git` (a folder, or the
 * file a worktree or submodule has), else the file's own folder. Real path.
 */
export function repositoryRootOf(file: string): string {
  const folder = realOrSelf(dirname(resolve(file)));
  for (let d = folder; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return folder;
  }
}

function realOrSelf(p: string): string {
  const r = realPathOf(p, '/');
  return r.ok ? r.real : resolve(p);
}

/** Where the user lists places outside any repository that policies may name (one path a line). */
export function allowedPathsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rotation-guard', 'allowed-paths');
}

/**
 * The places the user allowed outside any repository: the lines of `allowedPathsFile` (absolute,
 * or `~/…`; `#` starts a comment; other lines are ignored) plus `extra` (the editor's user
 * setting), each as a real path. Read with a bound: the file is the user's, but a bound costs nothing.
 */
export function allowedOutsidePaths(env: NodeJS.ProcessEnv = process.env, extra: readonly string[] = []): string[] {
  let text = '';
  try {
    text = readTextAtMost(allowedPathsFile(env), 256 * 1024);
  } catch {
    // No file (the usual case) or unreadable: nothing allowed beyond the repository.
  }
  const home = env.HOME || homedir();
  const out: string[] = [];
  for (const raw of [...text.split('\n'), ...extra]) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const p = line === '~' ? home : line.startsWith('~/') ? join(home, line.slice(2)) : line;
    if (!isAbsolute(p)) continue;
    const r = realPathOf(p, '/');
    if (r.ok) out.push(r.real);
  }
  return out;
}

export interface Confinement {
  /** The repository (real path) every path must stay in. */
  root: string;
  /** Real paths outside it the user allowed. */
  allowed: string[];
  /** Where `allowed` comes from, for messages. */
  allowedFrom: string;
}

/** The confinement of the files a policy names: its repository plus what the user allowed. */
export function confinementFor(policyPath: string, env: NodeJS.ProcessEnv = process.env, extraAllowed: readonly string[] = []): Confinement {
  return { root: repositoryRootOf(policyPath), allowed: allowedOutsidePaths(env, extraAllowed), allowedFrom: allowedPathsFile(env) };
}

export type ConfinedPath = { inside: true; real: string } | { inside: false; real?: string; reason: 'outside' | 'symlink-loop' };

/**
 * Where `p` (relative to `base`) really lands, and whether that is inside the confinement. Both
 * readings of a `..` are checked: the kernel's (after the symlink before it: a command run with
 * the policy's folder as cwd) and the lexical one `path.resolve` gives (what a store that
 * resolves its path first opens). Either one outside is outside.
 */
export function confine(p: string, base: string, c: Confinement): ConfinedPath {
  let first: string | undefined;
  for (const r of [realPathOf(p, base), realPathOf(resolve(base, p), base)]) {
    if (!r.ok) return { inside: false, reason: 'symlink-loop' };
    if (!isInside(r.real, c.root) && !c.allowed.some((a) => isInside(r.real, a))) return { inside: false, real: r.real, reason: 'outside' };
    first ??= r.real;
  }
  return { inside: true, real: first! };
}
