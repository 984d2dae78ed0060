import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassStore } from '../../../core/stores/pass';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { killGroup, requireSystem, waitExit } from '../../helpers/system/processes';

const WRITER = join(__dirname, 'workers/pass-writer.js');

/** Seeded, so a failing kill schedule can be replayed (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('pass store: a kill never leaves a partial entry (insert into a temporary entry, then pass mv)', function () {
  this.timeout(120000);
  let sys: SystemPass | undefined;
  before(async function () {
    this.timeout(60000);
    sys = await requireSystem(this, 'pass with a throwaway GPG key', startPass);
  });
  after(async () => sys?.stop());

  const KILLS = Number(process.env.FAULTS_N ?? 12);
  it(`SIGKILL at ${KILLS} random moments of repeated writes: the entry always decrypts to a whole value, and the next write sweeps temporary entries`, async () => {
    const next = rng(19);
    const prefix = `pa${randomBytes(4).toString('hex')}`;
    const store = new PassStore({ path: 'rg-atomic/{id}', env: sys!.env });
    await store.set('w', 'current', `${prefix}-init-`.padEnd(64, 'x'));
    let leftTemps = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, [WRITER, 'rg-atomic/{id}', prefix], { env: sys!.env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
      // Wait for the first write to start, then kill at a random moment within the next ~2 writes.
      await new Promise((res) => child.stdout!.once('data', res));
      await new Promise((res) => setTimeout(res, Math.floor(next() * 400)));
      killGroup(child, 'SIGKILL');
      await waitExit(child, 10000);
      const v = await store.get('w', 'current');
      assert.ok(v && v.length === 64 && v.startsWith(`${prefix}-`), `after kill ${k}: a whole value, got ${v?.length ?? 'null'} chars`);
      leftTemps += readdirSync(join(sys!.env.PASSWORD_STORE_DIR!, 'rg-atomic')).filter((f) => f.includes('.rg-tmp-')).length;
    }
    await store.set('w', 'current', `${prefix}-final-`.padEnd(64, 'x'));
    assert.deepEqual(readdirSync(join(sys!.env.PASSWORD_STORE_DIR!, 'rg-atomic')).filter((f) => f.includes('.rg-tmp-')), [], `the next write swept the ${leftTemps} temporary entries kills left`);
    assert.equal(await store.get('w', 'current'), `${prefix}-final-`.padEnd(64, 'x'));
  });

  it('a truncated entry is reported as store/unreadable (not as a missing key), whatever gpg says about it', async () => {
    const store = new PassStore({ path: 'rg-trunc/{id}', env: sys!.env });
    await store.set('t', 'current', `value-${randomBytes(16).toString('hex')}`);
    const file = join(sys!.env.PASSWORD_STORE_DIR!, 'rg-trunc/t.gpg');
    const whole = readFileSync(file);
    for (const len of [0, 1, 5, 50, Math.floor(whole.length / 2), whole.length - 10]) {
      writeFileSync(file, whole.subarray(0, len));
      await assert.rejects(store.get('t', 'current'), (e: Error & { code?: string }) => e.code === 'store/unreadable' && /truncated/.test(e.message), `truncated to ${len} bytes`);
    }
  });
});
