/**
 * Anthropic: no create API, so `create` asks a person (like `manual`); `revoke` uses the Admin API
 * (x-api-key: the admin key from its store; anthropic-version: 2023-06-01):
 *   GET  /v1/organizations/api_keys?limit=1000[&after_id=…][&workspace_id=…] → the old key by its
 *        `partial_key_hint`
 *   POST /v1/organizations/api_keys/{id} { status: "inactive" }
 * Docs: https://platform.claude.com/docs/en/api/admin/api_keys/list ,
 *       https://platform.claude.com/docs/en/api/admin/api_keys/update
 */
import { adminCredential, IssuerClient } from '../issuer-http';
import { findByHint } from '../key-hint';
import { ProviderError, type CreatedValue, type RevokeOutcome, type RotationProvider } from '../types';

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
  return {
    type: 'anthropic',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      const url = opts.url ?? KEYS_PAGE;
      if (!ctx.prompt) throw new ProviderError('provider/needs-input', `Anthropic has no API that creates keys: create a new key at ${url} and pass it in (CLI: --value-stdin)`);
      const value = (await ctx.prompt({ secretId: ctx.secretId, url, instructions: opts.instructions ?? 'Create a new API key, paste it here; the old key is then disabled through the Admin API and checked to be refused.' })).trim();
      if (!value) throw new ProviderError('provider/empty', 'no value was entered');
      if (value === ctx.currentValue) throw new ProviderError('provider/unchanged', 'the value entered is the current one; create a new key first');
      if (!value.startsWith('sk-ant-') || value.startsWith('sk-ant-admin')) throw new ProviderError('provider/wrong-kind', 'that is not an Anthropic API key (sk-ant-api…); an admin key never goes to an app');
      return { value };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const admin = await adminCredential(ctx.secretValue, 'adminKey', opts.adminKey, 'anthropic');
      const client = new IssuerClient({ envName: 'ANTHROPIC', officialBaseUrl: ANTHROPIC_API, env: ctx.env, timeoutMs: opts.timeoutMs });
      const headers = { 'x-api-key': admin, 'anthropic-version': ANTHROPIC_VERSION };
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
      const key = findByHint(keys, oldValue, (k) => k.partial_key_hint, 'Anthropic keys');
      // Unlike a delete, a disabled key stays listed: not finding it means it is not this
      // organization's key, which nothing here can revoke.
      if (!key) throw new ProviderError('provider/key-not-found', 'the old key is not among this organization\'s API keys (by its hint); disable it in the Console by hand');
      if (key.status !== 'active') return { outcome: 'ok', detail: `key ${key.id} is already ${key.status}` };
      await client.send({ method: 'POST', path: `/v1/organizations/api_keys/${encodeURIComponent(key.id)}`, headers, body: { status: 'inactive' } });
      return { outcome: 'ok', detail: `set key ${key.id} inactive` };
    },
  };
}
