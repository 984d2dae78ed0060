import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** One run of workers/young-generation.ts in a fresh process: semi-space sizes in MB. */
function youngGeneration(mode: 'low' | 'default'): { beforeScan: number; afterScan: number; cap: number } {
  const r = spawnSync(process.execPath, [join(__dirname, 'workers', 'young-generation.js'), mode], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { beforeScan: number; afterScan: number; cap: number };
}

describe('V8 tuning of rotation-guard scan: the young generation', function () {
  this.timeout(60_000);

  it('stays at its start-up size before the scan, then grows to the cap and stops there (at most one doubling past it)', () => {
    const low = youngGeneration('low');
    assert.equal(low.beforeScan, 1, JSON.stringify(low));
    assert.ok(low.afterScan >= low.cap && low.afterScan <= 2 * low.cap, JSON.stringify(low));
  });

  it('is left to V8 in a process that did not ask for low memory (the same allocation grows it past the cap)', () => {
    const normal = youngGeneration('default');
    // (V8's own maximum, 16 MB a semi-space, is twice the 8 MB cap: past it is all that can be asked.)
    assert.ok(normal.afterScan > normal.cap, JSON.stringify(normal));
  });
});
