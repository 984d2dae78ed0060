/**
 * OpenAI project keys through the Admin API (an organization owner's admin key, read from the
 * store of the secret `adminKey` names; it goes only to the official host or the test override).
 *
 * create  POST   /v1/organization/projects/{project}/service_accounts  → { id, api_key: { value } }
 * revoke  GET    /v1/organization/projects/{project}/api_keys (paged) → the old key by its
 *                `redacted_value`, then DELETE …/service_accounts/{id} (a service account's key)
 *                or DELETE …/api_keys/{key_id} (a user's key, e.g. the first one being replaced)
 * Docs: https://platform.openai.com/docs/api-reference/project-service-accounts ,
 *       https://platform.openai.com/docs/api-reference/project-api-keys
 */
import { adminCredential, IssuerClient } from '../issuer-http';
import { findByHint } from '../key-hint';
import { ProviderError, type CreatedValue, type OrphanRef, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export const OPENAI_API = 'https://api.openai.com';
const CONSOLE = 'https://platform.openai.com/settings/organization/projects';

export interface OpenAiOptions {
  project?: string;
  adminKey?: string;
  serviceAccountName?: string;
  timeoutMs?: number;
}

interface ProjectApiKey {
  id: string;
  redacted_value?: string;
  owner?: { type?: string; service_account?: { id: string; name?: string } };
}
interface ServiceAccount {
  id: string;
  name?: string;
}
interface ListPage<T> {
  data?: T[];
  has_more?: boolean;
  last_id?: string | null;
}

/** Every item of an OpenAI cursor list (`after` = the previous page's last id), bounded. */
async function listAll<T extends { id: string }>(client: IssuerClient, path: string, headers: Record<string, string>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await client.send({ method: 'GET', path: `${path}${sep}limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, headers });
    const body = r.json as ListPage<T>;
    const data = Array.isArray(body?.data) ? body.data : [];
    out.push(...data);
    if (!body?.has_more || data.length === 0) return out;
    after = body.last_id ?? data[data.length - 1]!.id;
  }
  throw new ProviderError('provider/http', `${path}: more than 100 pages`);
}

export function openAiProvider(opts: OpenAiOptions): RotationProvider & { sweepOrphans(ctx: ProviderContext): Promise<string[]> } {
  const prefixOf = (ctx: ProviderContext) => opts.serviceAccountName ?? `rotation-guard-${ctx.secretId}`;
  async function session(ctx: ProviderContext) {
    if (!opts.project) throw new ProviderError('provider/config', 'the openai provider needs `project` (proj_…)');
    const admin = await adminCredential(ctx.secretValue, 'adminKey', opts.adminKey, 'openai');
    const client = new IssuerClient({ envName: 'OPENAI', officialBaseUrl: OPENAI_API, env: ctx.env, timeoutMs: opts.timeoutMs });
    const base = `/v1/organization/projects/${encodeURIComponent(opts.project)}`;
    return { client, base, headers: { authorization: `Bearer ${admin}` } };
  }

  /**
   * Service accounts named with this secret's prefix that own no key a store holds: what a
   * rotation killed between the issuer's answer and the ledger left behind. Deleted before a new
   * one is made, so the issuer never accumulates keys nobody holds.
   */
  async function sweepOrphans(ctx: ProviderContext): Promise<string[]> {
    const { client, base, headers } = await session(ctx);
    const prefix = `${prefixOf(ctx)}-`;
    const accounts = (await listAll<ServiceAccount>(client, `${base}/service_accounts`, headers)).filter((a) => a.name?.startsWith(prefix));
    if (accounts.length === 0) return [];
    let keep: string | undefined;
    if (ctx.currentValue !== null) {
      const keys = await listAll<ProjectApiKey>(client, `${base}/api_keys`, headers);
      keep = findByHint(keys, ctx.currentValue, (k) => k.redacted_value, 'project keys')?.owner?.service_account?.id;
    }
    const removed: string[] = [];
    for (const a of accounts) {
      if (a.id === keep) continue;
      await client.send({ method: 'DELETE', path: `${base}/service_accounts/${encodeURIComponent(a.id)}`, headers, accept: [404] });
      removed.push(a.id);
    }
    return removed;
  }

  return {
    type: 'openai',
    needsTrust: true,
    sweepOrphans,
    issuesAtCreate: true,
    issuer: () => `${CONSOLE} (project ${opts.project ?? '?'}, Service accounts)`,
    /**
     * Rollback or resume: the service account `create` made (its id is the versionId) is deleted at
     * once. A run killed before the ledger got that id leaves only the name prefix to go by.
     */
    async discard(ctx, orphan: OrphanRef): Promise<RevokeOutcome> {
      if (!orphan.versionId) {
        const removed = await sweepOrphans(ctx);
        return { outcome: 'ok', detail: removed.length ? `deleted service account${removed.length > 1 ? 's' : ''} ${removed.join(', ')} named for this secret that own no stored key` : `no service account named for this secret is left besides the current key's` };
      }
      const { client, base, headers } = await session(ctx);
      const r = await client.send({ method: 'DELETE', path: `${base}/service_accounts/${encodeURIComponent(orphan.versionId)}`, headers, accept: [404] });
      return { outcome: 'ok', detail: r.status === 404 ? `service account ${orphan.versionId} was already gone` : `deleted service account ${orphan.versionId} (and its key)` };
    },
    async create(ctx): Promise<CreatedValue> {
      await sweepOrphans(ctx);
      const { client, base, headers } = await session(ctx);
      const r = await client.send({ method: 'POST', path: `${base}/service_accounts`, headers, body: { name: `${prefixOf(ctx)}-${Date.now().toString(36)}` } });
      const body = r.json as { id?: string; api_key?: { value?: string } | null };
      const value = body?.api_key?.value;
      if (!body?.id || typeof value !== 'string' || !value) throw new ProviderError('provider/response', 'the service account was created without an API key in the answer (create_service_account_only?)');
      return { value, versionId: body.id };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const { client, base, headers } = await session(ctx);
      const keys = await listAll<ProjectApiKey>(client, `${base}/api_keys`, headers);
      const key = findByHint(keys, oldValue, (k) => k.redacted_value, 'project keys');
      // Not listed: deleted already (a resumed revoke), so the check that follows decides.
      if (!key) return { outcome: 'ok', detail: `the old key is no longer among project ${opts.project}'s keys` };
      const sa = key.owner?.type === 'service_account' ? key.owner.service_account?.id : undefined;
      if (sa) {
        await client.send({ method: 'DELETE', path: `${base}/service_accounts/${encodeURIComponent(sa)}`, headers, accept: [404] });
        return { outcome: 'ok', detail: `deleted service account ${sa} (and its key ${key.id})` };
      }
      await client.send({ method: 'DELETE', path: `${base}/api_keys/${encodeURIComponent(key.id)}`, headers, accept: [404] });
      return { outcome: 'ok', detail: `deleted project key ${key.id}` };
    },
  };
}
