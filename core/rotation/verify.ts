import { connect } from 'node:net';
import { parseDuration } from '../policy/model/duration';
import { PROVIDER_DEFINITIONS } from './providers/definitions';
import { providerCheck } from './providers/registry';
import { runUserCommand } from './providers/run-command';
import { checkLiveKey } from '../verify-live/check';
import { livePreset, presetForProvider } from '../verify-live/presets';
import type { CheckContext, CheckResult } from './providers/types';

export type { CheckContext, CheckResult, CheckStatus } from './providers/types';

export interface VerificationInput {
  type: string;
  [k: string]: unknown;
}

/** Verification needs a trusted workspace when it runs a command or sends the value somewhere. */
export const VERIFICATIONS_NEEDING_TRUST = new Set(['http', 'command', 'tcp', ...PROVIDER_DEFINITIONS.filter((d) => 'verification' in d).map((d) => d.type)]);

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

/** The key's own service answers (core/verify-live): accepted = works, its refusal = refused, anything else = error. */
async function serviceCheck(spec: VerificationInput, value: string, ctx: CheckContext): Promise<CheckResult> {
  const preset = str(spec.service) ? livePreset(str(spec.service)!) : presetForProvider(ctx.provider?.type);
  if (!preset) return { status: 'error', detail: 'provider verification: name a `service` (the rotation provider has no preset)' };
  const p = ctx.provider ?? { type: '' };
  // Azure OpenAI keys work at their own resource: the endpoint the (schema-checked) provider names.
  const resourceBaseUrl = preset.id === 'azure-openai' ? str(p.endpoint) ?? (str(p.account) ? `https://${str(p.account)}.openai.azure.com` : undefined) : undefined;
  const r = await checkLiveKey(preset, value, { env: ctx.env, resourceBaseUrl });
  return { status: r.status === 'live' ? 'works' : r.status === 'refused' ? 'refused' : 'error', detail: r.detail };
}

export async function checkValue(spec: VerificationInput, value: string, ctx: CheckContext): Promise<CheckResult> {
  switch (spec.type) {
    case 'http':
      return httpCheck(spec, value);
    case 'tcp':
      return tcpCheck(spec);
    case 'command':
      return commandCheck(spec, value, ctx);
    case 'provider':
      return serviceCheck(spec, value, ctx);
    default: {
      const login = providerCheck(spec.type);
      return login ? login(spec, value, ctx) : { status: 'error', detail: `unknown verification type "${spec.type}"` };
    }
  }
}

/** A check for "the old value fails" is conclusive only for types that test the credential itself. */
export function canProveRevocation(spec: VerificationInput | undefined): boolean {
  return !!spec && spec.type !== 'tcp';
}
