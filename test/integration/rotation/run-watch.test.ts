import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { readLedger } from '../../../core/ledger/read';
import { openRotations } from '../../../core/rotation/recovery';
import { readEnvValue } from '../../../core/stores/env-format';
import { ArgvSampler } from '../../helpers/system/argv-sampler';
import { startPostgres, type SystemPostgres } from '../../helpers/system/postgres';
import { killGroup, requireSystem, waitExit, waitForOutput } from '../../helpers/system/processes';
import { createPgRoles, dbPolicy, dbProject, newPassword } from './db-projects';
import { cli, cliProcess, type TestProject } from './project';
import { waitForFile } from './wait-file';

const fp = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 12);

/** The app under test: prints what it holds (user, a hash of the password), never the password. */
const APP = `
const fs = require('fs'), crypto = require('crypto');
const fp = (v) => crypto.createHash('sha256').update(v || '').digest('hex').slice(0, 12);
let env = { ...process.env };
// rotation-guard:allow the app reports a hash of the password it holds, never the value
const say = (event) => console.log(JSON.stringify({ event, user: env.DATABASE_USER, pw: fp(env.DATABASE_PASSWORD), admin: !!env.PG_ADMIN_URL, file: !!process.env.ROTATION_GUARD_ENV_FILE }));
function reread() {
  env = {};
  for (const line of fs.readFileSync(process.env.ROTATION_GUARD_ENV_FILE, 'utf8').split('\\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
}
process.on('SIGHUP', () => { reread(); say('reload'); });
process.on('SIGINT', () => { say('sigint'); process.exit(5); });
process.on('SIGTERM', () => { say('sigterm'); process.exit(0); });
say('start');
setInterval(() => {}, 1000);
`;

interface WatchProject extends TestProject {
  role: string;
  initial: string;
}

async function makeProjectFor(pg: SystemPostgres): Promise<WatchProject> {
  const role = `app_${randomBytes(4).toString('hex')}`;
  const policy = dbPolicy({
    secretId: 'pg-app',
    adminId: 'pg-admin',
    adminVar: 'PG_ADMIN_URL',
    provider: { name: 'pg', spec: { type: 'postgres', host: '127.0.0.1', port: pg.port, database: 'postgres', role, alternateRole: `${role}_b`, adminConnection: 'pg-admin' } },
    secret: { rotation: { provider: 'pg', strategy: 'alternating-users' }, verification: { type: 'postgres' }, references: { env: ['DATABASE_PASSWORD'], userEnv: 'DATABASE_USER' } },
  });
  const initial = newPassword();
  await createPgRoles(pg, [[role, initial], [`${role}_b`, newPassword()]]);
  const p = dbProject(policy, { adminVar: 'PG_ADMIN_URL', adminUrl: pg.adminConnectionString, envLocal: `DATABASE_USER=${role}\nDATABASE_PASSWORD=${initial}\n` });
  writeFileSync(join(p.dir, 'app.js'), APP);
  return { ...p, role, initial };
}

/** Collects the app's JSON lines; `next(event)` resolves with the next line of that event. */
function appEvents(child: ChildProcess) {
  const lines: Array<{ event: string; user: string; pw: string; admin: boolean; file: boolean }> = [];
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    for (const l of d.toString().split('\n')) if (l.startsWith('{')) lines.push(JSON.parse(l));
  });
  return {
    lines,
    stderr: () => err,
    /** Resolves with the n-th line of `event` (waiting on the app's output, with a timeout). */
    async nth(event: string, n: number) {
      const count = () => lines.filter((l) => l.event === event).length;
      const deadline = Date.now() + 30000;
      while (count() < n) {
        if (Date.now() > deadline) throw new Error(`app: no ${event} #${n} within 30 s; stderr: ${err.slice(-400)}`);
        await waitForOutput(child.stdout!, new RegExp(`"event":"${event}"`), deadline - Date.now(), `app (${event} #${n}); stderr: ${err.slice(-400)}`);
      }
      return lines.filter((l) => l.event === event)[n - 1]!;
    },
  };
}

const envPair = (p: TestProject) => {
  const t = readFileSync(join(p.dir, '.env.local'), 'utf8');
  return { user: readEnvValue(t, 'DATABASE_USER')!, password: readEnvValue(t, 'DATABASE_PASSWORD')! };
};

describe('run --watch: the running app learns rotated credentials (real PostgreSQL, real child processes)', function () {
  this.timeout(90000);
  let pg: SystemPostgres | undefined;
  let p: WatchProject;
  let sampler: ArgvSampler;
  before(async function () {
    this.timeout(90000);
    pg = await requireSystem(this, 'PostgreSQL (initdb/postgres)', startPostgres);
  });
  after(async () => pg?.stop());
  beforeEach(async () => {
    p = await makeProjectFor(pg!);
    sampler = new ArgvSampler().start();
  });
  afterEach(() => {
    sampler.stop();
    p.cleanup();
  });

  it('--signal SIGHUP: the app re-reads ROTATION_GUARD_ENV_FILE after each promote (a burst gives one signal); Ctrl-C passes the exit code through; no admin URL, no value in argv', async () => {
    const run = cliProcess(p, ['run', '--watch', '--signal', 'SIGHUP', '--debounce', '1500ms', '--', process.execPath, 'app.js'], p.env);
    const app = appEvents(run);
    try {
      const start = await app.nth('start', 1);
      assert.deepEqual([start.user, start.pw, start.admin, start.file], [p.role, fp(p.initial), false, true], 'starts with its own user and password, without PG_ADMIN_URL');
      const r1 = await cli(p, ['rotate', 'pg-app', '--trust', '--yes']);
      assert.equal(r1.code, 0, r1.stdout + r1.stderr);
      const after1 = envPair(p);
      const reload1 = await app.nth('reload', 1);
      assert.deepEqual([reload1.user, reload1.pw], [after1.user, fp(after1.password)], 'the app holds the promoted user and password');
      assert.equal(after1.user, `${p.role}_b`);
      // Two rotations back to back, inside one debounce window: one signal, with the last pair.
      assert.equal((await cli(p, ['rotate', 'pg-app'])).code, 0);
      assert.equal((await cli(p, ['rotate', 'pg-app'])).code, 0);
      const after3 = envPair(p);
      const reload2 = await app.nth('reload', 2);
      assert.deepEqual([reload2.user, reload2.pw], [after3.user, fp(after3.password)]);
      process.kill(run.pid!, 'SIGINT');
      assert.equal(await waitExit(run, 20000), 5, "run exits with the app's code");
      assert.equal(app.lines.filter((l) => l.event === 'reload').length, 2, 'the burst of two rotations gave one signal');
      assert.ok(app.lines.some((l) => l.event === 'sigint'));
      sampler.stop();
      assert.deepEqual(sampler.leaked([p.initial, after1.password, after3.password, pg!.adminPassword]), []);
      assert.ok(!app.stderr().includes(after3.password));
    } finally {
      killGroup(run);
    }
  });

  it('--restart: SIGTERM, then the app starts again with the new environment', async () => {
    const run = cliProcess(p, ['run', '--watch', '--restart', '--debounce', '200ms', '--stop-timeout', '5s', '--', process.execPath, 'app.js'], p.env);
    const app = appEvents(run);
    try {
      await app.nth('start', 1);
      assert.equal((await cli(p, ['rotate', 'pg-app', '--trust', '--yes'])).code, 0);
      const second = await app.nth('start', 2);
      const now = envPair(p);
      assert.deepEqual([second.user, second.pw], [now.user, fp(now.password)]);
      assert.equal(app.lines.filter((l) => l.event === 'sigterm').length, 1);
      process.kill(run.pid!, 'SIGTERM');
      assert.equal(await waitExit(run, 20000), 0);
    } finally {
      killGroup(run);
    }
  });

  it('finishes an interrupted rotation by itself (rotate SIGKILLed after apply) and signals the app', async () => {
    const run = cliProcess(p, ['run', '--watch', '--debounce', '200ms', '--', process.execPath, 'app.js'], p.env);
    const app = appEvents(run);
    try {
      await app.nth('start', 1);
      const marker = join(p.dir, 'paused.marker');
      rmSync(marker, { force: true });
      const rot = cliProcess(p, ['rotate', 'pg-app', '--trust', '--yes'], { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: 'apply:after', ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
      await waitForFile(marker, 30000, rot);
      killGroup(rot, 'SIGKILL');
      await waitExit(rot, 10000);
      const reload = await app.nth('reload', 1);
      const now = envPair(p);
      assert.deepEqual([reload.user, reload.pw], [now.user, fp(now.password)]);
      assert.equal(now.user, `${p.role}_b`, 'the interrupted rotation was continued, not only rolled back');
      assert.deepEqual(openRotations(readLedger(join(p.dir, '.rotation/ledger.jsonl')).entries), []);
      process.kill(run.pid!, 'SIGTERM');
      await waitExit(run, 20000);
    } finally {
      killGroup(run);
    }
  });

  it('exit code passthrough; --only names the admin connection explicitly', async () => {
    assert.equal((await cli(p, ['run', '--watch', '--', process.execPath, '-e', 'process.exit(7)'])).code, 7);
    const r = await cli(p, ['run', '--only', 'pg-admin', '--', process.execPath, '-e', 'process.exit(process.env.PG_ADMIN_URL && !process.env.DATABASE_PASSWORD ? 0 : 4)']);
    assert.equal(r.code, 0, r.stderr);
  });
});
