import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A cloned repository must not be able to run commands, call URLs or send a value somewhere just
 * because someone opened it or ran `rotate`. The engine runs `command`, `http` and `postgres`
 * providers (and verifications that run or send) only when the workspace is trusted AND the
 * policy's exact content was confirmed by the user: editing the policy revokes the confirmation.
 */
export interface RotationTrust {
  workspaceTrusted: boolean;
  /** sha256 (hex) of the policy file content the user confirmed. */
  confirmedPolicyHash?: string;
}

export class UntrustedPolicyError extends Error {
  readonly code = 'rotation/untrusted';
}

export function policyContentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function assertTrusted(reasons: string[], trust: RotationTrust, policyHash: string, policyPath: string): void {
  if (reasons.length === 0) return;
  const why = reasons.join('; ');
  if (!trust.workspaceTrusted) throw new UntrustedPolicyError(`refusing to rotate: ${why}, and the workspace is not trusted. Trust the workspace (VS Code) or confirm the policy with \`rotation-guard rotate --trust\`.`);
  if (!trust.confirmedPolicyHash) throw new UntrustedPolicyError(`refusing to rotate: ${why}, and this policy (${policyPath}) was never confirmed. Review it, then run \`rotation-guard rotate ID --trust\`.`);
  if (trust.confirmedPolicyHash !== policyHash) throw new UntrustedPolicyError(`refusing to rotate: ${policyPath} changed since you confirmed it (${why}). Review the change, then confirm again with \`rotation-guard rotate ID --trust\`.`);
}

/** `~/.config/rotation-guard/trusted-policies.json`: absolute policy path → sha256 of the confirmed content. */
export function trustedPoliciesPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rotation-guard', 'trusted-policies.json');
}

function readAll(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    const obj = JSON.parse(readFileSync(trustedPoliciesPath(env), 'utf8')) as unknown;
    return obj && typeof obj === 'object' ? (obj as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function confirmedHashFor(policyPath: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return readAll(env)[resolve(policyPath)];
}

export function confirmPolicy(policyPath: string, hash: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = trustedPoliciesPath(env);
  const all = readAll(env);
  all[resolve(policyPath)] = hash;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
