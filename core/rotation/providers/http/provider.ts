import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export interface HttpOptions {
  url?: string;
  method?: 'POST' | 'PUT' | 'PATCH' | 'GET';
  headers?: Record<string, string>;
  responsePath?: string;
  timeoutMs?: number;
  /** Revokes the old value after promotion; `{{old}}` in its headers is that value. */
  revoke?: { url?: string; method?: 'DELETE' | 'POST'; headers?: Record<string, string> };
}

/**
 * Fills `{{value}}` (this secret's current value), `{{secret:ID}}` and, when revoking, `{{old}}`
 * (the value being revoked) in a header template.
 */
export async function fillTemplate(template: string, ctx: Pick<ProviderContext, 'currentValue' | 'secretValue'>, old?: string): Promise<string> {
  let out = template;
  if (out.includes('{{old}}')) {
    if (old === undefined) throw new ProviderError('provider/template', '{{old}} is only available in revoke headers');
    out = out.split('{{old}}').join(old);
  }
  for (const m of template.matchAll(/\{\{secret:([A-Za-z0-9._-]+)\}\}/g)) {
    const v = await ctx.secretValue(m[1]!);
    if (v === null) throw new ProviderError('provider/template', `{{secret:${m[1]}}} has no current value in its stores`);
    out = out.split(m[0]).join(v);
  }
  if (out.includes('{{value}}')) {
    if (ctx.currentValue === null) throw new ProviderError('provider/template', '{{value}} is used but the secret has no current value');
    out = out.split('{{value}}').join(ctx.currentValue);
  }
  return out;
}

/** RFC 6901 JSON pointer. */
export function jsonPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? doc : (doc as Record<string, unknown>)?.[''];
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}

/**
 * The user's endpoint issues the new value. Credentials travel only in headers (templates), never
 * in the URL, which ends up in proxy and server access logs.
 */
async function send(url: string | undefined, method: string, headerTemplates: Record<string, string> | undefined, timeoutMs: number, ctx: ProviderContext, old?: string): Promise<Response> {
  if (!url) throw new ProviderError('provider/config', 'the http provider needs `url`');
  if (/\{\{/.test(url)) throw new ProviderError('provider/config', 'credentials may not be templated into the URL; use a header');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(headerTemplates ?? {})) headers[k] = await fillTemplate(v, ctx, old);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (err) {
    const e = err as Error;
    throw new ProviderError(e.name === 'TimeoutError' ? 'provider/timeout' : 'provider/http', `${method} ${new URL(url).origin}: ${e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : e.message}`);
  }
  if (!res.ok) throw new ProviderError('provider/http-status', `${method} ${new URL(url).origin} answered ${res.status}`);
  return res;
}

export function httpProvider(opts: HttpOptions): RotationProvider {
  const timeoutMs = opts.timeoutMs ?? 30000;
  const revokeSpec = opts.revoke;
  return {
    type: 'http',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      const res = await send(opts.url, opts.method ?? 'POST', opts.headers, timeoutMs, ctx);
      const body = await res.text();
      let value: unknown = body.trim();
      let versionId: string | undefined;
      if ((res.headers.get('content-type') ?? '').includes('json') || opts.responsePath) {
        let doc: unknown;
        try {
          doc = JSON.parse(body);
        } catch {
          throw new ProviderError('provider/http-body', 'the endpoint did not answer with JSON');
        }
        value = jsonPointer(doc, opts.responsePath ?? '/value');
        const id = (doc as Record<string, unknown>)?.id ?? (doc as Record<string, unknown>)?.versionId;
        if (typeof id === 'string' || typeof id === 'number') versionId = String(id);
      }
      if (typeof value !== 'string' || !value) throw new ProviderError('provider/http-body', `no string value at ${opts.responsePath ?? '/value'} in the response`);
      return { value, versionId };
    },
    // Only a configured revoke makes the engine revoke and then prove the old value fails.
    ...(revokeSpec?.url
      ? {
          async revoke(ctx: ProviderContext, oldValue: string): Promise<RevokeOutcome> {
            const method = revokeSpec.method ?? 'DELETE';
            const res = await send(revokeSpec.url, method, revokeSpec.headers, timeoutMs, ctx, oldValue);
            await res.body?.cancel();
            return { outcome: 'ok', detail: `${method} ${new URL(revokeSpec.url!).origin} answered ${res.status}` };
          },
        }
      : {}),
  };
}
