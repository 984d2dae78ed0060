// The four live-rotation setups of the benchmark: a real server, a project whose only store is a
// git-ignored env file (headless), and the load app's settings.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { createClient } from '@redis/client';
import { scramSha256Verifier, mysqlNativePasswordHash, redisPasswordHash } from '../../core/rotation';
import type { SystemPostgres } from '../../test/helpers/system/postgres';
import type { SystemMariadb } from '../../test/helpers/system/mariadb';
import type { SystemRedis } from '../../test/helpers/system/redis';

export interface LiveProject {
  name: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  secretId: string;
  /** Settings for load-app.js. */
  load: Record<string, string>;
  /** Values to look for in argv, logs, ledger (grows as rotations happen). */
  known: string[];
}

const pw = () => randomBytes(18).toString('base64url');

function project(name: string, policy: string, files: Record<string, string>): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), `rg-live-${name}-`));
  mkdirSync(join(dir, '.config-home'));
  writeFileSync(join(dir, 'rotation-policy.yaml'), policy);
  writeFileSync(join(dir, '.gitignore'), '.env.*\n.config-home/\n');
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, '.config-home') };
  delete env.ROTATION_GUARD_TEST_PAUSE_AT;
  return { dir, env };
}

/**
 * The policy every setup shares: the secret in a git-ignored `.env.local`, the provider's admin
 * connection in `.env.admin` under `adminVar`, one provider line and the rotated secret.
 */
function livePolicy(o: { adminVar: string; adminId: string; provider: string; secretId: string; strategy: string; verification: string; refs: string; grace: string }): string {
  return `version: 1
stores:
  dotenv: { type: env-file, path: .env.local }
  admin-env: { type: env-file, path: .env.admin, var: ${o.adminVar} }
providers:
  ${o.provider}
secrets:
  - id: ${o.secretId}
    kind: password
    owner: machine
    maxAge: 30d${o.grace ? `\n    gracePeriod: ${o.grace}` : ''}
    stores: [dotenv]
    rotation: { provider: ${o.provider.split(':')[0]}, strategy: ${o.strategy} }
    verification: { type: ${o.verification} }
    references: ${o.refs}
  - { id: ${o.adminId}, kind: connection-string, owner: human, stores: [admin-env] }
`;
}

/** Login roles with the given passwords (stored as SCRAM verifiers, so no plaintext reaches the server's log). */
async function createPgRoles(pg: SystemPostgres, roles: Array<[name: string, password: string]>): Promise<void> {
  const admin = new Client({ connectionString: pg.adminConnectionString });
  await admin.connect();
  for (const [name, password] of roles) await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD ${admin.escapeLiteral(scramSha256Verifier(password))}`);
  await admin.end();
}

export async function pgAlternating(pg: SystemPostgres, grace: string): Promise<LiveProject> {
  const role = `live_${randomBytes(3).toString('hex')}`;
  const initial = pw();
  await createPgRoles(pg, [[role, initial], [`${role}_b`, pw()]]);
  const policy = livePolicy({
    adminVar: 'PG_ADMIN_URL',
    adminId: 'pg-admin',
    provider: `pg: { type: postgres, host: 127.0.0.1, port: ${pg.port}, database: postgres, role: ${role}, alternateRole: ${role}_b, adminConnection: pg-admin }`,
    secretId: 'pg-app',
    strategy: 'alternating-users',
    verification: 'postgres',
    refs: '{ env: [DATABASE_PASSWORD], userEnv: DATABASE_USER }',
    grace,
  });
  const p = project('pg-alt', policy, { '.env.local': `DATABASE_USER=${role}\nDATABASE_PASSWORD=${initial}\n`, '.env.admin': `PG_ADMIN_URL=${pg.adminConnectionString}\n` });
  return { name: 'PostgreSQL alternating users', ...p, secretId: 'pg-app', load: { LOAD_KIND: 'pg', LOAD_PORT: String(pg.port), LOAD_SOURCE: 'env' }, known: [initial, pg.adminPassword] };
}

export async function pgSingleUser(pg: SystemPostgres): Promise<LiveProject> {
  const role = `live_${randomBytes(3).toString('hex')}`;
  const initial = pw();
  await createPgRoles(pg, [[role, initial]]);
  const policy = livePolicy({
    adminVar: 'PG_ADMIN_URL',
    adminId: 'pg-admin',
    provider: `pg: { type: postgres, host: 127.0.0.1, port: ${pg.port}, database: postgres, role: ${role}, adminConnection: pg-admin }`,
    secretId: 'pg-app',
    strategy: 'single-user',
    verification: 'postgres',
    refs: '{ env: [DATABASE_PASSWORD] }',
    grace: '',
  });
  const p = project('pg-single', policy, { '.env.local': `DATABASE_PASSWORD=${initial}\n`, '.env.admin': `PG_ADMIN_URL=${pg.adminConnectionString}\n` });
  // The app re-reads .env.local before every connection and retries once on 28P01.
  return { name: 'PostgreSQL single-user (re-read + retry once)', ...p, secretId: 'pg-app', load: { LOAD_KIND: 'pg', LOAD_PORT: String(pg.port), LOAD_SOURCE: `file:${join(p.dir, '.env.local')}`, LOAD_USER: role }, known: [initial, pg.adminPassword] };
}

export async function mariadbAlternating(m: SystemMariadb, grace: string): Promise<LiveProject> {
  const user = `live_${randomBytes(3).toString('hex')}`;
  const initial = pw();
  const c = await createConnection({ uri: m.adminUrl });
  await c.query('CREATE USER ?@? IDENTIFIED BY PASSWORD ?', [user, '%', mysqlNativePasswordHash(initial)]);
  await c.query('CREATE USER ?@? IDENTIFIED BY PASSWORD ?', [`${user}_b`, '%', mysqlNativePasswordHash(pw())]);
  await c.end();
  const policy = livePolicy({
    adminVar: 'MARIADB_ADMIN_URL',
    adminId: 'db-admin',
    provider: `my: { type: mariadb, host: 127.0.0.1, port: ${m.port}, user: ${user}, alternateUser: ${user}_b, adminConnection: db-admin }`,
    secretId: 'db-app',
    strategy: 'alternating-users',
    verification: 'mariadb',
    refs: '{ env: [DATABASE_PASSWORD], userEnv: DATABASE_USER }',
    grace,
  });
  const p = project('mariadb-alt', policy, { '.env.local': `DATABASE_USER=${user}\nDATABASE_PASSWORD=${initial}\n`, '.env.admin': `MARIADB_ADMIN_URL=${m.adminUrl}\n` });
  return { name: 'MariaDB alternating users', ...p, secretId: 'db-app', load: { LOAD_KIND: 'mariadb', LOAD_PORT: String(m.port), LOAD_SOURCE: 'env' }, known: [initial, m.adminPassword] };
}

export async function redisDual(r: SystemRedis, grace: string): Promise<LiveProject> {
  const user = `live_${randomBytes(3).toString('hex')}`;
  const initial = pw();
  const c = createClient({ url: r.adminUrl });
  await c.connect();
  await c.sendCommand(['ACL', 'SETUSER', user, 'on', `#${redisPasswordHash(initial)}`, '~*', '+@all']);
  await c.close();
  const policy = livePolicy({
    adminVar: 'REDIS_ADMIN_URL',
    adminId: 'redis-admin',
    provider: `rd: { type: redis, host: 127.0.0.1, port: ${r.port}, user: ${user}, adminConnection: redis-admin }`,
    secretId: 'redis-app',
    strategy: 'single-user',
    verification: 'redis',
    refs: '{ env: [REDIS_PASSWORD] }',
    grace,
  });
  const p = project('redis', policy, { '.env.local': `REDIS_PASSWORD=${initial}\n`, '.env.admin': `REDIS_ADMIN_URL=${r.adminUrl}\n` });
  return { name: 'Redis dual passwords', ...p, secretId: 'redis-app', load: { LOAD_KIND: 'redis', LOAD_PORT: String(r.port), LOAD_SOURCE: 'env', LOAD_USER: user, LOAD_PASSWORD_VAR: 'REDIS_PASSWORD' }, known: [initial, r.adminPassword] };
}
