import { generateKeyPairSync, randomBytes, randomUUID, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomChars } from '../fake-keys';
import { RawStandIn } from './server';

/**
 * A stand-in for the Google endpoints the gemini provider calls, built from Google's documentation
 * (nothing of Google's can run here) and driven by google-auth-library and fetch through
 * ROTATION_GUARD_GEMINI_BASE_URL:
 *
 * - OAuth 2.0 token endpoint, service-account JWT bearer flow: POST /token with
 *   grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and an RS256 assertion, whose signature
 *   is checked with the service account's public key (generated at test time).
 *   https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
 * - API Keys API v2: keys.create (a long-running operation), operations.get, keys.list (paged),
 *   keys.getKeyString, keys.delete (an operation), keys.lookupKey.
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/create
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/list
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/getKeyString
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/delete
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/keys/lookupKey
 *   https://cloud.google.com/api-keys/docs/reference/rest/v2/operations/get
 * - Gemini API models.list with `x-goog-api-key`; an unknown or deleted key is 400 INVALID_ARGUMENT
 *   with reason API_KEY_INVALID, a key restricted to other services 403 API_KEY_SERVICE_BLOCKED.
 *   https://ai.google.dev/api/models#method:-models.list
 *   https://ai.google.dev/gemini-api/docs/troubleshooting
 */
export interface StandInKey {
  name: string;
  uid: string;
  displayName: string;
  keyString: string;
  services: string[];
  createTime: string;
  deleteTime?: string;
}

export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  token_uri: string;
}

const TOKEN_AUD = 'https://oauth2.googleapis.com/token';
const b64url = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

export class GeminiStandIn extends RawStandIn {
  readonly keys = new Map<string, StandInKey>();
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  /** GETs of an operation before it reports done (long-running operations). */
  pollsBeforeDone = 1;
  /** Largest page keys.list returns (the real API allows up to 300). */
  maxPageSize = 300;
  /** The next N API Keys API calls answer 429 with Retry-After: 0. */
  throttleNext = 0;
  readonly serviceAccount: ServiceAccountKey;
  private readonly publicKey: KeyObject;
  private readonly tokens = new Map<string, number>();
  private readonly operations = new Map<string, { polls: number; response: unknown }>();

  constructor(readonly project = 'rg-test-project') {
    super();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.publicKey = publicKey;
    this.serviceAccount = {
      type: 'service_account',
      project_id: project,
      private_key_id: randomBytes(20).toString('hex'),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: `key-rotator@${project}.iam.gserviceaccount.com`,
      token_uri: TOKEN_AUD,
    };
  }

  /** A key that already exists (what a project starts with). */
  addKey(services = ['generativelanguage.googleapis.com']): StandInKey {
    const uid = randomUUID();
    const key: StandInKey = { name: `projects/${this.project}/locations/global/keys/${uid}`, uid, displayName: 'seed', keyString: `AIza${randomChars(35, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, services, createTime: new Date().toISOString() };
    this.keys.set(key.name, key);
    return key;
  }

  liveKeys(): StandInKey[] {
    return [...this.keys.values()].filter((k) => !k.deleteTime);
  }

  protected fail(req: IncomingMessage, res: ServerResponse, err: Error): void {
    this.googleError(res, req, 500, 'INTERNAL', `stand-in: ${err.message}`);
  }

  private send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.requests.push({ method: req.method ?? '', path: (req.url ?? '').split('?')[0]!, status });
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(JSON.stringify(body));
  }

  private googleError(res: ServerResponse, req: IncomingMessage, code: number, status: string, message: string, reason?: string): void {
    this.send(res, req, code, { error: { code, message, status, ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }] } : {}) } });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'POST' && url.pathname === '/token') return this.token(req, res, body);
    if (url.pathname.startsWith('/v1beta/models')) return this.models(req, res, url);
    if (!url.pathname.startsWith('/v2/')) return this.googleError(res, req, 404, 'NOT_FOUND', 'not found');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || (this.tokens.get(bearer) ?? 0) < Date.now()) return this.googleError(res, req, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return this.send(res, req, 429, { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, { 'retry-after': '0' });
    }
    return this.apiKeys(req, res, url, body);
  }

  /** The JWT bearer grant: RS256 over `header.payload`, iss = the service account, aud = the token URI. */
  private token(req: IncomingMessage, res: ServerResponse, body: string): void {
    const form = new URLSearchParams(body);
    const bad = (description: string) => this.send(res, req, 400, { error: 'invalid_grant', error_description: description });
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return this.send(res, req, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
    const [h, p, s] = (form.get('assertion') ?? '').split('.');
    if (!h || !p || !s) return bad('Invalid JWT: malformed');
    const header = JSON.parse(b64url(h).toString('utf8')) as { alg?: string; kid?: string };
    const claims = JSON.parse(b64url(p).toString('utf8')) as { iss?: string; aud?: string; scope?: string; exp?: number; iat?: number };
    if (header.alg !== 'RS256') return bad('Invalid JWT: alg');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.publicKey, b64url(s))) return bad('Invalid JWT Signature.');
    if (header.kid && header.kid !== this.serviceAccount.private_key_id) return bad('Invalid JWT: unknown key id');
    if (claims.iss !== this.serviceAccount.client_email) return bad('Invalid JWT: iss');
    if (claims.aud !== TOKEN_AUD) return bad('Invalid JWT: aud');
    const now = Math.floor(Date.now() / 1000);
    if (!claims.exp || claims.exp < now || (claims.iat ?? 0) > now + 60) return bad('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
    if (!(claims.scope ?? '').split(' ').includes('https://www.googleapis.com/auth/cloud-platform')) return bad('Invalid JWT: scope');
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, Date.now() + 3599_000);
    this.send(res, req, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }

  private operation(response: unknown): { name: string; done: boolean } {
    const name = `operations/akmf.p7-${randomBytes(8).toString('hex')}`;
    this.operations.set(name, { polls: 0, response });
    return { name, done: false };
  }

  private keyView(k: StandInKey): Record<string, unknown> {
    return { name: k.name, uid: k.uid, displayName: k.displayName, createTime: k.createTime, updateTime: k.createTime, ...(k.deleteTime ? { deleteTime: k.deleteTime } : {}), restrictions: { apiTargets: k.services.map((service) => ({ service })) }, etag: `W/"${k.uid.slice(0, 8)}"` };
  }

  private apiKeys(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    const path = decodeURIComponent(url.pathname.slice('/v2/'.length));
    const keysOf = `projects/${this.project}/locations/global/keys`;
    if (req.method === 'GET' && path.startsWith('operations/')) {
      const op = this.operations.get(path);
      if (!op) return this.googleError(res, req, 404, 'NOT_FOUND', `Operation ${path} not found`);
      const done = ++op.polls >= this.pollsBeforeDone;
      return this.send(res, req, 200, done ? { name: path, done: true, response: op.response } : { name: path, done: false });
    }
    if (req.method === 'POST' && path === keysOf) {
      const spec = JSON.parse(body || '{}') as { displayName?: string; restrictions?: { apiTargets?: Array<{ service?: string }> } };
      const uid = randomUUID();
      const keyId = url.searchParams.get('keyId') ?? uid;
      const key: StandInKey = { name: `${keysOf}/${keyId}`, uid, displayName: spec.displayName ?? '', keyString: `AIza${randomChars(35, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, services: (spec.restrictions?.apiTargets ?? []).map((t) => t.service ?? ''), createTime: new Date().toISOString() };
      this.keys.set(key.name, key);
      return this.send(res, req, 200, this.operation({ '@type': 'type.googleapis.com/google.api.apikeys.v2.Key', ...this.keyView(key) }));
    }
    if (req.method === 'GET' && path === keysOf) {
      const size = Math.min(Number(url.searchParams.get('pageSize') ?? '300') || 300, this.maxPageSize);
      const all = this.liveKeys().sort((a, b) => a.name.localeCompare(b.name));
      const start = Number(url.searchParams.get('pageToken') ?? '0') || 0;
      const page = all.slice(start, start + size);
      return this.send(res, req, 200, { keys: page.map((k) => this.keyView(k)), ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}) });
    }
    if (req.method === 'GET' && path === 'keys:lookupKey') {
      const k = this.liveKeys().find((x) => x.keyString === url.searchParams.get('keyString'));
      if (!k) return this.googleError(res, req, 404, 'NOT_FOUND', 'The API key is not found.');
      return this.send(res, req, 200, { parent: `projects/${this.project}`, name: k.name });
    }
    const keyString = path.endsWith('/keyString');
    const name = keyString ? path.slice(0, -'/keyString'.length) : path;
    const k = this.keys.get(name);
    if (!k || (k.deleteTime && !keyString)) return this.googleError(res, req, 404, 'NOT_FOUND', `Key ${name.split('/').pop()} not found.`);
    if (req.method === 'GET' && keyString) return this.send(res, req, 200, { keyString: k.keyString });
    if (req.method === 'DELETE') {
      k.deleteTime = new Date().toISOString();
      return this.send(res, req, 200, this.operation({ '@type': 'type.googleapis.com/google.api.apikeys.v2.Key', ...this.keyView(k) }));
    }
    return this.googleError(res, req, 400, 'INVALID_ARGUMENT', `unsupported ${req.method} ${path}`);
  }

  private models(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const value = (req.headers['x-goog-api-key'] as string | undefined) ?? url.searchParams.get('key') ?? '';
    const k = this.liveKeys().find((x) => x.keyString === value);
    if (!k) return this.googleError(res, req, 400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', 'API_KEY_INVALID');
    if (k.services.length && !k.services.includes('generativelanguage.googleapis.com')) return this.googleError(res, req, 403, 'PERMISSION_DENIED', 'Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.ModelService.ListModels are blocked.', 'API_KEY_SERVICE_BLOCKED');
    this.send(res, req, 200, { models: [{ name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', supportedGenerationMethods: ['generateContent'] }] });
  }
}

export async function startGeminiStandIn(project?: string): Promise<GeminiStandIn> {
  return new GeminiStandIn(project).start();
}
