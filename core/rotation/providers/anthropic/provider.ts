/**
 * Anthropic: no create API, so `create` asks a person (like `manual`); `revoke` uses the Admin API
 * (x-api-key: the admin key from its store; anthropic-version: 2023-06-01):
 *   GET  /v1/organizations/api_keys?limit=1000[&after_id=…][&workspace_id=…] → the old key by its
 *        `partial_key_hint`
 *   POST /v1/organizations/api_keys/{id} { status: "inactive" }
 * `create` finds the pasted key the same way and records its id (IssuedKeyJournal, and the ledger's
 * versionId), so a pasted key that never reaches a store is disabled by rollback or the next run.
 * Docs: https://platform.claude.com/docs/en/api/admin/api_keys/list ,
 *       https://platform.claude.com/docs/en/api/admin/api_keys/update
 */
import { adminCredential, IssuerClient } from '../issuer-http';
import { findByHint } from '../key-hint';
import { IssuedKeyJournal } from '../aws-iam/issued-journal';
import { ProviderError, type CreatedValue, type OrphanRef, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export const ANTHROPIC_API = 'https://api.anthropic.com';
export const ANTHROPIC_VERSION = '2023-06-01';
const KEYS_PAGE = 'https://platform.claude.com/settings/keys';

export interface AnthropicOptions {
  adminKey?: string;
  url?: string;
  instructions?: string;
  workspaceId?: string;
  timeoutMs?: number;
}

interface AdminApiKey {
  id: string;
  partial_key_hint?: string | null;
  status?: string;
}

export function anthropicProvider(opts: AnthropicOptions): RotationProvider {
  const journal = (ctx: ProviderContext) => new IssuedKeyJournal(ctx.cwd, 'anthropic', ctx.secretId);
  async function session(ctx: ProviderContext) {
    const admin = await adminCredential(ctx.secretValue, 'adminKey', opts.adminKey, 'anthropic');
    const client = new IssuerClient({ envName: 'ANTHROPIC', officialBaseUrl: ANTHROPIC_API, env: ctx.env, timeoutMs: opts.timeoutMs });
    return { client, headers: { 'x-api-key': admin, 'anthropic-version': ANTHROPIC_VERSION } };
  }
  async function listKeys(ctx: ProviderContext): Promise<AdminApiKey[]> {
    const { client, headers } = await session(ctx);
    const keys: AdminApiKey[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page++) {
      const q = new URLSearchParams({ limit: '1000' });
      if (after) q.set('after_id', after);
      if (opts.workspaceId) q.set('workspace_id', opts.workspaceId);
      const body = (await client.send({ method: 'GET', path: `/v1/organizations/api_keys?${q}`, headers })).json as { data?: AdminApiKey[]; has_more?: boolean; last_id?: string };
      const data = Array.isArray(body?.data) ? body.data : [];
      keys.push(...data);
      if (!body?.has_more || data.length === 0) break;
      after = body.last_id ?? data[data.length - 1]!.id;
    }
    return keys;
  }
  async function disable(ctx: ProviderContext, key: AdminApiKey): Promise<RevokeOutcome> {
    if (key.status !== 'active') return { outcome: 'ok', detail: `key ${key.id} is already ${key.status}` };
    const { client, headers } = await session(ctx);
    await client.send({ method: 'POST', path: `/v1/organizations/api_keys/${encodeURIComponent(key.id)}`, headers, body: { status: 'inactive' } });
    return { outcome: 'ok', detail: `set key ${key.id} inactive` };
  }
  /**
   * The pasted key an earlier run recorded (by its id at Anthropic, never its value) that no store
   * holds: set inactive. Never the key in use now, found by its own hint.
   */
  async function dropRecorded(ctx: ProviderContext, versionId: string | undefined): Promise<RevokeOutcome | undefined> {
    const issued = journal(ctx);
    if (!versionId && (!issued.recorded() || issued.holds(ctx.currentValue))) return undefined;
    const keys = await listKeys(ctx);
    const current = ctx.currentValue !== null ? findByHint(keys, ctx.currentValue, (k) => k.partial_key_hint, 'Anthropic keys') : undefined;
    const key = keys.find((k) => (versionId ? k.id === versionId : issued.names(k.id)));
    if (!key) return undefined;
    if (key.id === current?.id) return { outcome: 'skipped', detail: `key ${key.id} is the one in use now` };
    const r = await disable(ctx, key);
    issued.clear();
    return r;
  }
  return {
    type: 'anthropic',
    needsTrust: true,
    // A person makes the key, but once pasted it is this rotation's: if no store will hold it, it is disabled.
    issuesAtCreate: true,
    issuer: () => opts.url ?? KEYS_PAGE,
    async create(ctx): Promise<CreatedValue> {
      const url = opts.url ?? KEYS_PAGE;
      if (!ctx.prompt) throw new ProviderError('provider/needs-input', `Anthropic has no API that creates keys: create a new key at ${url} and pass it in (CLI: --value-stdin)`);
      const value = (await ctx.prompt({ secretId: ctx.secretId, url, instructions: opts.instructions ?? 'Create a new API key, paste it here; the old key is then disabled through the Admin API and checked to be refused.' })).trim();
      if (!value) throw new ProviderError('provider/empty', 'no value was entered');
      if (value === ctx.currentValue) throw new ProviderError('provider/unchanged', 'the value entered is the current one; create a new key first');
      if (!value.startsWith('sk-ant-') || value.startsWith('sk-ant-admin')) throw new ProviderError('provider/wrong-kind', 'that is not an Anthropic API key (sk-ant-api…); an admin key never goes to an app');
      // A pasted key an earlier, killed run recorded and no store took is disabled first.
      await dropRecorded(ctx, undefined);
      // Its id at Anthropic (found by its hint), recorded before create returns: a run killed
      // before the key reaches a store leaves the next run what to disable, never the value.
      const key = findByHint(await listKeys(ctx), value, (k) => k.partial_key_hint, 'Anthropic keys');
      if (!key) throw new ProviderError('provider/key-not-found', `the pasted key is not among this organization's API keys (by its hint), so it could not be disabled later either; paste a key of the organization the admin key belongs to${opts.workspaceId ? ` (workspace ${opts.workspaceId})` : ''}`);
      if (key.status !== 'active') throw new ProviderError('provider/key-inactive', `the pasted key (${key.id}) is ${key.status} at Anthropic; create a new one at ${url}`);
      journal(ctx).record(key.id, value);
      return { value, versionId: key.id };
    },
    async discard(ctx, orphan: OrphanRef): Promise<RevokeOutcome> {
      const r = await dropRecorded(ctx, orphan.versionId);
      if (r) return r;
      return { outcome: 'skipped', detail: `the key pasted for "${ctx.secretId}" around ${orphan.createdAt} was not recorded (the run stopped before its id was read): disable it at ${opts.url ?? KEYS_PAGE}` };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const key = findByHint(await listKeys(ctx), oldValue, (k) => k.partial_key_hint, 'Anthropic keys');
      // Unlike a delete, a disabled key stays listed: not finding it means it is not this
      // organization's key, which nothing here can revoke.
      if (!key) throw new ProviderError('provider/key-not-found', 'the old key is not among this organization\'s API keys (by its hint); disable it in the Console by hand');
      return disable(ctx, key);
    },
  };
}
