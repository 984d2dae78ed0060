/**
 * Anthropic stand-in, from the Admin API and Models reference:
 *   GET  /v1/organizations/api_keys?limit&after_id&status&workspace_id → { data, has_more, first_id, last_id }
 *        https://platform.claude.com/docs/en/api/admin/api_keys/list
 *   POST /v1/organizations/api_keys/{id} { name?, status? (active|inactive|archived) } → the key
 *        https://platform.claude.com/docs/en/api/admin/api_keys/update
 *   GET  /v1/models (x-api-key + anthropic-version) → { data, has_more, first_id, last_id }; an
 *        unknown or inactive key: 401 { type: error, error: { type: authentication_error } }
 *        https://platform.claude.com/docs/en/api/models/list , https://platform.claude.com/docs/en/api/errors
 * Admin endpoints need an admin key (sk-ant-admin01-…); there is no create endpoint: `issueKey`
 * plays the Console, where a person makes a key.
 */
import { randomChars } from '../fake-keys';
import { bearerOf, StandInServer, type StandInAnswer, type StandInRequest } from './server';

/** The documented `x-api-key`, or `Authorization: Bearer`, which the official SDK (1.17) sends for an API key. */
const keyOf = (r: StandInRequest): string | undefined => (typeof r.headers['x-api-key'] === 'string' ? r.headers['x-api-key'] : bearerOf(r));

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
interface AKey { id: string; type: 'api_key'; name: string; partial_key_hint: string; status: 'active' | 'inactive' | 'archived'; created_at: string; created_by: { id: string; type: 'user' }; workspace_id: string | null; value: string }

const authError = (): StandInAnswer => ({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });

export class AnthropicStandIn extends StandInServer {
  readonly adminKey = `sk-ant-admin01-${randomChars(93, ALPHA)}AA`;
  readonly keys = new Map<string, AKey>();
  pageSize = 1000;
  /** Keys of other organizations: the API accepts them, but this organization's admin list never shows them. */
  readonly foreignKeys = new Set<string>();

  constructor() {
    super();
    this.route('GET', /^\/v1\/organizations\/api_keys$/, (r) => this.admin(r, () => this.list(r)));
    this.route('POST', /^\/v1\/organizations\/api_keys\/([^/]+)$/, (r, [id]) => this.admin(r, () => this.update(id!, r)));
    this.route('GET', /^\/v1\/models$/, (r) => {
      if (!r.headers['anthropic-version']) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } } };
      const k = [...this.keys.values()].find((x) => x.value === keyOf(r));
      if ((!k || k.status !== 'active') && !this.foreignKeys.has(keyOf(r) ?? '')) return authError();
      return { status: 200, body: { data: [{ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }], has_more: false, first_id: 'claude-sonnet-4-5', last_id: 'claude-sonnet-4-5' } };
    });
  }

  /** What a person does in the Console: a new active key, its value shown once. */
  issueKey(name = 'made in the Console'): string {
    const value = `sk-ant-api03-${randomChars(93, ALPHA)}AA`;
    const id = `apikey_${randomChars(24)}`;
    this.keys.set(id, { id, type: 'api_key', name, partial_key_hint: `${value.slice(0, 16)}...${value.slice(-4)}`, status: 'active', created_at: new Date().toISOString(), created_by: { id: `user_${randomChars(24)}`, type: 'user' }, workspace_id: null, value });
    return value;
  }

  validKeys(): string[] {
    return [...this.keys.values()].filter((k) => k.status === 'active').map((k) => k.value);
  }

  private admin(r: StandInRequest, then: () => StandInAnswer): StandInAnswer {
    if (keyOf(r) !== this.adminKey) return authError();
    if (!r.headers['anthropic-version']) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } } };
    return then();
  }

  private view({ value: _value, ...k }: AKey) {
    return k;
  }

  private list(r: StandInRequest): StandInAnswer {
    const limit = Math.min(Number(r.query.get('limit') ?? 20) || 20, 1000, this.pageSize);
    let all = [...this.keys.values()];
    const status = r.query.get('status');
    if (status) all = all.filter((k) => k.status === status);
    const ws = r.query.get('workspace_id');
    if (ws) all = all.filter((k) => k.workspace_id === ws);
    const after = r.query.get('after_id');
    const start = after ? all.findIndex((k) => k.id === after) + 1 : 0;
    const data = all.slice(start, start + limit).map((k) => this.view(k));
    return { status: 200, body: { data, has_more: start + limit < all.length, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null } };
  }

  private update(id: string, r: StandInRequest): StandInAnswer {
    const k = this.keys.get(id);
    if (!k) return { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'API key not found' } } };
    const b = r.body as { status?: unknown; name?: unknown };
    if (b?.status !== undefined) {
      if (!['active', 'inactive', 'archived'].includes(String(b.status))) return { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'status: invalid value' } } };
      k.status = b.status as AKey['status'];
    }
    if (typeof b?.name === 'string') k.name = b.name;
    return { status: 200, body: this.view(k) };
  }
}
