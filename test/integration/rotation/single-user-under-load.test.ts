import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { readEnvValue } from '../../../core/stores/env-format';
import { startArgvSamplerProcess } from '../../helpers/system/argv-sampler';
import { startPostgres, type SystemPostgres } from '../../helpers/system/postgres';
import { killGroup, requireSystem, waitExit, waitForOutput } from '../../helpers/system/processes';
import { pgSingleUser } from '../../../bench/rotation/live-strategies';
import { cli, cliProcess, type TestProject } from './project';
import { waitForFile } from './wait-file';

const LOAD_APP = resolve(__dirname, '../../../bench/rotation/load-app.js');

describe('single-user PostgreSQL under load: stores get the new password right after apply (real PostgreSQL, app re-reading per connection)', function () {
  this.timeout(120000);
  let pg: SystemPostgres | undefined;
  before(async function () {
    this.timeout(90000);
    pg = await requireSystem(this, 'PostgreSQL (initdb/postgres)', startPostgres);
  });
  after(async () => pg?.stop());

  it('an app that re-reads .env.local per connection and retries once sees no failed request across rotations and kills inside them', async () => {
    const live = await pgSingleUser(pg!);
    const p: TestProject = { dir: live.dir, policyPath: join(live.dir, 'rotation-policy.yaml'), env: live.env, cleanup: () => rmSync(live.dir, { recursive: true, force: true }) };
    const sampler = startArgvSamplerProcess();
    const out = join(p.dir, 'load.json');
    // 20 new connections a second: on a sandboxed host (gVisor) where each PostgreSQL backend's fork is
    // slow, 60 a second saturated the server (connections received and never authenticated, every
    // login timing out at 5 s, the same on earlier builds); the property asserted does not depend on the rate.
    const run = cliProcess(p, ['run', '--watch', '--', process.execPath, LOAD_APP], { ...p.env, ...live.load, LOAD_RATE: '20', LOAD_OUT: out });
    try {
      await waitForOutput(run.stdout!, /load-started/, 30000, 'load app');
      const seen = new Set(live.known);
      const note = () => seen.add(readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'DATABASE_PASSWORD')!);
      const first = await cli(p, ['rotate', 'pg-app', '--trust', '--yes']);
      assert.equal(first.code, 0, first.stdout + first.stderr);
      note();
      for (const point of ['apply:after', 'test-new:before', 'promote:after']) {
        const marker = join(p.dir, 'paused.marker');
        rmSync(marker, { force: true });
        const k = cliProcess(p, ['rotate', 'pg-app'], { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: point, ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
        await waitForFile(marker, 30000, k);
        killGroup(k, 'SIGKILL');
        await waitExit(k, 10000);
        note();
        // run --watch may be finishing the interrupted rotation right now: --wait waits for its lock.
        const r = await cli(p, ['rotate', 'pg-app', '--wait']);
        assert.equal(r.code, 0, r.stdout + r.stderr);
        note();
      }
      process.kill(run.pid!, 'SIGTERM');
      assert.equal(await waitExit(run, 30000), 0);
      const { results } = JSON.parse(readFileSync(out, 'utf8')) as { results: Array<[number, number, number]> };
      assert.ok(results.length > 100, `the app made ${results.length} requests`);
      assert.equal(results.filter((r) => r[2] === 2).length, 0, 'no request failed after its one retry');
      assert.equal(verifyLedger(join(p.dir, '.rotation/ledger.jsonl')).ok, true);
      const sampled = await sampler.stop();
      assert.ok(sampled.samples > 10);
      const leaked = [...seen].filter((v) => sampled.commandLines.some((c) => c.includes(v)));
      assert.deepEqual(leaked, [], 'no password in any argv');
      assert.equal(existsSync(join(p.dir, '.rotation/stages/pg-app.json')), false, 'no PENDING/PREVIOUS left behind');
    } finally {
      killGroup(run);
      await sampler.stop().catch(() => undefined);
      p.cleanup();
    }
  });

  it('gracePeriod on single-user PostgreSQL: check reports it with the fix, and rotate does not claim the old value stays valid', async () => {
    const live = await pgSingleUser(pg!);
    const p: TestProject = { dir: live.dir, policyPath: join(live.dir, 'rotation-policy.yaml'), env: live.env, cleanup: () => rmSync(live.dir, { recursive: true, force: true }) };
    try {
      writeFileSync(p.policyPath, readFileSync(p.policyPath, 'utf8').replace('    maxAge: 30d\n    stores: [dotenv]', '    maxAge: 30d\n    gracePeriod: 1h\n    stores: [dotenv]'));
      const check = await cli(p, ['check', '--format', 'json']);
      assert.equal(check.code, 1);
      assert.match(check.stdout, /policy\/grace-without-overlap/);
      assert.match(check.stdout, /alternating-users/);
      const r = await cli(p, ['rotate', 'pg-app', '--trust', '--yes']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /pg-app: rotated/);
      assert.doesNotMatch(r.stdout + r.stderr, /stays valid until/);
      assert.match(r.stderr, /gracePeriod 1h ignored/);
    } finally {
      p.cleanup();
    }
  });
});
