/**
 * Azure stand-in: the Entra token endpoint, Azure Resource Manager's account keys and the Azure
 * OpenAI data plane, from:
 *   POST /{tenant}/oauth2/v2.0/token (grant_type=client_credentials, client_id, client_secret, scope)
 *        https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 *   POST /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{a}/listKeys?api-version=…
 *        https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/list-keys
 *   POST …/regenerateKey?api-version=… { keyName: Key1 | Key2 } → { key1, key2 }
 *        https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key
 *   GET  /openai/models?api-version=… (header `api-key`) and POST /openai/deployments/{d}/chat/completions
 *        https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference ; a wrong key: 401
 * A regenerated key's old value is refused from that moment, as Azure documents
 * (https://learn.microsoft.com/en-us/azure/ai-services/rotate-keys).
 */
import { randomUUID } from 'node:crypto';
import { randomChars } from '../fake-keys';
import { bearerOf, StandInServer, type StandInAnswer, type StandInRequest } from './server';

const azureKey = () => randomChars(84);
const denied = (): StandInAnswer => ({ status: 401, body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } } });

export class AzureStandIn extends StandInServer {
  readonly tenantId = randomUUID();
  readonly clientId = randomUUID();
  readonly clientSecret = randomChars(40);
  readonly subscriptionId = randomUUID();
  readonly resourceGroup = 'llm-test';
  readonly account = `standin-${randomChars(6).toLowerCase()}`;
  key1 = azureKey();
  key2 = azureKey();
  private readonly tokens = new Set<string>();
  /** Requests the data plane answered, by outcome (the live bench counts these). */
  served = { ok: 0, denied: 0 };

  constructor() {
    super();
    this.route('POST', /^\/([^/]+)\/oauth2\/v2\.0\/token$/, (r, [tenant]) => this.token(r, tenant!));
    const arm = '^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.CognitiveServices/accounts/([^/]+)';
    this.route('POST', new RegExp(`${arm}/listKeys$`), (r, p) => this.arm(r, p, () => ({ status: 200, body: { key1: this.key1, key2: this.key2 } })));
    this.route('POST', new RegExp(`${arm}/regenerateKey$`), (r, p) => this.arm(r, p, () => this.regenerate(r)));
    this.route('GET', /^\/openai\/models$/, (r) => this.dataPlane(r, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }));
    this.route('POST', /^\/openai\/deployments\/([^/]+)\/chat\/completions$/, (r, [d]) => this.dataPlane(r, { id: `chatcmpl-${randomChars(12)}`, object: 'chat.completion', model: d, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
  }

  validKeys(): string[] {
    return [this.key1, this.key2];
  }

  private token(r: StandInRequest, tenant: string): StandInAnswer {
    const b = (r.body ?? {}) as Record<string, string>;
    if (tenant !== this.tenantId) return { status: 400, body: { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenant}' not found.` } };
    if (b.grant_type !== 'client_credentials' || b.scope !== 'https://management.azure.com/.default') return { status: 400, body: { error: 'invalid_request', error_description: 'AADSTS900144: The request body must contain grant_type and scope.' } };
    if (b.client_id !== this.clientId || b.client_secret !== this.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
    const t = randomChars(120);
    this.tokens.add(t);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: t } };
  }

  private arm(r: StandInRequest, [sub, rg, acct]: string[], then: () => StandInAnswer): StandInAnswer {
    if (!this.tokens.has(bearerOf(r) ?? '')) return { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } };
    if (!r.query.get('api-version')) return { status: 400, body: { error: { code: 'MissingApiVersionParameter', message: "The api-version query parameter (?api-version=) is required for all requests." } } };
    if (sub !== this.subscriptionId || rg !== this.resourceGroup || acct !== this.account) return { status: 404, body: { error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.CognitiveServices/accounts/${acct}' under resource group '${rg}' was not found.` } } };
    return then();
  }

  private regenerate(r: StandInRequest): StandInAnswer {
    const name = (r.body as { keyName?: unknown })?.keyName;
    if (name === 'Key1') this.key1 = azureKey();
    else if (name === 'Key2') this.key2 = azureKey();
    else return { status: 400, body: { error: { code: 'InvalidRequestContent', message: 'keyName must be Key1 or Key2' } } };
    return { status: 200, body: { key1: this.key1, key2: this.key2 } };
  }

  private dataPlane(r: StandInRequest, body: unknown): StandInAnswer {
    const k = r.headers['api-key'];
    if (k !== this.key1 && k !== this.key2) {
      this.served.denied++;
      return denied();
    }
    this.served.ok++;
    return { status: 200, body };
  }
}
