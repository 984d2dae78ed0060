/**
 * HTTP to a credential issuer's admin API (OpenAI, OpenRouter, Anthropic, Azure Resource Manager).
 * The base URL is the issuer's official one; tests point it at a stand-in only through the
 * environment (`ROTATION_GUARD_<PROVIDER>_BASE_URL`), never through a policy, so a hostile
 * policy cannot send an admin key anywhere else. A network error or timeout is a ProviderError,
 * never an answer; 429 (and 503 with `retry-after`) is retried after the issuer's `retry-after`,
 * a bounded number of times. Errors carry the status and the issuer's message, never a header.
 */
import { ProviderError } from './types';

export interface IssuerRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** Path (and query) below the base URL, each id already encoded. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** An application/x-www-form-urlencoded body instead of JSON (OAuth token requests). */
  form?: Record<string, string>;
  /** Statuses the caller handles itself (e.g. 404 on a delete that already happened). */
  accept?: number[];
}

export interface IssuerResponse {
  status: number;
  json: unknown;
  headers: Headers;
}

export interface IssuerClientOptions {
  /** Names the env override: `ROTATION_GUARD_${envName}_BASE_URL`. */
  envName: string;
  officialBaseUrl: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Attempts for a 429 (the first included). */
  maxAttempts?: number;
  /** The longest `retry-after` honoured; a longer one is an error that says when to try again. */
  maxRetryAfterMs?: number;
  /** Test seam: how to wait (defaults to a timer). */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The base URL: the env override (tests, demo) or the official one. */
export function issuerBaseUrl(envName: string, official: string, env: NodeJS.ProcessEnv): string {
  const override = env[`ROTATION_GUARD_${envName}_BASE_URL`];
  if (!override) return official;
  let u: URL;
  try {
    u = new URL(override);
  } catch {
    throw new ProviderError('provider/config', `ROTATION_GUARD_${envName}_BASE_URL is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ProviderError('provider/config', `ROTATION_GUARD_${envName}_BASE_URL must be http(s)`);
  return override.replace(/\/+$/, '');
}

/** `retry-after` in seconds or as an HTTP date (RFC 9110 10.2.3); `retry-after-ms` when the issuer sends it. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const v = headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The issuer's own error message (OpenAI/Anthropic/OpenRouter/ARM shapes), short. */
function issuerMessage(json: unknown): string {
  const o = json as { error?: { message?: unknown; code?: unknown } | string; message?: unknown; error_description?: unknown } | undefined;
  const e = o?.error;
  const m = typeof o?.error_description === 'string' ? o.error_description : typeof e === 'string' ? e : typeof e?.message === 'string' ? e.message : typeof o?.message === 'string' ? o.message : '';
  return String(m).slice(0, 200);
}

export class IssuerClient {
  readonly baseUrl: string;
  constructor(private readonly o: IssuerClientOptions) {
    this.baseUrl = issuerBaseUrl(o.envName, o.officialBaseUrl, o.env);
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  async send(r: IssuerRequest): Promise<IssuerResponse> {
    const url = `${this.baseUrl}${r.path}`;
    const what = `${r.method} ${this.origin}${r.path.split('?')[0]}`;
    const attempts = this.o.maxAttempts ?? 4;
    const sleep = this.o.sleep ?? defaultSleep;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: r.method,
          headers: { accept: 'application/json', ...(r.form ? { 'content-type': 'application/x-www-form-urlencoded' } : r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
          body: r.form ? new URLSearchParams(r.form).toString() : r.body !== undefined ? JSON.stringify(r.body) : undefined,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 30000),
          redirect: 'error',
        });
      } catch (err) {
        const e = err as Error;
        throw new ProviderError(e.name === 'TimeoutError' ? 'provider/timeout' : 'provider/network', `${what}: ${e.name === 'TimeoutError' ? 'no answer in time' : (e.cause as Error | undefined)?.message ?? e.message}`);
      }
      const text = await res.text().catch(() => '');
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const wait = retryAfterMs(res.headers);
      if ((res.status === 429 || (res.status === 503 && wait !== undefined)) && attempt < attempts) {
        const ms = wait ?? 1000 * 2 ** (attempt - 1);
        if (ms > (this.o.maxRetryAfterMs ?? 60000)) throw new ProviderError('provider/rate-limited', `${what}: rate limited; the issuer asks to wait ${Math.ceil(ms / 1000)} s — try again then`);
        await sleep(ms);
        continue;
      }
      if (res.ok || r.accept?.includes(res.status)) return { status: res.status, json, headers: res.headers };
      const code = res.status === 429 ? 'provider/rate-limited' : res.status === 401 || res.status === 403 ? 'provider/admin-refused' : 'provider/http';
      throw new ProviderError(code, `${what} answered ${res.status}${issuerMessage(json) ? `: ${issuerMessage(json)}` : ''}`);
    }
  }
}

/** The value of the admin credential the policy names (`adminKey`), read from its own stores. */
export async function adminCredential(secretValue: (id: string) => Promise<string | null>, field: string, id: string | undefined, provider: string): Promise<string> {
  if (!id) throw new ProviderError('provider/config', `the ${provider} provider needs \`${field}\`: the id of the secret that holds the admin credential`);
  const v = await secretValue(id);
  if (!v) throw new ProviderError('provider/admin-missing', `the admin secret "${id}" (${field}) has no current value in its stores`);
  return v;
}
