/**
 * OpenRouter stand-in, from https://openrouter.ai/docs/api/api-reference/api-keys and
 * https://openrouter.ai/docs/guides/overview/auth/management-api-keys:
 *   POST   /api/v1/keys { name, limit }   (Management key) → 201 { data: { hash, name, label, … }, key }
 *   GET    /api/v1/keys?offset=N          (Management key) → { data: [...] }, 100 a page
 *   DELETE /api/v1/keys/{hash}            (Management key) → { deleted: true }; unknown hash 404
 *   GET    /api/v1/key                    (the key itself) → { data: { label, usage, limit, … } }; 401 when unknown
 *   GET    /api/v1/models                 (OpenAI-compatible, for an app using the `openai` client)
 * A Management key cannot call the inference endpoints (401 here, as the docs say it is for
 * administration only). Keys: `sk-or-v1-` + 64 hex, generated here; `label` is the redacted key.
 */
import { createHash, randomBytes } from 'node:crypto';
import { bearerOf, StandInServer, type StandInAnswer, type StandInRequest } from './server';

interface ManagedKey { hash: string; name: string; label: string; limit: number | null; disabled: boolean; created_at: string; updated_at: string | null; value: string }

const newKey = () => `sk-or-v1-${randomBytes(32).toString('hex')}`;
const unauthorized = (): StandInAnswer => ({ status: 401, body: { error: { code: 401, message: 'No auth credentials found' } } });

export class OpenRouterStandIn extends StandInServer {
  readonly managementKey = newKey();
  readonly keys = new Map<string, ManagedKey>();
  pageSize = 100;

  constructor() {
    super();
    this.route('POST', /^\/api\/v1\/keys\/?$/, (r) => this.mgmt(r, () => this.create(r)));
    this.route('GET', /^\/api\/v1\/keys\/?$/, (r) => this.mgmt(r, () => this.list(r)));
    this.route('DELETE', /^\/api\/v1\/keys\/([^/]+)$/, (r, [hash]) => this.mgmt(r, () => (this.keys.delete(hash!) ? { status: 200, body: { deleted: true } } : { status: 404, body: { error: { code: 404, message: 'Not found' } } })));
    this.route('GET', /^\/api\/v1\/key$/, (r) => {
      const k = this.byValue(bearerOf(r));
      return k ? { status: 200, body: { data: { label: k.label, usage: 0, limit: k.limit, limit_remaining: k.limit, is_free_tier: false, is_provisioning_key: false } } } : unauthorized();
    });
    this.route('GET', /^\/api\/v1\/models$/, (r) => (this.byValue(bearerOf(r)) ? { status: 200, body: { object: 'list', data: [{ id: 'openai/gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'openai' }] } } : unauthorized()));
  }

  /** A key made on the website, the kind an account starts with. */
  seedKey(name = 'made by hand'): string {
    return this.add(name, null).value;
  }

  validKeys(): string[] {
    return [...this.keys.values()].filter((k) => !k.disabled).map((k) => k.value);
  }

  private byValue(v: string | undefined): ManagedKey | undefined {
    return v ? [...this.keys.values()].find((k) => k.value === v && !k.disabled) : undefined;
  }

  private add(name: string, limit: number | null): ManagedKey {
    const value = newKey();
    const k: ManagedKey = { hash: createHash('sha256').update(value).digest('hex'), name, label: `${value.slice(0, 12)}...${value.slice(-3)}`, limit, disabled: false, created_at: new Date().toISOString(), updated_at: null, value };
    this.keys.set(k.hash, k);
    return k;
  }

  private mgmt(r: StandInRequest, then: () => StandInAnswer): StandInAnswer {
    return bearerOf(r) === this.managementKey ? then() : unauthorized();
  }

  private create(r: StandInRequest): StandInAnswer {
    const b = r.body as { name?: unknown; limit?: unknown };
    if (typeof b?.name !== 'string' || !b.name) return { status: 400, body: { error: { code: 400, message: 'name is required' } } };
    const k = this.add(b.name, typeof b.limit === 'number' ? b.limit : null);
    const { value, ...data } = k;
    return { status: 201, body: { data: { ...data, usage: 0 }, key: value } };
  }

  private list(r: StandInRequest): StandInAnswer {
    const offset = Number(r.query.get('offset') ?? 0) || 0;
    const data = [...this.keys.values()].slice(offset, offset + this.pageSize).map(({ value: _value, ...k }) => ({ ...k, usage: 0 }));
    return { status: 200, body: { data } };
  }
}
