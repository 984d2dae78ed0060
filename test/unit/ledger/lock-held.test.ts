import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isLockHeld, withFileLock } from '../../../core/files/lock';
import { isRotationRunning, rotationLockPath } from '../../../core/rotation';
import { projectPerTest } from '../../helpers/temp-project';

describe('isLockHeld / isRotationRunning: is a rotation under way right now', () => {
  let dir: string;
  const tmp = projectPerTest('rg-lock-held-');
  beforeEach(() => ({ dir } = tmp.project));

  it('is held exactly while withFileLock runs, and free after', async () => {
    const lock = join(dir, 'x.lock');
    assert.equal(isLockHeld(lock), false, 'no lock file');
    const inside = await withFileLock(lock, () => isLockHeld(lock));
    assert.equal(inside, true);
    assert.equal(isLockHeld(lock), false);
  });

  it('a lock left by a dead process on this host is not held', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const lock = join(dir, 'x.lock');
    writeFileSync(lock, `${dead.stdout} ${hostname()} abc\n`);
    assert.equal(isLockHeld(lock), false);
    writeFileSync(lock, `${process.pid} ${hostname()} abc\n`);
    assert.equal(isLockHeld(lock), true);
  });

  it('isRotationRunning reads the secret’s rotation lock beside the ledger', async () => {
    const policy = join(dir, 'rotation-policy.yaml');
    const lock = rotationLockPath(policy, 'gen-key');
    mkdirSync(join(lock, '..'), { recursive: true });
    assert.equal(isRotationRunning(policy, 'gen-key'), false);
    await withFileLock(lock, () => {
      assert.equal(isRotationRunning(policy, 'gen-key'), true);
      assert.equal(isRotationRunning(policy, 'other-key'), false);
    });
  });
});
