import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { readEnvValue } from '../../../core/stores/env-format';
import type { SystemPostgres } from '../../helpers/system/postgres';
import { killGroup, waitExit } from '../../helpers/system/processes';
import { killAt as kill, PAUSE_POINTS } from '../faults/harness';
import { keychainStages, login, makePgProject, type PgProject, postgresAndKeyringPerSuite } from './pg-project';
import { cli, cliProcess } from './project';
import { waitForFile } from './wait-file';

async function workingCredentialHeld(pg: SystemPostgres, p: PgProject): Promise<boolean> {
  const s = await keychainStages(p);
  const envValue = readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'DATABASE_PASSWORD');
  for (const v of [s.current, s.pending, s.previous, envValue]) if (v && (await login(pg, p.role, v)).status === 'works') return true;
  return false;
}

const killAt = (p: PgProject, point: string, extraArgs: string[] = []) => kill(p, ['rotate', 'pg-app', '--trust', '--yes', ...extraArgs], point);

describe('fault injection: SIGKILL at every step, then resume (CLI, real PostgreSQL + gnome-keyring)', function () {
  this.timeout(60000);
  const sys = postgresAndKeyringPerSuite();

  PAUSE_POINTS.forEach((point, i) => {
    // Half the points are continued by a person (--resume), half by the next plain `rotate`,
    // which finishes the interrupted rotation first (the rotation service's rotate mode).
    const how = i % 2 === 0 ? '--resume' : 'the next plain rotate';
    it(`killed at ${point}: a working credential is held throughout, and ${how} ends consistent`, async () => {
      const p = await makePgProject(sys.pg, sys.keyring.env);
      try {
        await killAt(p, point);
        assert.ok(await workingCredentialHeld(sys.pg, p), `no working credential in any store after a kill at ${point}`);

        const r = await cli(p, i % 2 === 0 ? ['rotate', 'pg-app', '--resume'] : ['rotate', 'pg-app']);
        const outcome = /pg-app: (rotated|rolled-back)/.exec(r.stdout)?.[1];
        assert.ok(outcome, `resume after ${point}: ${r.stdout}${r.stderr}`);
        if (i % 2 === 0) assert.equal(r.code, outcome === 'rotated' ? 0 : 1, 'exit 0 only when rotated');
        else assert.equal(outcome, 'rotated', 'a plain rotate ends rotated: continued, or rolled back and rotated anew');

        const s = await keychainStages(p);
        assert.equal((await login(sys.pg, p.role, s.current!)).status, 'works', 'the current value works');
        assert.equal(s.pending, null, 'nothing left in PENDING');
        assert.equal(readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'DATABASE_PASSWORD'), s.current, 'env file agrees with the keychain');
        if (s.current !== p.initialPassword) assert.equal((await login(sys.pg, p.role, p.initialPassword)).status, 'refused', 'rotated: the old password is refused');
        const v = verifyLedger(join(p.dir, '.rotation/ledger.jsonl'));
        assert.equal(v.ok, true, `ledger: line ${v.firstBadLine} ${v.reason}`);
        const st = JSON.parse((await cli(p, ['status', '--json'])).stdout) as { openRotations: unknown[] };
        assert.deepEqual(st.openRotations, [], 'no rotation left open');
      } finally {
        p.cleanup();
      }
    });
  });

  it('a rotate started while another process is inside a rotation is refused as busy (exit 2), and changes nothing', async () => {
    const p = await makePgProject(sys.pg, sys.keyring.env);
    const marker = join(p.dir, 'paused.marker');
    const child = cliProcess(p, ['rotate', 'pg-app', '--trust', '--yes'], { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: 'test-new:after', ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
    try {
      await waitForFile(marker, 20000, child);
      const before = readFileSync(join(p.dir, '.rotation/ledger.jsonl'), 'utf8');
      const r = await cli(p, ['rotate', 'pg-app']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /being rotated by another running process/);
      assert.equal(readFileSync(join(p.dir, '.rotation/ledger.jsonl'), 'utf8'), before);
    } finally {
      killGroup(child, 'SIGKILL');
      await waitExit(child, 10000);
      p.cleanup();
    }
  });

  for (const point of ['rollback:before', 'rollback:after']) {
    it(`killed during a rollback (${point}): --resume completes the rollback`, async () => {
      const p = await makePgProject(sys.pg, sys.keyring.env);
      try {
        await killAt(p, 'apply:after');
        await killAt(p, point, ['--rollback']);
        assert.ok(await workingCredentialHeld(sys.pg, p), 'a working credential is held mid-rollback');
        const r = await cli(p, ['rotate', 'pg-app', '--resume']);
        assert.match(r.stdout, /pg-app: rolled-back/, r.stdout + r.stderr);
        const s = await keychainStages(p);
        assert.equal(s.current, p.initialPassword);
        assert.equal(s.pending, null);
        assert.equal((await login(sys.pg, p.role, p.initialPassword)).status, 'works');
        assert.equal(verifyLedger(join(p.dir, '.rotation/ledger.jsonl')).ok, true);
      } finally {
        p.cleanup();
      }
    });
  }

  it('--rollback after apply restores the old password and drops the new one', async () => {
    const p = await makePgProject(sys.pg, sys.keyring.env);
    try {
      await killAt(p, 'apply:after');
      const pendingBefore = (await keychainStages(p)).pending;
      assert.ok(pendingBefore);
      assert.equal((await login(sys.pg, p.role, pendingBefore)).status, 'works', 'the applied new password was live');
      const r = await cli(p, ['rotate', 'pg-app', '--rollback']);
      assert.equal(r.code, 1, 'a rollback is reported as not rotated');
      assert.match(r.stdout, /rolled-back/);
      const s = await keychainStages(p);
      assert.equal(s.current, p.initialPassword);
      assert.equal(s.pending, null);
      assert.equal((await login(sys.pg, p.role, p.initialPassword)).status, 'works');
      assert.equal((await login(sys.pg, p.role, pendingBefore)).status, 'refused');
      assert.equal(verifyLedger(join(p.dir, '.rotation/ledger.jsonl')).ok, true);
    } finally {
      p.cleanup();
    }
  });
});
