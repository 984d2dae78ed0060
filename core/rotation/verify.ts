import { connect } from 'node:net';
import { parseDuration } from '../policy/duration';
import { pgLogin } from './providers/postgres';
import { mariadbLogin } from './providers/mariadb';
import { redisLogin } from './providers/redis';
import { runUserCommand } from './providers/run-command';
import { checkAwsCredential } from './providers/aws-iam/check';
import { checkBedrockKey } from './providers/aws-bedrock/provider';
import { checkGeminiKey } from './providers/gemini/check';

/**
 * `works` and `refused` are conclusive; `error` (network down, timeout, unexpected status) is not,
 * so "the old value fails" is only ever recorded on a real refusal (401/403, 28P01, non-zero exit).
 */
export type CheckStatus = 'works' | 'refused' | 'error';
export interface CheckResult {
  status: CheckStatus;
  detail: string;
}

export interface VerificationInput {
  type: string;
  [k: string]: unknown;
}

export interface CheckContext {
  /** The provider spec, for defaults (postgres host/port/database/role). */
  provider?: { type: string; [k: string]: unknown };
  /** The account that holds this value (alternating-users), overriding the spec's user. */
  user?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Verification needs a trusted workspace when it runs a command or sends the value somewhere. */
export const VERIFICATIONS_NEEDING_TRUST = new Set(['http', 'postgres', 'mariadb', 'redis', 'command', 'tcp']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

async function httpCheck(spec: VerificationInput, value: string): Promise<CheckResult> {
  const url = str(spec.url);
  const template = str(spec.header);
  if (!url || !template) return { status: 'error', detail: 'http verification needs `url` and `header`' };
  if (url.includes('{{')) return { status: 'error', detail: 'the value may not be templated into the URL' };
  const colon = template.indexOf(':');
  if (colon <= 0) return { status: 'error', detail: 'header must look like "Name: template with {{value}}"' };
  const name = template.slice(0, colon).trim();
  const headerValue = template.slice(colon + 1).trim().split('{{value}}').join(value);
  const origin = new URL(url).origin;
  try {
    const res = await fetch(url, { method: str(spec.method) ?? 'GET', headers: { [name]: headerValue }, signal: AbortSignal.timeout(15000), redirect: 'manual' });
    await res.arrayBuffer().catch(() => undefined);
    const expect = num(spec.expectStatus);
    if (expect ? res.status === expect : res.ok) return { status: 'works', detail: `${origin} answered ${res.status}` };
    if (res.status === 401 || res.status === 403) return { status: 'refused', detail: `${origin} answered ${res.status}` };
    return { status: 'error', detail: `${origin} answered ${res.status} (expected ${expect ?? '2xx'})` };
  } catch (err) {
    return { status: 'error', detail: `${origin}: ${(err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message}` };
  }
}

function tcpCheck(spec: VerificationInput): Promise<CheckResult> {
  const host = str(spec.host) ?? '127.0.0.1';
  const port = num(spec.port) ?? 0;
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 5000 });
    s.once('connect', () => {
      s.destroy();
      // Reachability says nothing about the credential: never conclusive for "old fails".
      resolve({ status: 'works', detail: `${host}:${port} reachable (TCP only; the credential itself was not tested)` });
    });
    s.once('timeout', () => {
      s.destroy();
      resolve({ status: 'error', detail: `${host}:${port} timed out` });
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve({ status: 'error', detail: `${host}:${port} ${e.code ?? e.message}` }));
  });
}

async function commandCheck(spec: VerificationInput, value: string, ctx: CheckContext): Promise<CheckResult> {
  const command = str(spec.command);
  if (!command) return { status: 'error', detail: 'command verification needs `command`' };
  const timeoutMs = typeof spec.timeout === 'string' ? parseDuration(spec.timeout) : 15000;
  const r = await runUserCommand(command, Array.isArray(spec.args) ? spec.args.map(String) : [], { cwd: ctx.cwd, env: { ...ctx.env, ROTATION_GUARD_VALUE: value }, stdin: `${value}\n`, timeoutMs });
  if (r.timedOut) return { status: 'error', detail: `${command} timed out after ${timeoutMs} ms` };
  return r.code === 0 ? { status: 'works', detail: `${command} exited 0` } : { status: 'refused', detail: `${command} exited ${r.code}` };
}

export async function checkValue(spec: VerificationInput, value: string, ctx: CheckContext): Promise<CheckResult> {
  switch (spec.type) {
    case 'http':
      return httpCheck(spec, value);
    case 'tcp':
      return tcpCheck(spec);
    case 'command':
      return commandCheck(spec, value, ctx);
    case 'postgres': {
      const p: Record<string, unknown> = ctx.provider?.type === 'postgres' ? ctx.provider : {};
      const host = str(spec.host) ?? str(p.host) ?? '127.0.0.1';
      const port = num(spec.port) ?? num(p.port) ?? 5432;
      const database = str(spec.database) ?? str(p.database) ?? 'postgres';
      const user = ctx.user ?? str(spec.user) ?? str(p.role);
      if (!user) return { status: 'error', detail: 'postgres verification needs `user` (or the provider `role`)' };
      return pgLogin({ host, port, database, user, password: value });
    }
    case 'mariadb':
    case 'redis': {
      const p: Record<string, unknown> = ctx.provider?.type === spec.type ? ctx.provider : {};
      const host = str(spec.host) ?? str(p.host) ?? '127.0.0.1';
      const port = num(spec.port) ?? num(p.port) ?? (spec.type === 'redis' ? 6379 : 3306);
      const user = ctx.user ?? str(spec.user) ?? str(p.user);
      if (!user) return { status: 'error', detail: `${spec.type} verification needs \`user\` (or the provider \`user\`)` };
      return spec.type === 'redis' ? redisLogin({ host, port, user, password: value }) : mariadbLogin({ host, port, user, password: value, database: str(p.database) });
    }
    // The issuer's own read-only call, at its official host (the environment may move it for tests).
    case 'aws-sts':
      return checkAwsCredential(value, ctx.env, str(spec.region) ?? str(ctx.provider?.region));
    case 'aws-bedrock':
      return checkBedrockKey(value, ctx.env, str(spec.region) ?? str(ctx.provider?.region));
    case 'gemini':
      return checkGeminiKey(value, ctx.env);
    default:
      return { status: 'error', detail: `unknown verification type "${spec.type}"` };
  }
}

/** A check for "the old value fails" is conclusive only for types that test the credential itself. */
export function canProveRevocation(spec: VerificationInput | undefined): boolean {
  return !!spec && spec.type !== 'tcp';
}
