import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pgLogin } from '../../../core/rotation/providers/postgres';
import { startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { startPostgres, type SystemPostgres } from '../../helpers/system/postgres';
import { requireSystem } from '../../helpers/system/processes';
import { storeOps } from '../../helpers/system/store-client';
import { snapshotDir } from '../../helpers/system/snapshot';
import { createPgRoles, dbPolicy, dbProject, newPassword } from './db-projects';
import { uniqueName, type TestProject } from './project';

export const WORKERS = snapshotDir(join(__dirname, '../workers'));

export interface PgProject extends TestProject {
  role: string;
  service: string;
  keychainRef: { type: string; service: string };
  initialPassword: string;
}

/** A project whose role exists with a known initial password, held in the keychain and .env.local. */
export async function makePgProject(pg: SystemPostgres, keyringEnv: NodeJS.ProcessEnv, alternating = false): Promise<PgProject> {
  const role = `app_${randomBytes(4).toString('hex')}`;
  const alternateRole = alternating ? `${role}_b` : undefined;
  const service = uniqueName('rg-pg');
  const policy = dbPolicy({
    secretId: 'pg-app',
    adminId: 'pg-admin',
    adminVar: 'PG_ADMIN_URL',
    provider: { name: 'pg', spec: { type: 'postgres', host: '127.0.0.1', port: pg.port, database: 'postgres', role, adminConnection: 'pg-admin' } },
    stores: { keychain: { type: 'keychain', service } },
    secret: {
      rotation: { provider: 'pg', ...(alternateRole ? { strategy: 'alternating-users', params: { alternateRole } } : {}) },
      verification: { type: 'postgres' },
      references: { env: ['DATABASE_PASSWORD'], ...(alternateRole ? { userEnv: 'DATABASE_USER' } : {}) },
    },
  });
  const initialPassword = newPassword();
  await createPgRoles(pg, alternateRole ? [[role, initialPassword], [alternateRole, newPassword()]] : [[role, initialPassword]]);
  const project = dbProject(policy, { adminVar: 'PG_ADMIN_URL', adminUrl: pg.adminConnectionString, envLocal: `# app settings\nDATABASE_PASSWORD=${initialPassword}\n` }, keyringEnv);
  const keychainRef = { type: 'keychain', service };
  await storeOps(project.env, [{ op: 'set', ref: keychainRef, secretId: 'pg-app', stage: 'current', value: initialPassword }], WORKERS);
  return { ...project, role, service, keychainRef, initialPassword };
}

export async function keychainStages(p: PgProject): Promise<{ current: string | null; pending: string | null; previous: string | null }> {
  const [c, n, v] = await storeOps(p.env, (['current', 'pending', 'previous'] as const).map((stage) => ({ op: 'get' as const, ref: p.keychainRef, secretId: 'pg-app', stage })), WORKERS);
  return { current: c!.value ?? null, pending: n!.value ?? null, previous: v!.value ?? null };
}

export function login(pg: SystemPostgres, role: string, password: string) {
  return pgLogin({ host: pg.host, port: pg.port, database: 'postgres', user: role, password });
}

/**
 * A real PostgreSQL cluster and gnome-keyring for one mocha suite: started in `before` (failing,
 * or skipping under ROTATION_GUARD_SKIP_SYSTEM=1, when one cannot start), stopped in `after`.
 */
export function postgresAndKeyringPerSuite(): { readonly pg: SystemPostgres; readonly keyring: SystemKeyring } {
  const state: { pg?: SystemPostgres; keyring?: SystemKeyring } = {};
  before(async function () {
    this.timeout(90000);
    state.pg = await requireSystem(this, 'PostgreSQL (initdb/postgres)', startPostgres);
    state.keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => {
    await state.keyring?.stop();
    await state.pg?.stop();
  });
  return {
    get pg() {
      return state.pg!;
    },
    get keyring() {
      return state.keyring!;
    },
  };
}
