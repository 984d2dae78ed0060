import type * as GoogleAuth from 'google-auth-library';
import { IssuedKeyJournal } from '../aws-iam/issued-journal';
import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export interface GeminiOptions {
  /** Google Cloud project (id or number) that owns the keys. */
  project?: string;
  /** Id of the secret whose value is the service account key JSON. */
  adminConnection?: string;
  displayName?: string;
}

/** Loaded on first use: the build maps it to dist/driver-google-auth.js (scripts/build.mjs `DRIVERS`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const googleAuth = (): typeof GoogleAuth => require('google-auth-library') as typeof GoogleAuth;

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const GEMINI_SERVICE = 'generativelanguage.googleapis.com';
const GOOGLE_HOSTS = /^https:\/\/(apikeys|oauth2)\.googleapis\.com/;

interface ServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

interface Operation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string };
  response?: { name?: string; uid?: string };
}

/**
 * Gemini API keys through the API Keys API v2: create a key restricted to the Generative Language
 * API (a long-running operation, polled), read its key string with getKeyString, check it with
 * models.list, switch the stores, then delete the old key (found with lookupKey). A service
 * account authorises every call (google-auth-library's JWT flow: a signed assertion exchanged
 * for an access token at Google's token endpoint).
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/create
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/getKeyString
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/keys/lookupKey
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/delete
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/operations/get
 */
export function geminiProvider(opts: GeminiOptions): RotationProvider {
  const type = 'gemini';
  const project = (): string => {
    if (!opts.project) throw new ProviderError('provider/config', 'the gemini provider needs `project`: the Google Cloud project that owns the keys');
    return opts.project;
  };

  /** An authorised JSON call to the API Keys API. The environment may move Google's hosts for tests, a policy never can. */
  async function session(ctx: ProviderContext) {
    if (!opts.adminConnection) throw new ProviderError('provider/config', 'the gemini provider needs `adminConnection`: the id of the secret holding the service account key JSON');
    let sa: ServiceAccount;
    try {
      sa = JSON.parse((await ctx.secretValue(opts.adminConnection)) ?? '') as ServiceAccount;
    } catch {
      throw new ProviderError('provider/admin-missing', `the admin secret "${opts.adminConnection}" has no current value, or it is not a service account key JSON`);
    }
    if (typeof sa?.client_email !== 'string' || typeof sa.private_key !== 'string') throw new ProviderError('provider/admin-missing', `the admin secret "${opts.adminConnection}" is not a service account key JSON (client_email, private_key)`);
    const base = ctx.env.ROTATION_GUARD_GEMINI_BASE_URL?.replace(/\/$/, '');
    const moved = (url: string): string => (base ? url.replace(GOOGLE_HOSTS, base) : url);
    const fetchVia: typeof fetch = (input, init) => fetch(moved(input instanceof Request ? input.url : String(input)), init);
    const jwt = new (googleAuth().JWT)({ email: sa.client_email, key: sa.private_key, keyId: sa.private_key_id, scopes: [SCOPE], transporterOptions: { fetchImplementation: fetchVia } });
    let token: string;
    try {
      token = (await jwt.getAccessToken()).token ?? '';
    } catch (err) {
      throw new ProviderError('provider/google-auth', `the service account ${sa.client_email} could not get an access token: ${String((err as Error).message).slice(0, 200)}`);
    }
    const apiBase = base ?? 'https://apikeys.googleapis.com';
    return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${apiBase}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(30000), redirect: 'error' });
        } catch (err) {
          throw new ProviderError('provider/google-network', `${method} ${path.split('?')[0]}: no answer (${(err as Error).message})`);
        }
        const text = await res.text();
        if (res.status === 429 && attempt < 3) {
          const after = Number(res.headers.get('retry-after') ?? 'x');
          await new Promise((r) => setTimeout(r, (Number.isFinite(after) && after >= 0 ? Math.min(after, 30) : 1) * 1000));
          continue;
        }
        if (!res.ok) {
          const msg = /"message"\s*:\s*"([^"]{0,200})/.exec(text)?.[1] ?? '';
          throw new ProviderError(res.status === 404 ? 'provider/google-not-found' : 'provider/google-status', `${method} ${path.split('?')[0]} answered ${res.status}${msg ? `: ${msg}` : ''}`);
        }
        return (text ? JSON.parse(text) : {}) as T;
      }
    };
  }
  type Call = Awaited<ReturnType<typeof session>>;

  /** Polls a long-running operation until it is done (backing off up to 2 s, at most 2 minutes). */
  async function finished(call: Call, op: Operation, what: string): Promise<Operation> {
    const deadline = Date.now() + 120000;
    for (let wait = 100; !op.done; wait = Math.min(wait * 2, 2000)) {
      if (Date.now() > deadline) throw new ProviderError('provider/google-timeout', `${what}: operation ${op.name} not done after 2 minutes`);
      await new Promise((r) => setTimeout(r, wait));
      op = await call<Operation>('GET', `/v2/${op.name}`);
    }
    if (op.error) throw new ProviderError('provider/google-operation', `${what} failed: ${op.error.code ?? ''} ${op.error.message ?? ''}`.trim());
    return op;
  }

  async function keyNames(call: Call): Promise<string[]> {
    const names: string[] = [];
    let page = '';
    do {
      const r = await call<{ keys?: Array<{ name?: string }>; nextPageToken?: string }>('GET', `/v2/projects/${encodeURIComponent(project())}/locations/global/keys?pageSize=300${page ? `&pageToken=${encodeURIComponent(page)}` : ''}`);
      for (const k of r.keys ?? []) if (k.name) names.push(k.name);
      page = r.nextPageToken ?? '';
    } while (page);
    return names;
  }

  async function remove(call: Call, name: string): Promise<void> {
    try {
      await finished(call, await call<Operation>('DELETE', `/v2/${name}`), `delete key ${name.split('/').pop()}`);
    } catch (err) {
      if ((err as ProviderError).code !== 'provider/google-not-found') throw err;
    }
  }

  /** Deletes the key the last create issued unless it became the current one. */
  async function dropOrphan(call: Call, ctx: ProviderContext, issued: IssuedKeyJournal): Promise<void> {
    if (!issued.recorded() || issued.holds(ctx.currentValue)) return;
    for (const name of await keyNames(call)) if (issued.names(name)) await remove(call, name);
    issued.clear();
  }

  return {
    type,
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      const call = await session(ctx);
      const issued = new IssuedKeyJournal(ctx.cwd, type, ctx.secretId);
      await dropOrphan(call, ctx, issued);
      const displayName = `${opts.displayName ?? ctx.secretId} ${new Date().toISOString().slice(0, 16)}`.slice(0, 63);
      const op = await call<Operation>('POST', `/v2/projects/${encodeURIComponent(project())}/locations/global/keys`, { displayName, restrictions: { apiTargets: [{ service: GEMINI_SERVICE }] } });
      const key = (await finished(call, op, 'create key')).response;
      if (!key?.name) throw new ProviderError('provider/google-response', 'the create operation finished without a key');
      const { keyString } = await call<{ keyString?: string }>('GET', `/v2/${key.name}/keyString`);
      if (!keyString) throw new ProviderError('provider/google-response', `getKeyString answered without a key string for ${key.name.split('/').pop()}`);
      issued.record(key.name, keyString);
      return { value: keyString, versionId: key.uid ?? key.name.split('/').pop() };
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const call = await session(ctx);
      let name: string | undefined;
      try {
        // lookupKey takes the key string as a query parameter (the documented call); the key is
        // being deleted, so a copy in an access log is a copy of a dead key.
        name = (await call<{ name?: string }>('GET', `/v2/keys:lookupKey?keyString=${encodeURIComponent(oldValue)}`)).name;
      } catch (err) {
        if ((err as ProviderError).code !== 'provider/google-not-found') throw err;
      }
      if (!name) return { outcome: 'ok', detail: 'the old key is not in any project any more (already deleted)' };
      await remove(call, name);
      return { outcome: 'ok', detail: `deleted key ${name.split('/').pop()} (restorable with undelete for 30 days)` };
    },
    async discardIssued(ctx): Promise<void> {
      await dropOrphan(await session(ctx), ctx, new IssuedKeyJournal(ctx.cwd, type, ctx.secretId));
    },
  };
}
