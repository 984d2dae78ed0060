import { createHash } from 'node:crypto';
import type { Connection, ConnectionOptions } from 'mysql2/promise';
import { generateSecret } from '../generate/provider';
import { ProviderError, type CreatedValue, type ProviderContext, type RotationProvider } from '../types';
import type { LoginStatus } from '../postgres/provider';

export interface MariadbOptions {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  alternateUser?: string;
  /** Host part of the account; `%` by default. */
  userHost?: string;
  /** Id of the secret whose current value is the admin URL (mysql://user:password@host:port). */
  adminConnection?: string;
  length?: number;
}

/** Loaded on first use: commands that never talk to MariaDB do not pay for parsing the client. */
function createConnection(options: ConnectionOptions): Promise<Connection> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('mysql2/promise') as typeof import('mysql2/promise')).createConnection(options);
}

/**
 * The mysql_native_password hash (`*` + hex(SHA1(SHA1(password)))), computed here so ALTER USER
 * carries only the hash: the plaintext never reaches the server's general or slow log.
 */
export function mysqlNativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}

/** One login. `refused` only for error 1045 (access denied), never for a network error. */
export async function mariadbLogin(conn: { host: string; port: number; user: string; password: string; database?: string }, timeoutMs = 5000): Promise<LoginStatus> {
  let c: Connection | undefined;
  try {
    c = await createConnection({ ...conn, connectTimeout: timeoutMs });
    await c.query('SELECT 1');
    return { status: 'works', detail: `logged in as ${conn.user}` };
  } catch (err) {
    const e = err as { errno?: number; code?: string; message?: string };
    if (e.errno === 1045) return { status: 'refused', detail: `login as ${conn.user} refused (1045 access denied)` };
    return { status: 'error', detail: `login as ${conn.user} failed: ${e.code ?? ''} ${e.message ?? ''}`.slice(0, 200) };
  } finally {
    await c?.end().catch(() => undefined);
  }
}

/** ALTER USER with a client-side hash; `alternating-users` switches between `user` and `alternateUser`. */
export function mariadbProvider(opts: MariadbOptions): RotationProvider {
  async function setPassword(ctx: ProviderContext, user: string, password: string): Promise<void> {
    if (!opts.adminConnection) throw new ProviderError('provider/config', 'the mariadb provider needs `adminConnection`: the id of the secret holding the admin URL');
    const url = await ctx.secretValue(opts.adminConnection);
    if (!url) throw new ProviderError('provider/admin-missing', `the admin connection secret "${opts.adminConnection}" has no current value in its stores`);
    let c: Connection;
    try {
      c = await createConnection({ uri: url, connectTimeout: 10000 });
    } catch (err) {
      throw new ProviderError('provider/admin-login', `cannot connect with the admin connection "${opts.adminConnection}": ${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.slice(0, 240));
    }
    try {
      // mysql2 escapes the ? placeholders client-side; the literal is a hash, never the password.
      await c.query('ALTER USER ?@? IDENTIFIED BY PASSWORD ?', [user, opts.userHost ?? '%', mysqlNativePasswordHash(password)]);
    } catch (err) {
      throw new ProviderError('provider/alter-user', `ALTER USER ${user} failed: ${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.slice(0, 240));
    } finally {
      void c.end().catch(() => undefined); // closing need not delay the stores' switch
    }
  }
  return {
    type: 'mariadb',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      if (!opts.user) throw new ProviderError('provider/config', 'the mariadb provider needs `user`');
      let user = opts.user;
      if (ctx.strategy === 'alternating-users') {
        if (!opts.alternateUser) throw new ProviderError('provider/config', 'alternating-users needs `alternateUser`');
        user = (ctx.currentUser ?? opts.user) === opts.user ? opts.alternateUser : opts.user;
      }
      return { value: generateSecret({ length: opts.length ?? 32, alphabet: 'alphanumeric' }), user, versionId: user };
    },
    async apply(ctx, created) {
      await setPassword(ctx, created.user ?? opts.user!, created.value);
    },
    async restore(ctx, value, user) {
      await setPassword(ctx, user ?? opts.user!, value);
    },
    async revoke(ctx) {
      if (ctx.strategy === 'alternating-users') return { outcome: 'skipped', detail: 'alternating-users: the previous user keeps its password until its next turn' };
      return { outcome: 'skipped', detail: 'single-user: ALTER USER replaced the old password when the new one was applied' };
    },
  };
}
