/**
 * OpenAI stand-in, built from the API reference:
 * - Admin API, `Authorization: Bearer <admin key>`:
 *   POST   /v1/organization/projects/{project_id}/service_accounts → the account and its unredacted key
 *          https://platform.openai.com/docs/api-reference/project-service-accounts/create
 *   GET    /v1/organization/projects/{project_id}/service_accounts?limit&after → { object: list, data, first_id, last_id, has_more }
 *          https://platform.openai.com/docs/api-reference/project-service-accounts/list
 *   DELETE /v1/organization/projects/{project_id}/service_accounts/{id} → { object: …service_account.deleted, id, deleted }
 *          https://platform.openai.com/docs/api-reference/project-service-accounts/delete
 *   GET    /v1/organization/projects/{project_id}/api_keys?limit&after → keys with `redacted_value` and `owner`
 *          https://platform.openai.com/docs/api-reference/project-api-keys/list
 *   DELETE /v1/organization/projects/{project_id}/api_keys/{key_id} (a service account's key: 400)
 *          https://platform.openai.com/docs/api-reference/project-api-keys/delete
 * - GET /v1/models with a project key (https://platform.openai.com/docs/api-reference/models/list);
 *   an unknown or deleted key: 401 `invalid_api_key` (https://platform.openai.com/docs/guides/error-codes).
 * Keys are issued in the real formats (sk-svcacct-…, sk-proj-…, sk-admin-…), generated here.
 */
import { randomChars } from '../fake-keys';
import { bearerOf, nowSeconds, StandInServer, type StandInAnswer, type StandInRequest } from './server';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const keyBody = () => `${randomChars(74, KEY_ALPHABET)}T3BlbkFJ${randomChars(74, KEY_ALPHABET)}`;

interface SA { id: string; name: string; created_at: number; role: string }
interface Key { id: string; value: string; name: string; created_at: number; owner: { type: 'user' | 'service_account'; id: string } }

const unauthorized = (): StandInAnswer => ({ status: 401, body: { error: { message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
const notFound = (what: string): StandInAnswer => ({ status: 404, body: { error: { message: `No such ${what}`, type: 'invalid_request_error', param: null, code: null } } });

export class OpenAiStandIn extends StandInServer {
  readonly adminKey = `sk-admin-${randomChars(74, KEY_ALPHABET)}`;
  readonly project = `proj_${randomChars(24)}`;
  readonly accounts = new Map<string, SA>();
  readonly keys = new Map<string, Key>();
  /** Page size the list endpoints use when the client asks for more (to exercise pagination). */
  maxPage = 100;

  constructor() {
    super();
    const p = '/v1/organization/projects/([^/]+)';
    this.route('POST', new RegExp(`^${p}/service_accounts$`), (r, [pid]) => this.admin(r, pid!, () => this.createAccount(r)));
    this.route('GET', new RegExp(`^${p}/service_accounts$`), (r, [pid]) => this.admin(r, pid!, () => this.list(r, [...this.accounts.values()].map((a) => ({ object: 'organization.project.service_account', ...a })))));
    this.route('DELETE', new RegExp(`^${p}/service_accounts/([^/]+)$`), (r, [pid, id]) => this.admin(r, pid!, () => this.deleteAccount(id!)));
    this.route('GET', new RegExp(`^${p}/api_keys$`), (r, [pid]) => this.admin(r, pid!, () => this.list(r, [...this.keys.values()].map((k) => this.keyObject(k)))));
    this.route('DELETE', new RegExp(`^${p}/api_keys/([^/]+)$`), (r, [pid, id]) => this.admin(r, pid!, () => this.deleteKey(id!)));
    this.route('GET', /^\/v1\/models$/, (r) => (this.isValid(bearerOf(r)) ? { status: 200, body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }] } } : unauthorized()));
  }

  /** A person's project key, the kind a project starts with before its first rotation. */
  seedUserKey(): string {
    const k: Key = { id: `key_${randomChars(16)}`, value: `sk-proj-${keyBody()}`, name: 'Secret Key', created_at: nowSeconds(), owner: { type: 'user', id: `user_${randomChars(16)}` } };
    this.keys.set(k.id, k);
    return k.value;
  }

  isValid(value: string | undefined): boolean {
    return !!value && [...this.keys.values()].some((k) => k.value === value);
  }

  /** Every key the issuer would accept now. */
  validKeys(): string[] {
    return [...this.keys.values()].map((k) => k.value);
  }

  private admin(r: StandInRequest, pid: string, then: () => StandInAnswer): StandInAnswer {
    if (bearerOf(r) !== this.adminKey) return unauthorized();
    if (pid !== this.project) return notFound('project');
    return then();
  }

  private createAccount(r: StandInRequest): StandInAnswer {
    const name = (r.body as { name?: unknown })?.name;
    if (typeof name !== 'string' || !name) return { status: 400, body: { error: { message: "Missing required parameter: 'name'.", type: 'invalid_request_error', param: 'name', code: 'missing_required_parameter' } } };
    const sa: SA = { id: `svc_acct_${randomChars(16)}`, name, created_at: nowSeconds(), role: 'member' };
    const key: Key = { id: `key_${randomChars(16)}`, value: `sk-svcacct-${keyBody()}`, name: 'Secret Key', created_at: sa.created_at, owner: { type: 'service_account', id: sa.id } };
    this.accounts.set(sa.id, sa);
    this.keys.set(key.id, key);
    return { status: 200, body: { object: 'organization.project.service_account', ...sa, api_key: { object: 'organization.project.service_account.api_key', value: key.value, name: key.name, created_at: key.created_at, id: key.id } } };
  }

  private deleteAccount(id: string): StandInAnswer {
    if (!this.accounts.delete(id)) return notFound('service account');
    for (const [kid, k] of this.keys) if (k.owner.type === 'service_account' && k.owner.id === id) this.keys.delete(kid);
    return { status: 200, body: { object: 'organization.project.service_account.deleted', id, deleted: true } };
  }

  private deleteKey(id: string): StandInAnswer {
    const k = this.keys.get(id);
    if (!k) return notFound('API key');
    if (k.owner.type === 'service_account') return { status: 400, body: { error: { message: 'API keys owned by a service account cannot be deleted; delete the service account', type: 'invalid_request_error', param: null, code: null } } };
    this.keys.delete(id);
    return { status: 200, body: { object: 'organization.project.api_key.deleted', id, deleted: true } };
  }

  private keyObject(k: Key) {
    const owner = k.owner.type === 'service_account' ? { type: 'service_account', service_account: { ...this.accounts.get(k.owner.id), object: 'organization.project.service_account' } } : { type: 'user', user: { object: 'organization.project.user', id: k.owner.id, name: 'A Person', email: 'person@example.invalid', role: 'owner', added_at: k.created_at } };
    return { object: 'organization.project.api_key', redacted_value: `${k.value.slice(0, 8)}...${k.value.slice(-4)}`, name: k.name, created_at: k.created_at, last_used_at: null, id: k.id, owner };
  }

  /** OpenAI cursor pagination: `limit` (1–100, default 20), `after` = the last id of the previous page. */
  private list(r: StandInRequest, all: Array<{ id: string }>): StandInAnswer {
    const limit = Math.min(Number(r.query.get('limit') ?? 20) || 20, 100, this.maxPage);
    const after = r.query.get('after');
    const start = after ? all.findIndex((x) => x.id === after) + 1 : 0;
    const data = all.slice(start, start + limit);
    return { status: 200, body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: start + limit < all.length } };
  }
}
