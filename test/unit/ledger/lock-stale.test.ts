import { strict as assert } from 'node:assert';
import { utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isLockHeld, withFileLock } from '../../../core/files/lock';
import { projectPerTest } from '../../helpers/temp-project';

describe('stale locks are recognised at once (a 0-byte lock left by ENOSPC or a kill)', () => {
  let dir: string;
  const tmp = projectPerTest('rg-lock-stale-');
  beforeEach(() => ({ dir } = tmp.project));

  const age = (file: string, seconds: number) => {
    const t = new Date(Date.now() - seconds * 1000);
    utimesSync(file, t, t);
  };

  it('a 0-byte or unparsable lock older than 2 s is taken over without waiting; a fresh one is held', async () => {
    for (const content of ['', 'garbage', '\0\0\0']) {
      const lock = join(dir, 'x.lock');
      writeFileSync(lock, content);
      assert.equal(isLockHeld(lock), true, 'a fresh empty lock may be an owner writing its pid right now');
      age(lock, 3);
      assert.equal(isLockHeld(lock), false);
      const t0 = Date.now();
      const got = await withFileLock(lock, () => 'ran', { timeoutMs: 0 });
      assert.equal(got, 'ran');
      assert.ok(Date.now() - t0 < 500, `took ${Date.now() - t0} ms`);
    }
  });

  it('a lock of another host is still judged by age only (10 s), since its pid cannot be probed', () => {
    const lock = join(dir, 'x.lock');
    writeFileSync(lock, `1 other-${hostname()} abc\n`);
    age(lock, 5);
    assert.equal(isLockHeld(lock), true);
    age(lock, 11);
    assert.equal(isLockHeld(lock), false);
  });
});
