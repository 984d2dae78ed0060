import { createHash } from 'node:crypto';
import type { createClient as CreateClient } from '@redis/client';
import { generateSecret } from '../generate/provider';
import { ProviderError, type CreatedValue, type ProviderContext, type RotationProvider } from '../types';
import type { LoginStatus } from '../postgres/provider';

export interface RedisOptions {
  host?: string;
  port?: number;
  /** The ACL user whose password is rotated. */
  user?: string;
  /** Id of the secret whose current value is the admin URL (redis://user:password@host:port). */
  adminConnection?: string;
  length?: number;
}

/** ACL rules take `#<sha256 hex>`: the plaintext never reaches ACL LIST, MONITOR or the slow log. */
export const redisPasswordHash = (password: string): string => createHash('sha256').update(password).digest('hex');

type Client = ReturnType<typeof CreateClient>;

/** Loaded on first use: commands that never talk to Redis do not pay for parsing the client. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const redisClient = (): typeof import('@redis/client') => require('@redis/client') as typeof import('@redis/client');

// node-redis builds a class with a wrapper for each of its ~500 commands per distinct client
// options, and its cache of that class is keyed on the JSON of the whole options, password
// included: createClient with a new password costs ~15 ms of CPU each time (a third of a Redis
// rotation's work). One factory with a fixed (empty) config builds the class once per process.
let factory: ((options: Parameters<typeof CreateClient>[0]) => Client) | undefined;
const makeClient = (options: Parameters<typeof CreateClient>[0]): Client => (factory ??= redisClient().RedisClient.factory() as never)(options);

async function open(options: Parameters<typeof CreateClient>[0], timeoutMs: number): Promise<Client> {
  // No reconnects: one attempt, and its error is the answer.
  const c = makeClient({ ...options, socket: { ...(options?.socket ?? {}), reconnectStrategy: false, connectTimeout: timeoutMs } as never });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** One AUTH as `user`. `refused` only for WRONGPASS, so a network error is never taken for "old password revoked". */
export async function redisLogin(conn: { host: string; port: number; user: string; password: string }, timeoutMs = 5000): Promise<LoginStatus> {
  let c: Client | undefined;
  try {
    c = await open({ socket: { host: conn.host, port: conn.port }, username: conn.user, password: conn.password }, timeoutMs);
    await c.ping();
    return { status: 'works', detail: `AUTH as ${conn.user} accepted` };
  } catch (err) {
    const text = (err as Error).message ?? String(err);
    if (/WRONGPASS/.test(text)) return { status: 'refused', detail: `AUTH as ${conn.user} refused (WRONGPASS)` };
    return { status: 'error', detail: `AUTH as ${conn.user} failed: ${text}`.slice(0, 200) };
  } finally {
    await c?.close().catch(() => undefined);
  }
}

/**
 * Redis ACL users may hold several passwords at once, which gives zero-downtime rotation without
 * a second user: `apply` adds the new password (the old one keeps working), the stores switch at
 * `promote`, and `revoke-old` removes the old password, after which the loop checks it is refused.
 */
export function redisProvider(opts: RedisOptions): RotationProvider {
  async function withAdmin<T>(ctx: ProviderContext, fn: (c: Client, user: string) => Promise<T>): Promise<T> {
    if (!opts.user) throw new ProviderError('provider/config', 'the redis provider needs `user`');
    if (!opts.adminConnection) throw new ProviderError('provider/config', 'the redis provider needs `adminConnection`: the id of the secret holding the admin URL');
    const url = await ctx.secretValue(opts.adminConnection);
    if (!url) throw new ProviderError('provider/admin-missing', `the admin connection secret "${opts.adminConnection}" has no current value in its stores`);
    let c: Client | undefined;
    try {
      c = await open({ url }, 10000);
    } catch (err) {
      throw new ProviderError('provider/admin-login', `cannot connect with the admin connection "${opts.adminConnection}": ${(err as Error).message}`.slice(0, 240));
    }
    try {
      return await fn(c, opts.user);
    } catch (err) {
      throw new ProviderError('provider/acl-setuser', `ACL on user ${opts.user} failed: ${(err as Error).message}`.slice(0, 240));
    } finally {
      void c.close().catch(() => undefined);
    }
  }
  const acl = (ctx: ProviderContext, rules: string[]) => withAdmin(ctx, async (c, user) => void (await c.sendCommand(['ACL', 'SETUSER', user, ...rules])));
  /** The SHA-256 hashes the user accepts now (ACL GETUSER `passwords`). */
  const passwordHashes = async (c: Client, user: string): Promise<string[]> => {
    const reply = (await c.sendCommand(['ACL', 'GETUSER', user])) as unknown;
    const flat = Array.isArray(reply) ? reply : reply && typeof reply === 'object' ? Object.entries(reply as Record<string, unknown>).flat() : [];
    const i = flat.findIndex((x) => String(x) === 'passwords');
    const list = i >= 0 ? flat[i + 1] : undefined;
    return Array.isArray(list) ? list.map(String) : [];
  };
  return {
    type: 'redis',
    needsTrust: true,
    async create(): Promise<CreatedValue> {
      if (!opts.user) throw new ProviderError('provider/config', 'the redis provider needs `user`');
      return { value: generateSecret({ length: opts.length ?? 32, alphabet: 'alphanumeric' }), user: opts.user };
    },
    async apply(ctx, created) {
      await acl(ctx, ['on', `#${redisPasswordHash(created.value)}`]);
    },
    async restore(ctx, value) {
      // Undo apply: the old password alone again (it was never removed before promote).
      await acl(ctx, ['resetpass', `#${redisPasswordHash(value)}`]);
    },
    async revoke(ctx, oldValue) {
      // Idempotent for resume: removing a password the user no longer has is an error in Redis.
      const hash = redisPasswordHash(oldValue);
      const removed = await withAdmin(ctx, async (c, user) => {
        if (!(await passwordHashes(c, user)).includes(hash)) return false;
        await c.sendCommand(['ACL', 'SETUSER', user, `!${hash}`]);
        return true;
      });
      return { outcome: 'ok', detail: removed ? `removed the old password of ACL user ${opts.user}` : `the old password of ACL user ${opts.user} was already removed` };
    },
  };
}
