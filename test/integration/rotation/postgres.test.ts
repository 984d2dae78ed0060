import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { keychainStages, login, makePgProject, type PgProject, postgresAndKeyringPerSuite } from './pg-project';
import { cli } from './project';

describe('PostgreSQL rotation end to end (CLI, real PostgreSQL 15 + gnome-keyring)', function () {
  this.timeout(60000);
  const sys = postgresAndKeyringPerSuite();
  let project: PgProject;
  beforeEach(async () => {
    project = await makePgProject(sys.pg, sys.keyring.env);
  });
  afterEach(() => project.cleanup());

  it('new password connects, old is refused with 28P01, and the plaintext never reaches the server log', async () => {
    assert.equal((await login(sys.pg, project.role, project.initialPassword)).status, 'works');
    const r = await cli(project, ['rotate', 'pg-app', '--trust', '--yes']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const stages = await keychainStages(project);
    assert.ok(stages.current && stages.current !== project.initialPassword);
    assert.equal(stages.pending, null, 'PENDING is cleared after promote');
    assert.equal(stages.previous, null, 'PREVIOUS is dropped once its revocation is verified');
    assert.match(readFileSync(join(project.dir, '.env.local'), 'utf8'), new RegExp(`^# app settings\\nDATABASE_PASSWORD=${stages.current}\\n$`));
    assert.equal((await login(sys.pg, project.role, stages.current!)).status, 'works');
    const old = await login(sys.pg, project.role, project.initialPassword);
    assert.equal(old.status, 'refused');
    assert.match(old.detail, /28P01/);

    const log = readFileSync(sys.pg.logPath, 'utf8');
    assert.match(log, new RegExp(`ALTER ROLE "${project.role}" PASSWORD 'SCRAM-SHA-256\\$4096:`), 'log_statement=all shows the statement, with a verifier');
    for (const [name, v] of [['new', stages.current!], ['old', project.initialPassword], ['admin', sys.pg.adminPassword]] as const) assert.ok(!log.includes(v), `${name} plaintext in the server log`);
    const ledgerText = readFileSync(join(project.dir, '.rotation/ledger.jsonl'), 'utf8');
    const done = ledgerText.trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string }).filter((e) => e.outcome !== 'started').map((e) => `${e.step}:${e.outcome}`);
    assert.deepEqual(done, ['begin:ok', 'create:ok', 'store-pending:ok', 'apply:ok', 'test-new:ok', 'promote:ok', 'revoke-old:skipped', 'test-old-fails:ok', 'finish:ok']);
    assert.equal(verifyLedger(join(project.dir, '.rotation/ledger.jsonl')).ok, true);
  });

  it('status reports the rotation; ledger show prints fingerprints, never values', async () => {
    assert.equal((await cli(project, ['rotate', 'pg-app', '--trust', '--yes'])).code, 0);
    const st = await cli(project, ['status', '--json']);
    const parsed = JSON.parse(st.stdout) as { secrets: Array<{ id: string; state: string }>; openRotations: unknown[] };
    assert.equal(parsed.secrets.find((s) => s.id === 'pg-app')?.state, 'ok', st.stdout);
    assert.deepEqual(parsed.openRotations, []);
    const show = await cli(project, ['ledger', 'show']);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /finish ok/);
    assert.match(show.stdout, /new=hk1:/);
    const { current } = await keychainStages(project);
    assert.ok(!show.stdout.includes(current!) && !show.stdout.includes(project.initialPassword));
  });

  it('alternating-users: each rotation switches role; the previous role keeps working through its turn', async () => {
    const alt = await makePgProject(sys.pg, sys.keyring.env, true);
    try {
      const roleB = `${alt.role}_b`;
      const r1 = await cli(alt, ['rotate', 'pg-app', '--trust', '--yes']);
      assert.equal(r1.code, 0, r1.stdout + r1.stderr);
      const first = (await keychainStages(alt)).current!;
      assert.equal((await login(sys.pg, roleB, first)).status, 'works', 'the new password belongs to the alternate role');
      assert.equal((await login(sys.pg, alt.role, alt.initialPassword)).status, 'works', 'the previous role still works');
      // The user slot: the keychain holds the active role beside the password (read first by
      // run), the env file has both lines; run exports both, and no admin connection.
      const envText = readFileSync(join(alt.dir, '.env.local'), 'utf8');
      assert.match(envText, new RegExp(`^DATABASE_USER=${roleB}$`, 'm'));
      const run = await cli(alt, ['run', '--', 'node', '-e', `process.exit(process.env.DATABASE_USER === ${JSON.stringify(roleB)} && process.env.DATABASE_PASSWORD === ${JSON.stringify(first)} && !process.env.PG_ADMIN_URL ? 0 : 3)`]);
      assert.equal(run.code, 0, run.stderr);
      writeFileSync(join(alt.dir, '.env.local'), envText.replace(new RegExp(`^DATABASE_USER=.*$`, 'm'), 'DATABASE_USER=someone_else'));
      const fromKeychain = await cli(alt, ['run', '--', 'node', '-e', `process.exit(process.env.DATABASE_USER === ${JSON.stringify(roleB)} ? 0 : 3)`]);
      assert.equal(fromKeychain.code, 0, 'the user comes from the keychain slot beside the password, not from another store');
      writeFileSync(join(alt.dir, '.env.local'), envText);
      const entries = readFileSync(join(alt.dir, '.rotation/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string; user?: string });
      assert.equal(entries.find((e) => e.step === 'promote' && e.outcome === 'ok')?.user, roleB);
      assert.equal(entries.find((e) => e.step === 'test-old-fails')?.outcome, 'skipped');

      const r2 = await cli(alt, ['rotate', 'pg-app']);
      assert.equal(r2.code, 0, r2.stdout + r2.stderr);
      const second = (await keychainStages(alt)).current!;
      assert.equal((await login(sys.pg, alt.role, second)).status, 'works', 'back to the first role');
      assert.equal((await login(sys.pg, alt.role, alt.initialPassword)).status, 'refused', "the first role's old password is gone");
      assert.equal((await login(sys.pg, roleB, first)).status, 'works', 'the alternate role keeps its password until its next turn');
    } finally {
      alt.cleanup();
    }
  });
});
