/**
 * Every path a policy names, and whether it stays in the policy's repository (core/files/confine.ts
 * says where a path really lands); every env var name a policy gives a secret, and whether it is
 * one that changes which code other programs run (env-names.ts). `check` and the editor report
 * what fails at the exact value; the rotation plan and the store registry refuse it before any step.
 */
import { basename, dirname } from 'node:path';
import { confine, confinementFor, type Confinement } from '../../files/confine';
import { PolicyCode, shown, type PolicyProblem } from './codes';
import { isReservedEnvVar } from './env-names';
import { defaultEnvVar, mergedProvider } from '../state/resolve';
import type { Policy } from '../model/schema';
import type { PathSegment, PolicySource } from '../parse/source';

export interface NamedPath {
  /** Where the value sits in the policy. */
  at: PathSegment[];
  /** The path as written (with `{id}` replaced for the secret that uses it). */
  value: string;
  /** What the path is, for messages: "env-file store 'dotenv'", "the command provider 'mint'". */
  what: string;
  /** A glob: its literal leading folders are checked, and a `..` anywhere is outside. */
  glob?: boolean;
  /** An executable: a program installed on the machine is named bare and found on PATH. */
  command?: boolean;
}

/** A policy path that leads outside, or a reserved env var name. */
export interface ConfinementViolation {
  at: PathSegment[];
  code: typeof PolicyCode.pathOutsideWorkspace | typeof PolicyCode.reservedEnvVar;
  message: string;
  data: Record<string, unknown>;
}

/** A command with a folder in it runs a file (relative to the policy's folder); a bare name is looked up on PATH. */
const isPathCommand = (c: string) => /[/\\]/.test(c);

/** The paths a policy names: env-file stores, command providers and verifications, reference globs. */
export function namedPaths(policy: Policy): NamedPath[] {
  const out: NamedPath[] = [];
  const storeUsers = (name: string) => policy.secrets.filter((s) => s.stores.includes(name)).map((s) => s.id);
  for (const [name, ref] of Object.entries(policy.stores ?? {})) {
    if (ref.type !== 'env-file') continue;
    const ids = ref.path.includes('{id}') ? storeUsers(name) : [];
    for (const value of ids.length ? ids.map((id) => ref.path.replaceAll('{id}', id)) : [ref.path]) out.push({ at: ['stores', name, 'path'], value, what: `env-file store '${shown(name)}'` });
  }
  for (const [name, p] of Object.entries(policy.providers ?? {})) {
    if (p.type !== 'command') continue;
    if (p.command && isPathCommand(p.command)) out.push({ at: ['providers', name, 'command'], value: p.command, what: `command provider '${shown(name)}'`, command: true });
    if (p.revoke && isPathCommand(p.revoke.command)) out.push({ at: ['providers', name, 'revoke', 'command'], value: p.revoke.command, what: `the revoke command of provider '${shown(name)}'`, command: true });
  }
  policy.secrets.forEach((s, i) => {
    const param = s.rotation?.params?.command;
    if (typeof param === 'string' && isPathCommand(param) && mergedProvider(policy, s)?.type === 'command') out.push({ at: ['secrets', i, 'rotation', 'params', 'command'], value: param, what: `the command of secret '${shown(s.id)}'`, command: true });
    const v = s.verification;
    if (v?.type === 'command' && isPathCommand(v.command)) out.push({ at: ['secrets', i, 'verification', 'command'], value: v.command, what: `the verification command of secret '${shown(s.id)}'`, command: true });
    (s.references?.files ?? []).forEach((g, j) => out.push({ at: ['secrets', i, 'references', 'files', j], value: g, what: `a reference glob of secret '${shown(s.id)}'`, glob: true }));
  });
  return out;
}

/** The literal folders a glob starts with (`prompts/**` → `prompts`), and whether a `..` follows them. */
function globBase(glob: string): { base: string; dotDotAfter: boolean } {
  const parts = glob.split('/');
  const literal: string[] = [];
  let k = 0;
  for (; k < parts.length - 1 && !/[*?[\]{}()!+@]/.test(parts[k]!); k++) literal.push(parts[k]!);
  return { base: literal.join('/') || '.', dotDotAfter: parts.slice(k).includes('..') };
}

/** Everything in the policy that leads outside its confinement, or names a reserved env var. */
export function confinementViolations(policy: Policy, policyPath: string, c: Confinement = confinementFor(policyPath)): ConfinementViolation[] {
  const base = dirname(policyPath);
  const out: ConfinementViolation[] = [];
  const seen = new Set<string>();
  for (const n of namedPaths(policy)) {
    const key = `${n.at.join('\0')}\0${n.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { base: checked, dotDotAfter } = n.glob ? globBase(n.value) : { base: n.value, dotDotAfter: false };
    const r = confine(checked, base, c);
    if (r.inside && !dotDotAfter) continue;
    const where = !r.inside && r.reason === 'symlink-loop' ? 'runs into a symlink loop' : `resolves to ${r.real ?? checked}`;
    out.push({
      at: n.at,
      code: PolicyCode.pathOutsideWorkspace,
      message: `'${shown(n.value)}' (${n.what}) ${where}, outside this policy's repository (${c.root}). A policy may name only files inside its repository; a place outside every repository can be allowed by you (never by the policy), one path a line, in ${c.allowedFrom}.${n.command ? ` A program installed on this machine is named bare (\`${shown(basename(n.value))}\`) and found on PATH.` : ''}`,
      data: { path: n.value, resolved: r.real ?? null, root: c.root, allowedFrom: c.allowedFrom },
    });
  }
  // The tool's own files beside the policy: a clone may ship `.rotation` (or the ledger, or the
  // stage folder) as a symlink out, and every rotation appends and writes there.
  for (const own of ['.rotation', '.rotation/ledger.jsonl', '.rotation/stages']) {
    const r = confine(own, base, c);
    if (r.inside) continue;
    out.push({
      at: ['version'],
      code: PolicyCode.pathOutsideWorkspace,
      message: `'${own}' beside this policy ${r.reason === 'symlink-loop' ? 'runs into a symlink loop' : `is a symlink to ${r.real}`}, outside this policy's repository (${c.root}): the ledger and the rotation stages are written there. Replace it with a real folder or file; a place outside every repository can be allowed by you, one path a line, in ${c.allowedFrom}.`,
      data: { path: own, resolved: r.real ?? null, root: c.root, allowedFrom: c.allowedFrom },
    });
  }
  for (const v of envVarNames(policy)) {
    if (!isReservedEnvVar(v.name)) continue;
    out.push({
      at: v.at,
      code: PolicyCode.reservedEnvVar,
      message: `'${shown(v.name)}' ${v.fromId ? `(the env var the id '${shown(v.name)}' turns into) ` : ''}changes which code a loader, runtime or shell runs; a secret may not be written to it or exported as it. Name the variable your application reads${v.fromId ? ' in references.env' : ''}.`,
      data: { name: v.name },
    });
  }
  return out;
}

/** Env var names a policy makes the tool write or export, with where each is written. */
function envVarNames(policy: Policy): Array<{ name: string; at: PathSegment[]; fromId?: boolean }> {
  const out: Array<{ name: string; at: PathSegment[]; fromId?: boolean }> = [];
  for (const [name, ref] of Object.entries(policy.stores ?? {})) if (ref.type === 'env-file' && ref.var) out.push({ name: ref.var, at: ['stores', name, 'var'] });
  policy.secrets.forEach((s, i) => {
    (s.references?.env ?? []).forEach((name, j) => out.push({ name, at: ['secrets', i, 'references', 'env', j] }));
    if (s.references?.userEnv) out.push({ name: s.references.userEnv, at: ['secrets', i, 'references', 'userEnv'] });
    const named = (s.references?.env?.length ?? 0) > 0 || s.stores.some((n) => policy.stores[n]?.type === 'env-file' && policy.stores[n]?.var);
    if (!named) out.push({ name: defaultEnvVar(s.id), at: ['secrets', i, 'id'], fromId: true });
  });
  return out;
}

/** The violations as problems at the exact value (for `check` and the editor). */
export function confinementProblems(policy: Policy, policyPath: string, source: PolicySource, c?: Confinement): PolicyProblem[] {
  return confinementViolations(policy, policyPath, c).map((v) => ({ code: v.code, severity: 'error', range: source.valueRange(v.at), message: v.message, data: v.data }));
}

/** Thrown before any step when a policy names a path outside its repository or a reserved env var. */
export class PolicyConfinementError extends Error {
  readonly code: ConfinementViolation['code'];
  constructor(readonly violations: ConfinementViolation[]) {
    super(`refusing: ${violations[0]!.message}${violations.length > 1 ? ` (and ${violations.length - 1} more; run \`rotation-guard check\`)` : ''}`);
    this.code = violations[0]!.code;
  }
}

/** Throws PolicyConfinementError when the policy names anything outside its confinement. */
export function assertPolicyConfined(policy: Policy, policyPath: string, env: NodeJS.ProcessEnv = process.env, extraAllowed: readonly string[] = []): void {
  const v = confinementViolations(policy, policyPath, confinementFor(policyPath, env, extraAllowed));
  if (v.length) throw new PolicyConfinementError(v);
}
