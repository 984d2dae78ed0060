import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../files';
import { loadPolicyFile } from '../policy/parse/files';
import type { Policy } from '../policy/model/schema';
import type { NextAction } from './engine';
import { collectTrust, describeChange, trustChanges, type TrustRecord } from './trust-record';

/**
 * A cloned repository must not be able to run commands, call URLs or send a value somewhere just
 * because someone opened it or ran `rotate`. The engine runs `command`, `http` and `postgres`
 * providers (and verifications that run or send) only when the workspace is trusted AND the user
 * confirmed the policy's exact content and every file it executes (trust-record.ts): editing the
 * policy or any of those files revokes the confirmation.
 */
export interface RotationTrust {
  workspaceTrusted: boolean;
  /** What the user confirmed (`confirmationFor`), re-checked against the files before every run. */
  confirmation?: TrustRecord;
}

/**
 * A refusal in plain words; `next` says what lifts it (confirm the policy, or trust the
 * workspace), and each shell words that its own way (the CLI: its `--trust` flag; the editor: its
 * dialog or button).
 */
export class UntrustedPolicyError extends Error {
  readonly code = 'rotation/untrusted';
  constructor(
    message: string,
    readonly next: Extract<NextAction, 'confirm' | 'trust-workspace'> = 'confirm',
  ) {
    super(message);
  }
}

export function policyContentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

const RECONFIRM = 'review it, then confirm it again (the confirmation lists every file and host it covers)';

export function assertTrusted(reasons: string[], trust: RotationTrust, policyHash: string, policyPath: string, env: NodeJS.ProcessEnv = process.env): void {
  if (reasons.length === 0) return;
  const why = reasons.join('; ');
  const c = trust.confirmation;
  if (!trust.workspaceTrusted) throw new UntrustedPolicyError(`refusing to rotate: ${why}, and the workspace is not trusted`, 'trust-workspace');
  if (!c) throw new UntrustedPolicyError(`refusing to rotate: ${why}, and this policy (${policyPath}) was never confirmed; review it, then confirm it`);
  if (c.policyHash !== policyHash) throw new UntrustedPolicyError(`refusing to rotate: ${policyPath} changed since you confirmed it (${why}); review the change, then confirm it again`);
  if (c.legacy) throw new UntrustedPolicyError(`refusing to rotate: ${policyPath} was confirmed by an older Rotation Guard that recorded the policy text only, not the files it runs (${why}); ${RECONFIRM}`);
  const changes = trustChanges(c, env);
  if (changes.length) {
    const base = dirname(resolve(policyPath));
    throw new UntrustedPolicyError(`refusing to rotate: ${changes.map((ch) => describeChange(ch, base)).join('; ')} since you confirmed ${policyPath} (${why}); the confirmation is revoked; ${RECONFIRM}`);
  }
}

/** `~/.config/rotation-guard/trusted-policies.json`: absolute policy path → the confirmed record. */
export function trustedPoliciesPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rotation-guard', 'trusted-policies.json');
}

type Stored = Record<string, TrustRecord | string>;

function readAll(env: NodeJS.ProcessEnv): Stored {
  try {
    const obj = JSON.parse(readFileSync(trustedPoliciesPath(env), 'utf8')) as unknown;
    return obj && typeof obj === 'object' ? (obj as Stored) : {};
  } catch {
    return {};
  }
}

/** The confirmation of a policy; a record of an older version (a bare hash) comes back `legacy`. */
export function confirmationFor(policyPath: string, env: NodeJS.ProcessEnv = process.env): TrustRecord | undefined {
  const r = readAll(env)[resolve(policyPath)];
  if (typeof r === 'string') return { v: 2, policyHash: r, commands: [], files: [], contacts: [], at: '', legacy: true };
  if (!r || typeof r !== 'object' || typeof r.policyHash !== 'string' || !Array.isArray(r.files) || !Array.isArray(r.commands)) return undefined;
  return r;
}

/** The trust a caller passes to the engine: the workspace's state and the stored confirmation. */
export function trustFor(policyPath: string, workspaceTrusted: boolean, env: NodeJS.ProcessEnv = process.env): RotationTrust {
  return { workspaceTrusted, confirmation: confirmationFor(policyPath, env) };
}

/** What confirming this policy would cover now (show it to the person before `confirmPolicy`). */
export function trustToConfirm(policy: Policy, policyPath: string, policyText: string | Buffer, env: NodeJS.ProcessEnv = process.env): TrustRecord {
  return collectTrust(policy, policyPath, policyContentHash(policyText), env);
}

export function confirmPolicy(policyPath: string, record: TrustRecord, env: NodeJS.ProcessEnv = process.env): void {
  const file = trustedPoliciesPath(env);
  const all = readAll(env);
  all[resolve(policyPath)] = record;
  writeFileAtomic(file, JSON.stringify(all, null, 2) + '\n', { mkdir: 0o700 });
}

/**
 * Confirms a policy file as it is on disk now, for callers that hold no parsed policy (tests,
 * benchmarks, scripts that already showed the person `describeTrust`). Returns what it recorded.
 */
export function confirmPolicyFile(policyPath: string, env: NodeJS.ProcessEnv = process.env): TrustRecord {
  const loaded = loadPolicyFile(policyPath);
  if (!loaded.policy) throw new Error(`cannot confirm ${policyPath}: it does not parse as a policy`);
  const record = trustToConfirm(loaded.policy, policyPath, loaded.text, env);
  confirmPolicy(policyPath, record, env);
  return record;
}

/** Why the stored confirmation does not cover this policy as it is now (text or files it runs), or undefined when it does. */
export function confirmationProblem(policyPath: string, policyText: string | Buffer, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    assertTrusted(['it runs or contacts what the policy names'], trustFor(policyPath, true, env), policyContentHash(policyText), policyPath, env);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
