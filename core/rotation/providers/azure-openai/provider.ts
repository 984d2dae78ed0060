/**
 * Azure OpenAI keys, dual. A resource always has two valid keys; regenerating one kills its old
 * value at once. So a rotation never regenerates the key apps use:
 *   create   regenerate the OTHER slot (its fresh value is the new one); apps keep working on theirs
 *   promote  the stores (and `run --watch` apps) move to the new key
 *   revoke   regenerate the slot apps left: the old value dies, and the spare holds a fresh value
 *            that never left Azure
 * Token: POST {login}/{tenant}/oauth2/v2.0/token (client credentials, scope
 * https://management.azure.com/.default). ARM: POST …/accounts/{account}/listKeys and
 * …/regenerateKey { keyName } (api-version 2023-05-01) → { key1, key2 }.
 * Docs: https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key
 */
import { adminCredential, IssuerClient } from '../issuer-http';
import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export const AZURE_ARM = 'https://management.azure.com';
export const AZURE_LOGIN = 'https://login.microsoftonline.com';
export const ARM_API_VERSION = '2023-05-01';

export interface AzureOpenAiOptions {
  subscriptionId?: string;
  resourceGroup?: string;
  account?: string;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs?: number;
}

type Slot = 'Key1' | 'Key2';
const other = (s: Slot): Slot => (s === 'Key1' ? 'Key2' : 'Key1');
const field = (s: Slot): 'key1' | 'key2' => (s === 'Key1' ? 'key1' : 'key2');

export function azureOpenAiProvider(opts: AzureOpenAiOptions): RotationProvider {
  async function arm(ctx: ProviderContext) {
    for (const k of ['subscriptionId', 'resourceGroup', 'account', 'tenantId', 'clientId'] as const) {
      if (!opts[k]) throw new ProviderError('provider/config', `the azure-openai provider needs \`${k}\``);
    }
    const secret = await adminCredential(ctx.secretValue, 'clientSecret', opts.clientSecret, 'azure-openai');
    const login = new IssuerClient({ envName: 'AZURE_LOGIN', officialBaseUrl: AZURE_LOGIN, env: ctx.env, timeoutMs: opts.timeoutMs });
    const tok = await login.send({
      method: 'POST',
      path: `/${encodeURIComponent(opts.tenantId!)}/oauth2/v2.0/token`,
      headers: {},
      form: { grant_type: 'client_credentials', client_id: opts.clientId!, client_secret: secret, scope: 'https://management.azure.com/.default' },
    });
    const token = (tok.json as { access_token?: string })?.access_token;
    if (!token) throw new ProviderError('provider/response', 'the Entra token endpoint answered without an access_token');
    const client = new IssuerClient({ envName: 'AZURE', officialBaseUrl: AZURE_ARM, env: ctx.env, timeoutMs: opts.timeoutMs });
    const base = `/subscriptions/${encodeURIComponent(opts.subscriptionId!)}/resourceGroups/${encodeURIComponent(opts.resourceGroup!)}/providers/Microsoft.CognitiveServices/accounts/${encodeURIComponent(opts.account!)}`;
    const headers = { authorization: `Bearer ${token}` };
    const keys = async (action: 'listKeys' | 'regenerateKey', keyName?: Slot) => {
      const r = await client.send({ method: 'POST', path: `${base}/${action}?api-version=${ARM_API_VERSION}`, headers, ...(keyName ? { body: { keyName } } : {}) });
      const k = r.json as { key1?: string; key2?: string };
      if (typeof k?.key1 !== 'string' || typeof k?.key2 !== 'string') throw new ProviderError('provider/response', `${action} answered without key1 and key2`);
      return { key1: k.key1, key2: k.key2 };
    };
    return { keys };
  }
  const slotOf = (k: { key1: string; key2: string }, value: string | null): Slot | undefined => (value === null ? undefined : k.key1 === value ? 'Key1' : k.key2 === value ? 'Key2' : undefined);

  return {
    type: 'azure-openai',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      const { keys } = await arm(ctx);
      const now = await keys('listKeys');
      const inUse = slotOf(now, ctx.currentValue);
      if (ctx.currentValue !== null && !inUse) throw new ProviderError('provider/key-not-found', `the current value is neither Key1 nor Key2 of ${opts.account}; store one of them first`);
      const next = inUse ? other(inUse) : 'Key1';
      const after = await keys('regenerateKey', next);
      return { value: after[field(next)], versionId: next };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const { keys } = await arm(ctx);
      const slot = slotOf(await keys('listKeys'), oldValue);
      if (!slot) return { outcome: 'ok', detail: `the old value is no longer a key of ${opts.account} (regenerated already)` };
      await keys('regenerateKey', slot);
      return { outcome: 'ok', detail: `regenerated ${slot} of ${opts.account}: its old value is dead; the spare holds a fresh value that never left Azure` };
    },
  };
}
