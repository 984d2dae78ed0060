import { Client } from 'pg';
import { scramSha256Verifier } from '../scram';
import { ProviderError, type CreatedValue, type ProviderContext, type RotationProvider } from '../types';
import { generateSecret } from '../generate/provider';

export interface PostgresOptions {
  host?: string;
  port?: number;
  database?: string;
  role?: string;
  alternateRole?: string;
  /** Id of the secret whose current value is the admin connection string. */
  adminConnection?: string;
  /** Password length (generate's alphanumeric alphabet). */
  length?: number;
}

export type LoginStatus = { status: 'works' | 'refused' | 'error'; detail: string };

/** One login attempt. `refused` only for an authentication failure (28P01), so a network error is never taken for "old password revoked". */
export async function pgLogin(conn: { host: string; port: number; database: string; user: string; password: string }, timeoutMs = 5000): Promise<LoginStatus> {
  const c = new Client({ ...conn, connectionTimeoutMillis: timeoutMs });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('select 1');
    return { status: 'works', detail: `logged in as ${conn.user}` };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '28P01') return { status: 'refused', detail: `login as ${conn.user} refused (28P01 invalid password)` };
    return { status: 'error', detail: `login as ${conn.user} failed: ${code ?? ''} ${(err as Error).message}`.slice(0, 200) };
  } finally {
    await c.end().catch(() => undefined);
  }
}

export function postgresProvider(opts: PostgresOptions): RotationProvider {
  const role = opts.role;
  async function admin(ctx: ProviderContext): Promise<Client> {
    if (!opts.adminConnection) throw new ProviderError('provider/config', 'the postgres provider needs `adminConnection`: the id of the secret holding the admin connection string');
    const cs = await ctx.secretValue(opts.adminConnection);
    if (!cs) throw new ProviderError('provider/admin-missing', `the admin connection secret "${opts.adminConnection}" has no current value in its stores`);
    const c = new Client({ connectionString: cs, connectionTimeoutMillis: 10000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
    } catch (err) {
      throw new ProviderError('provider/admin-login', `cannot connect with the admin connection "${opts.adminConnection}": ${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.slice(0, 240));
    }
    return c;
  }
  async function setPassword(ctx: ProviderContext, user: string, password: string): Promise<void> {
    const c = await admin(ctx);
    try {
      // Utility statements take no bind parameters; both parts are escaped, and the literal is a
      // SCRAM verifier, never the password.
      await c.query(`ALTER ROLE ${c.escapeIdentifier(user)} PASSWORD ${c.escapeLiteral(scramSha256Verifier(password))}`);
    } catch (err) {
      throw new ProviderError('provider/alter-role', `ALTER ROLE ${user} failed: ${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.slice(0, 240));
    } finally {
      void c.end().catch(() => undefined); // closing need not delay the stores' switch
    }
  }
  return {
    type: 'postgres',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      if (!role) throw new ProviderError('provider/config', 'the postgres provider needs `role`');
      let user = role;
      if (ctx.strategy === 'alternating-users') {
        if (!opts.alternateRole) throw new ProviderError('provider/config', 'alternating-users needs `alternateRole`');
        user = (ctx.currentUser ?? role) === role ? opts.alternateRole : role;
      }
      return { value: generateSecret({ length: opts.length ?? 32, alphabet: 'alphanumeric' }), user, versionId: user };
    },
    async apply(ctx, created) {
      await setPassword(ctx, created.user ?? role!, created.value);
    },
    async restore(ctx, value, user) {
      await setPassword(ctx, user ?? role!, value);
    },
    async revoke(ctx) {
      if (ctx.strategy === 'alternating-users') return { outcome: 'skipped', detail: 'alternating-users: the previous role keeps its password until its next turn' };
      return { outcome: 'skipped', detail: 'single-user: ALTER ROLE replaced the old password when the new one was applied' };
    },
  };
}
