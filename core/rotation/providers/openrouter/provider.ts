/**
 * OpenRouter keys through the Management API (https://openrouter.ai/docs/api/api-reference/api-keys):
 * create  POST   /api/v1/keys { name, limit } → 201 { data: { hash, label, … }, key }
 * revoke  GET    /api/v1/keys?offset=N (100 a page) → the old key by its `label` hint,
 *         DELETE /api/v1/keys/{hash}
 * The Management key goes only to the official host (or the test override).
 */
import { adminCredential, IssuerClient } from '../issuer-http';
import { findByHint } from '../key-hint';
import { ProviderError, type CreatedValue, type OrphanRef, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export const OPENROUTER_API = 'https://openrouter.ai';
const CONSOLE = 'https://openrouter.ai/settings/keys';

export interface OpenRouterOptions {
  managementKey?: string;
  name?: string;
  limit?: number;
  timeoutMs?: number;
}

interface ManagedKey {
  hash: string;
  name?: string;
  label?: string;
}

export function openRouterProvider(opts: OpenRouterOptions): RotationProvider & { sweepOrphans(ctx: ProviderContext): Promise<string[]> } {
  const prefixOf = (ctx: ProviderContext) => opts.name ?? `rotation-guard-${ctx.secretId}`;
  async function session(ctx: ProviderContext) {
    const key = await adminCredential(ctx.secretValue, 'managementKey', opts.managementKey, 'openrouter');
    return { client: new IssuerClient({ envName: 'OPENROUTER', officialBaseUrl: OPENROUTER_API, env: ctx.env, timeoutMs: opts.timeoutMs }), headers: { authorization: `Bearer ${key}` } };
  }
  async function listAll(client: IssuerClient, headers: Record<string, string>): Promise<ManagedKey[]> {
    const out: ManagedKey[] = [];
    for (let offset = 0; offset < 100_000; ) {
      const r = await client.send({ method: 'GET', path: `/api/v1/keys${offset ? `?offset=${offset}` : ''}`, headers });
      const data = (r.json as { data?: ManagedKey[] })?.data;
      if (!Array.isArray(data) || data.length === 0) return out;
      out.push(...data);
      offset += data.length;
    }
    throw new ProviderError('provider/http', 'GET /api/v1/keys: too many keys to list');
  }
  async function sweepOrphans(ctx: ProviderContext): Promise<string[]> {
    const { client, headers } = await session(ctx);
    const prefix = `${prefixOf(ctx)}-`;
    const keys = await listAll(client, headers);
    const keep = ctx.currentValue !== null ? findByHint(keys, ctx.currentValue, (k) => k.label, 'OpenRouter keys')?.hash : undefined;
    const removed: string[] = [];
    for (const k of keys) {
      if (!k.name?.startsWith(prefix) || k.hash === keep) continue;
      await client.send({ method: 'DELETE', path: `/api/v1/keys/${encodeURIComponent(k.hash)}`, headers, accept: [404] });
      removed.push(k.hash);
    }
    return removed;
  }
  return {
    type: 'openrouter',
    needsTrust: true,
    sweepOrphans,
    issuesAtCreate: true,
    issuer: () => CONSOLE,
    /**
     * Rollback or resume: the key `create` made (its hash, the issuer's id, is the versionId) is
     * deleted at once; a run killed before the ledger got the hash leaves the name prefix to go by.
     */
    async discard(ctx, orphan: OrphanRef): Promise<RevokeOutcome> {
      if (!orphan.versionId) {
        const removed = await sweepOrphans(ctx);
        return { outcome: 'ok', detail: removed.length ? `deleted ${removed.length} OpenRouter key(s) named for this secret that no store holds (${removed.map((h) => `${h.slice(0, 12)}…`).join(', ')})` : 'no key named for this secret is left besides the current one' };
      }
      const { client, headers } = await session(ctx);
      const r = await client.send({ method: 'DELETE', path: `/api/v1/keys/${encodeURIComponent(orphan.versionId)}`, headers, accept: [404] });
      return { outcome: 'ok', detail: r.status === 404 ? `OpenRouter key ${orphan.versionId.slice(0, 12)}… was already gone` : `deleted OpenRouter key ${orphan.versionId.slice(0, 12)}…` };
    },
    async create(ctx): Promise<CreatedValue> {
      await sweepOrphans(ctx);
      const { client, headers } = await session(ctx);
      const r = await client.send({ method: 'POST', path: '/api/v1/keys', headers, body: { name: `${prefixOf(ctx)}-${Date.now().toString(36)}`, ...(opts.limit !== undefined ? { limit: opts.limit } : {}) } });
      const body = r.json as { key?: string; data?: { hash?: string } };
      if (typeof body?.key !== 'string' || !body.key) throw new ProviderError('provider/response', 'POST /api/v1/keys answered without a key');
      return { value: body.key, versionId: body.data?.hash };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const { client, headers } = await session(ctx);
      const key = findByHint(await listAll(client, headers), oldValue, (k) => k.label, 'OpenRouter keys');
      if (!key) return { outcome: 'ok', detail: 'the old key is no longer among the account\'s keys' };
      await client.send({ method: 'DELETE', path: `/api/v1/keys/${encodeURIComponent(key.hash)}`, headers, accept: [404] });
      return { outcome: 'ok', detail: `deleted OpenRouter key ${key.hash.slice(0, 12)}…` };
    },
  };
}
