import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { mysqlNativePasswordHash, redisPasswordHash } from '../../../core/rotation/providers';
import { scramSha256Verifier } from '../../../core/rotation/providers/scram';
import { machineSecret, policyYaml, type ProviderDoc, type SecretDoc, type StoreDoc } from '../../helpers/policy';
import type { SystemMariadb } from '../../helpers/system/mariadb';
import type { SystemPostgres } from '../../helpers/system/postgres';
import type { SystemRedis } from '../../helpers/system/redis';
import { makeProject, type TestProject } from './project';

/**
 * The shape every database provider's tests share: the app's password is a machine secret in
 * `.env.local` (with its user beside it for alternating users), the admin connection string a
 * human-owned secret in `.env.admin`. One provider, named `provider`.
 */
export interface DbPolicySpec {
  secretId: string;
  adminId: string;
  adminVar: string;
  provider: { name: string; spec: ProviderDoc };
  /** The app secret's fields beyond kind, owner, maxAge and stores. */
  secret: Omit<SecretDoc, 'id' | 'kind' | 'owner' | 'stores'>;
  /** Stores before `dotenv`; the app secret is kept in all of them, then in `dotenv`. */
  stores?: Record<string, StoreDoc>;
}

export function dbPolicy(d: DbPolicySpec): string {
  return policyYaml({
    version: 1,
    stores: { ...d.stores, dotenv: { type: 'env-file', path: '.env.local' }, 'admin-env': { type: 'env-file', path: '.env.admin', var: d.adminVar } },
    providers: { [d.provider.name]: d.provider.spec },
    secrets: [
      machineSecret(d.secretId, { kind: 'password', stores: [...Object.keys(d.stores ?? {}), 'dotenv'], ...d.secret }),
      { id: d.adminId, kind: 'connection-string', owner: 'human', stores: ['admin-env'] },
    ],
  });
}

/** Writes the admin connection string and the app's env file (0600); `gitignore` ignores both. */
export function dbProject(policy: string, files: { adminVar: string; adminUrl: string; envLocal: string; gitignore?: boolean }, env?: NodeJS.ProcessEnv): TestProject {
  const p = makeProject(policy, env);
  writeFileSync(join(p.dir, '.env.admin'), `${files.adminVar}=${files.adminUrl}\n`, { mode: 0o600 });
  writeFileSync(join(p.dir, '.env.local'), files.envLocal, { mode: 0o600 });
  if (files.gitignore) writeFileSync(join(p.dir, '.gitignore'), '.env.*\n.config-home/\n');
  return p;
}

export const newPassword = (): string => randomBytes(18).toString('base64url');

/** Creates login roles with known passwords (stored as SCRAM verifiers, as PostgreSQL does). */
export async function createPgRoles(pg: SystemPostgres, roles: Array<[role: string, password: string]>): Promise<void> {
  const admin = new Client({ connectionString: pg.adminConnectionString });
  await admin.connect();
  for (const [role, password] of roles) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${admin.escapeLiteral(scramSha256Verifier(password))}`);
  await admin.end();
}

export interface DbProject extends TestProject {
  user: string;
  initial: string;
}

export async function makeRedisProject(r: SystemRedis): Promise<DbProject> {
  const user = `app_${randomBytes(3).toString('hex')}`;
  const initial = newPassword();
  const policy = dbPolicy({
    secretId: 'redis-app',
    adminId: 'redis-admin',
    adminVar: 'REDIS_ADMIN_URL',
    provider: { name: 'rd', spec: { type: 'redis', host: '127.0.0.1', port: r.port, user, adminConnection: 'redis-admin' } },
    secret: { rotation: { provider: 'rd' }, verification: { type: 'redis' }, references: { env: ['REDIS_PASSWORD'] } },
  });
  const c = createClient({ url: r.adminUrl });
  await c.connect();
  await c.sendCommand(['ACL', 'SETUSER', user, 'on', `#${redisPasswordHash(initial)}`, '~*', '+@all']);
  await c.close();
  const p = dbProject(policy, { adminVar: 'REDIS_ADMIN_URL', adminUrl: r.adminUrl, envLocal: `REDIS_PASSWORD=${initial}\n`, gitignore: true });
  return { ...p, user, initial };
}

/** Alternating users `<user>` and `<user>_b`; `grace` is the secret's gracePeriod. */
export async function makeMariadbProject(m: SystemMariadb, grace?: string): Promise<DbProject> {
  const user = `app_${randomBytes(3).toString('hex')}`;
  const initial = newPassword();
  const policy = dbPolicy({
    secretId: 'db-app',
    adminId: 'mariadb-admin',
    adminVar: 'MARIADB_ADMIN_URL',
    provider: { name: 'my', spec: { type: 'mariadb', host: '127.0.0.1', port: m.port, user, alternateUser: `${user}_b`, adminConnection: 'mariadb-admin' } },
    secret: { ...(grace ? { gracePeriod: grace } : {}), rotation: { provider: 'my', strategy: 'alternating-users' }, verification: { type: 'mariadb' }, references: { env: ['DATABASE_PASSWORD'], userEnv: 'DATABASE_USER' } },
  });
  const c = await createConnection({ uri: m.adminUrl });
  for (const [u, pw] of [[user, initial], [`${user}_b`, newPassword()]] as const) await c.query('CREATE USER ?@? IDENTIFIED BY PASSWORD ?', [u, '%', mysqlNativePasswordHash(pw)]);
  await c.end();
  const p = dbProject(policy, { adminVar: 'MARIADB_ADMIN_URL', adminUrl: m.adminUrl, envLocal: `DATABASE_USER=${user}\nDATABASE_PASSWORD=${initial}\n`, gitignore: true });
  return { ...p, user, initial };
}
