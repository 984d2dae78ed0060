/**
 * One live check: the key goes to its preset's host (official, or the test override from the
 * environment; never a host a policy or a file names) with the preset's read-only call. A network
 * error, a timeout, a redirect, a 5xx or a 429 is `unknown`, never `refused`: only the issuer's own
 * refusal proves a key dead.
 */
import { judgeAnswer, type LivePreset, type LiveStatus } from './presets';

export interface LiveResult {
  status: LiveStatus;
  /** What was asked and what answered, without the key. */
  detail: string;
  host: string;
}

export interface LiveCheckOptions {
  env: NodeJS.ProcessEnv;
  /** Per-resource hosts (Azure): only from a rotation provider's validated spec, never from a file. */
  resourceBaseUrl?: string;
  timeoutMs?: number;
  /** A 429 with a `retry-after` of at most this long is waited out once. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function presetBaseUrl(p: LivePreset, env: NodeJS.ProcessEnv, resourceBaseUrl?: string): string | undefined {
  const override = env[`ROTATION_GUARD_${p.envName}_BASE_URL`];
  const url = override || p.baseUrl || resourceBaseUrl;
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  } catch {
    return undefined;
  }
  return url.replace(/\/+$/, '');
}

export async function checkLiveKey(p: LivePreset, key: string, o: LiveCheckOptions): Promise<LiveResult> {
  const base = presetBaseUrl(p, o.env, o.resourceBaseUrl);
  if (!base) return { status: 'unknown', detail: `${p.title}: no host to ask (a per-resource service needs its endpoint)`, host: '' };
  const host = new URL(base).host;
  const what = `${p.method} ${host}${p.path.split('?')[0]}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${base}${p.path}`, { method: p.method, headers: { accept: 'application/json', ...p.headers(key) }, signal: AbortSignal.timeout(o.timeoutMs ?? 10000), redirect: 'manual' });
    } catch (err) {
      const e = err as Error;
      return { status: 'unknown', detail: `${what}: ${e.name === 'TimeoutError' ? 'no answer in time' : 'network error'}`, host };
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429 && attempt === 0) {
      const ra = Number(res.headers.get('retry-after'));
      if (Number.isFinite(ra) && ra * 1000 <= (o.maxRetryAfterMs ?? 2000)) {
        await (o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(ra * 1000);
        continue;
      }
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const status = judgeAnswer(p, res.status, body);
    return { status, detail: `${what} answered ${res.status}`, host };
  }
  return { status: 'unknown', detail: `${what}: rate limited`, host };
}
