import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mariadbLogin, redisLogin } from '../../../core/rotation/providers';
import { readEnvValue } from '../../../core/stores/env-format';
import { PassStore } from '../../../core/stores/pass';
import type { SystemKeyring } from '../../helpers/system/keyring';
import type { SystemMariadb } from '../../helpers/system/mariadb';
import type { SystemPass } from '../../helpers/system/pass';
import type { SystemPostgres } from '../../helpers/system/postgres';
import type { SystemRedis } from '../../helpers/system/redis';
import { makeMariadbProject, makeRedisProject } from '../rotation/db-projects';
import { keychainStages, login, makePgProject } from '../rotation/pg-project';
import { makeProject, type TestProject } from '../rotation/project';
import { machineSecret, policyYaml, type ProviderDoc } from '../../helpers/policy';
import type { KeyServer } from '../rotation/key-server';

/** One provider set up for fault injection: how to rotate it, read its stores, and test a value. */
export interface Target {
  provider: string;
  secretId: string;
  p: TestProject;
  /** Arguments of a new rotation (and of --resume / --rollback with the flag added). */
  args: string[];
  /** stdin of a new rotation (manual: the key a person pasted, issued for this attempt). */
  input?: () => string;
  /** CURRENT in every store apps read (they must agree after recovery), and the values in PENDING/PREVIOUS. */
  read(): Promise<{ currents: Array<string | null>; staged: string[] }>;
  /** The value logs in at the issuer (any of the secret's accounts); null when there is no issuer. */
  works(value: string): Promise<boolean | null>;
  /** The value current before a rotation stays valid after it by design (alternating users without revoke). */
  oldStaysValid?: boolean;
  /** Keys active at the issuer (issuers that mint keys): key → id. */
  issued?(): Map<string, string>;
  revokeAtIssuer?(key: string): void;
  /** Folders besides the project to search for debris (the pass store). */
  roots: string[];
  /** Files that are stores, where values belong. */
  legit(file: string): boolean;
  cleanup(): void;
}

const envValue = (p: TestProject, name: string): string | null => {
  const f = join(p.dir, '.env.local');
  return existsSync(f) ? readEnvValue(readFileSync(f, 'utf8'), name) : null;
};

function stageValues(p: TestProject, id: string): string[] {
  const f = join(p.dir, '.rotation/stages', `${id}.json`);
  if (!existsSync(f)) return [];
  const s = JSON.parse(readFileSync(f, 'utf8')) as Record<string, { value: string } | undefined>;
  return [s.pending?.value, s.previous?.value].filter((v): v is string => !!v);
}

const storeFile = (p: TestProject, id: string) => (f: string) => {
  const r = f.slice(p.dir.length + 1);
  return ['.env.local', '.env.admin', 'rotation-policy.yaml', '.rotation/ledger.jsonl', `.rotation/stages/${id}.json`].includes(r) || r.endsWith('.gitignore') || r.startsWith('.config-home/');
};

function issuerTarget(provider: string, issuer: KeyServer, spec: ProviderDoc, extraEnv: NodeJS.ProcessEnv, input?: () => string): Target {
  const id = `api-${provider}`;
  const p = makeProject(
    policyYaml({
      version: 1,
      stores: { dotenv: { type: 'env-file', path: '.env.local' }, 'admin-env': { type: 'env-file', path: '.env.admin', var: 'ISSUER_ADMIN_TOKEN' } },
      providers: { issuer: spec },
      secrets: [
        machineSecret(id, {
          stores: ['dotenv'],
          rotation: { provider: 'issuer' },
          verification: { type: 'http', url: `http://127.0.0.1:${issuer.port}/whoami`, header: 'Authorization: Bearer {{value}}', expectStatus: 200 },
          references: { env: ['API_KEY'] },
        }),
        { id: 'issuer-admin', kind: 'token', owner: 'human', stores: ['admin-env'] },
      ],
    }),
    { ...process.env, ...extraEnv },
  );
  writeFileSync(join(p.dir, '.env.admin'), `ISSUER_ADMIN_TOKEN=${issuer.adminToken}\n`, { mode: 0o600 });
  writeFileSync(join(p.dir, '.env.local'), `API_KEY=${issuer.issue().key}\n`, { mode: 0o600 });
  writeFileSync(join(p.dir, '.gitignore'), '.env.*\n.config-home/\n');
  return {
    provider,
    secretId: id,
    p,
    args: ['rotate', id, '--trust', '--yes', ...(provider === 'manual' ? ['--value-stdin'] : [])],
    input,
    read: async () => ({ currents: [envValue(p, 'API_KEY')], staged: stageValues(p, id) }),
    works: async (v) => issuer.active.has(v),
    issued: () => issuer.active,
    revokeAtIssuer: (k) => void issuer.active.delete(k),
    roots: [],
    legit: storeFile(p, id),
    cleanup: () => p.cleanup(),
  };
}

export function commandTarget(issuer: KeyServer): Target {
  const base = `http://127.0.0.1:${issuer.port}`;
  const issue = `fetch('${base}/keys',{method:'POST',headers:{authorization:'Bearer '+process.env.ISSUER_ADMIN}}).then(r=>r.json()).then(j=>console.log(j.data.key))`;
  const revoke = `fetch('${base}/keys/current',{method:'DELETE',headers:{authorization:'Bearer '+require('fs').readFileSync(0,'utf8').trim()}}).then(r=>process.exit(r.status<300?0:1))`;
  return issuerTarget('command', issuer, { type: 'command', command: 'node', args: ['-e', issue], revoke: { command: 'node', args: ['-e', revoke] } }, { ISSUER_ADMIN: issuer.adminToken });
}

export function httpTarget(issuer: KeyServer): Target {
  const base = `http://127.0.0.1:${issuer.port}`;
  const spec: ProviderDoc = {
    type: 'http',
    url: `${base}/keys`,
    headers: { Authorization: 'Bearer {{secret:issuer-admin}}' },
    responsePath: '/data/key',
    revoke: { url: `${base}/keys/current`, method: 'DELETE', headers: { Authorization: 'Bearer {{old}}' } },
  };
  return issuerTarget('http', issuer, spec, {});
}

export function manualTarget(issuer: KeyServer): Target {
  return issuerTarget('manual', issuer, { type: 'manual', url: `http://127.0.0.1:${issuer.port}/console` }, {}, () => issuer.issue().key);
}

export function generateTarget(pass: SystemPass): Target {
  const id = 'gen-key';
  const path = `rg-faults-${randomBytes(4).toString('hex')}/{id}`;
  const p = makeProject(
    policyYaml({
      version: 1,
      stores: { vault: { type: 'pass', path }, dotenv: { type: 'env-file', path: '.env.local' } },
      providers: { random: { type: 'generate', length: 40, prefix: 'rg_' } },
      secrets: [machineSecret(id, { stores: ['vault', 'dotenv'], rotation: { provider: 'random' }, references: { env: ['GEN_KEY'] } })],
    }),
    { ...process.env, ...pass.env },
  );
  const store = new PassStore({ path, env: p.env });
  const initial = `rg_${randomBytes(20).toString('hex')}`;
  writeFileSync(join(p.dir, '.env.local'), `GEN_KEY=${initial}\n`, { mode: 0o600 });
  writeFileSync(join(p.dir, '.gitignore'), '.env.*\n.config-home/\n');
  return {
    provider: 'generate',
    secretId: id,
    p,
    args: ['rotate', id],
    read: async () => {
      const [c, n, v] = await Promise.all((['current', 'pending', 'previous'] as const).map((stage) => store.get(id, stage)));
      return { currents: [c!, envValue(p, 'GEN_KEY')], staged: [n, v].filter((x): x is string => !!x) };
    },
    works: async () => null,
    roots: [pass.env.PASSWORD_STORE_DIR!],
    legit: (f) => storeFile(p, id)(f) || (f.startsWith(pass.env.PASSWORD_STORE_DIR!) && !/\.rg-tmp-/.test(f)),
    cleanup: () => p.cleanup(),
  };
}

export async function postgresTarget(pg: SystemPostgres, keyring: SystemKeyring): Promise<Target> {
  const p = await makePgProject(pg, keyring.env);
  return {
    provider: 'postgres',
    secretId: 'pg-app',
    p,
    args: ['rotate', 'pg-app', '--trust', '--yes'],
    read: async () => {
      const s = await keychainStages(p);
      return { currents: [s.current, envValue(p, 'DATABASE_PASSWORD')], staged: [s.pending, s.previous].filter((v): v is string => !!v) };
    },
    works: async (v) => (await login(pg, p.role, v)).status === 'works',
    roots: [],
    legit: storeFile(p, 'pg-app'),
    cleanup: () => p.cleanup(),
  };
}

export async function mariadbTarget(m: SystemMariadb): Promise<Target> {
  const p = await makeMariadbProject(m);
  const tryLogin = async (u: string, v: string) => (await mariadbLogin({ host: '127.0.0.1', port: m.port, user: u, password: v })).status === 'works';
  return {
    provider: 'mariadb',
    secretId: 'db-app',
    p,
    args: ['rotate', 'db-app', '--trust', '--yes'],
    oldStaysValid: true,
    read: async () => ({ currents: [envValue(p, 'DATABASE_PASSWORD')], staged: stageValues(p, 'db-app') }),
    works: async (v) => (await tryLogin(p.user, v)) || (await tryLogin(`${p.user}_b`, v)),
    roots: [],
    legit: storeFile(p, 'db-app'),
    cleanup: () => p.cleanup(),
  };
}

export async function redisTarget(r: SystemRedis): Promise<Target> {
  const p = await makeRedisProject(r);
  return {
    provider: 'redis',
    secretId: 'redis-app',
    p,
    args: ['rotate', 'redis-app', '--trust', '--yes'],
    read: async () => ({ currents: [envValue(p, 'REDIS_PASSWORD')], staged: stageValues(p, 'redis-app') }),
    works: async (v) => (await redisLogin({ host: '127.0.0.1', port: r.port, user: p.user, password: v })).status === 'works',
    roots: [],
    legit: storeFile(p, 'redis-app'),
    cleanup: () => p.cleanup(),
  };
}
