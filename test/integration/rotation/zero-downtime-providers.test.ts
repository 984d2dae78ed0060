import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { mariadbLogin, redisLogin } from '../../../core/rotation/providers';
import { readEnvValue } from '../../../core/stores/env-format';
import { ArgvSampler } from '../../helpers/system/argv-sampler';
import { startMariadb, type SystemMariadb } from '../../helpers/system/mariadb';
import { killGroup, requireSystem, runToEnd, waitExit } from '../../helpers/system/processes';
import { startRedis, type SystemRedis } from '../../helpers/system/redis';
import { makeMariadbProject, makeRedisProject } from './db-projects';
import { cli, cliProcess } from './project';
import { waitForFile } from './wait-file';

const steps = (dir: string) =>
  readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string; user?: string }).filter((e) => e.outcome !== 'started');

describe('zero-downtime providers: Redis ACL dual passwords, MariaDB alternating users (real redis-server, mariadbd)', function () {
  this.timeout(120000);
  let redis: SystemRedis | undefined;
  let maria: SystemMariadb | undefined;
  before(async function () {
    this.timeout(180000);
    redis = await requireSystem(this, 'redis-server', startRedis);
    maria = await requireSystem(this, 'mariadb-server (mariadb-install-db, mariadbd)', startMariadb);
  });
  after(async () => {
    await redis?.stop();
    await maria?.stop();
  });

  it('redis: both passwords work between apply and revoke; afterwards the old one is refused (WRONGPASS); env-file-only store, stages beside the ledger', async () => {
    const p = await makeRedisProject(redis!);
    const sampler = new ArgvSampler().start();
    try {
      const login = (pw: string) => redisLogin({ host: '127.0.0.1', port: redis!.port, user: p.user, password: pw });
      // Stop inside promote: the new password is applied, PENDING sits in the local stage file.
      const marker = join(p.dir, 'paused.marker');
      const child = cliProcess(p, ['rotate', 'redis-app', '--trust', '--yes'], { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: 'promote:before', ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
      let out = '';
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      try {
        await waitForFile(marker, 30000, child, () => out);
        const stageFile = join(p.dir, '.rotation/stages/redis-app.json');
        const pending = (JSON.parse(readFileSync(stageFile, 'utf8')) as { pending: { value: string } }).pending.value;
        assert.equal(statSync(stageFile).mode & 0o777, 0o600);
        assert.equal(statSync(join(p.dir, '.rotation/stages')).mode & 0o777, 0o700);
        assert.equal(readFileSync(join(p.dir, '.rotation/stages/.gitignore'), 'utf8').split('\n').includes('*'), true);
        await runToEnd('git', ['init', '-q'], { cwd: p.dir });
        assert.equal((await runToEnd('git', ['check-ignore', '-q', '.rotation/stages/redis-app.json'], { cwd: p.dir })).code, 0, 'the stage file is git-ignored');
        assert.equal((await login(pending)).status, 'works', 'the new password works before promote');
        assert.equal((await login(p.initial)).status, 'works', 'and the old one still works');
      } finally {
        killGroup(child, 'SIGKILL');
        await waitExit(child, 10000);
      }
      // A plain rotate finishes the interrupted one (no --resume needed).
      const r = await cli(p, ['rotate', 'redis-app']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /finished interrupted rotation/);
      const now = readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'REDIS_PASSWORD')!;
      assert.notEqual(now, p.initial);
      assert.equal((await login(now)).status, 'works');
      assert.equal((await login(p.initial)).status, 'refused');
      assert.deepEqual(steps(p.dir).slice(-4).map((e) => `${e.step}:${e.outcome}`), ['promote:ok', 'revoke-old:ok', 'test-old-fails:ok', 'finish:ok']);
      assert.equal(existsSync(join(p.dir, '.rotation/stages/redis-app.json')), false, 'PENDING/PREVIOUS removed once finished');
      assert.equal(verifyLedger(join(p.dir, '.rotation/ledger.jsonl')).ok, true);
      sampler.stop();
      assert.ok(sampler.samples > 5);
      assert.deepEqual(sampler.leaked([p.initial, now, redis!.adminPassword]), [], 'no value in any argv');
      const serverLog = readFileSync(redis!.logPath, 'utf8');
      assert.ok(!serverLog.includes(now) && !serverLog.includes(p.initial));
    } finally {
      sampler.stop();
      p.cleanup();
    }
  });

  it('redis: killed right after the old password was removed, the next rotate finishes (revoke is idempotent) and rotates again', async () => {
    const p = await makeRedisProject(redis!);
    try {
      const marker = join(p.dir, 'paused.marker');
      const child = cliProcess(p, ['rotate', 'redis-app', '--trust', '--yes'], { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: 'revoke-old:after', ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
      try {
        await waitForFile(marker, 30000, child);
      } finally {
        killGroup(child, 'SIGKILL');
        await waitExit(child, 10000);
      }
      const login = (pw: string) => redisLogin({ host: '127.0.0.1', port: redis!.port, user: p.user, password: pw });
      assert.equal((await login(p.initial)).status, 'refused', 'the old password was already removed when the process died');
      const r = await cli(p, ['rotate', 'redis-app']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stderr, /already removed/);
      const second = await cli(p, ['rotate', 'redis-app']);
      assert.equal(second.code, 0, second.stdout + second.stderr);
      const now = readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'REDIS_PASSWORD')!;
      assert.equal((await login(now)).status, 'works');
    } finally {
      p.cleanup();
    }
  });

  it('mariadb alternating users: user and password written together; the previous user keeps working; only hashes reach the general log', async () => {
    const p = await makeMariadbProject(maria!);
    const sampler = new ArgvSampler().start();
    try {
      const envOf = () => {
        const t = readFileSync(join(p.dir, '.env.local'), 'utf8');
        return { user: readEnvValue(t, 'DATABASE_USER')!, password: readEnvValue(t, 'DATABASE_PASSWORD')! };
      };
      const login = (u: string, pw: string) => mariadbLogin({ host: '127.0.0.1', port: maria!.port, user: u, password: pw });
      const r1 = await cli(p, ['rotate', 'db-app', '--trust', '--yes']);
      assert.equal(r1.code, 0, r1.stdout + r1.stderr);
      const first = envOf();
      assert.equal(first.user, `${p.user}_b`, 'switched to the alternate user');
      assert.equal((await login(first.user, first.password)).status, 'works');
      assert.equal((await login(p.user, p.initial)).status, 'works', 'the previous user still works');
      const r2 = await cli(p, ['rotate', 'db-app']);
      assert.equal(r2.code, 0, r2.stdout + r2.stderr);
      const second = envOf();
      assert.equal(second.user, p.user);
      assert.equal((await login(second.user, second.password)).status, 'works');
      assert.equal((await login(p.user, p.initial)).status, 'refused', "the first user's old password is gone at its next turn");
      assert.equal((await login(first.user, first.password)).status, 'works');
      const run = await cli(p, ['run', '--', 'node', '-e', `process.exit(process.env.DATABASE_USER===${JSON.stringify(second.user)} && process.env.DATABASE_PASSWORD && !process.env.MARIADB_ADMIN_URL ? 0 : 3)`]);
      assert.equal(run.code, 0, `run exports user and password, not the admin URL: ${run.stderr}`);
      const general = readFileSync(maria!.generalLogPath, 'utf8');
      assert.match(general, /ALTER USER .* IDENTIFIED BY PASSWORD '\*[0-9A-F]{40}'/);
      for (const v of [p.initial, first.password, second.password]) assert.ok(!general.includes(v), 'a plaintext password reached the general log');
      sampler.stop();
      assert.deepEqual(sampler.leaked([p.initial, first.password, second.password, maria!.adminPassword]), []);
      assert.equal(verifyLedger(join(p.dir, '.rotation/ledger.jsonl')).ok, true);
    } finally {
      sampler.stop();
      p.cleanup();
    }
  });

  it('a grace period never blocks the schedule: refused with the time before it expires, finished by the next rotate after', async () => {
    const p = await makeMariadbProject(maria!, '3s');
    try {
      const r1 = await cli(p, ['rotate', 'db-app', '--trust', '--yes']);
      assert.equal(r1.code, 0, r1.stdout + r1.stderr);
      assert.match(r1.stdout, /awaiting-revoke/);
      const early = await cli(p, ['rotate', 'db-app']);
      assert.equal(early.code, 2);
      assert.match(early.stderr, /stays valid until \d{4}-\d\d-\d\dT[\d:.]+Z .*next rotation can start then/);
      const waited = await cli(p, ['rotate', 'db-app', '--wait']);
      assert.equal(waited.code, 0, waited.stdout + waited.stderr);
      const all = steps(p.dir).map((e) => `${e.step}:${e.outcome}`);
      assert.equal(all.filter((s) => s === 'finish:ok').length, 1, 'the first rotation was finished');
      assert.equal(all.filter((s) => s === 'promote:ok').length, 2, 'and a second one promoted');
      assert.match(waited.stderr, /grace period had expired/);
    } finally {
      p.cleanup();
    }
  });
});
