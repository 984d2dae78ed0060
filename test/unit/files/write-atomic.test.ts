import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { prepareFileAtomic, writeFileAtomic } from '../../../core/files/write-atomic';
import { waitExit, waitForOutput } from '../../helpers/system/processes';
import { projectPerTest } from '../../helpers/temp-project';

const WORKER = join(__dirname, 'workers/atomic-writer.js');
const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

/** Makes the helper's next temp name predictable (its random part comes from randomBytes). */
function withFixedRandom<T>(hex: string, f: () => T): T {
  const real = crypto.randomBytes;
  (crypto as { randomBytes: unknown }).randomBytes = (n: number) => Buffer.from(hex, 'hex').subarray(0, n);
  try {
    return f();
  } finally {
    (crypto as { randomBytes: unknown }).randomBytes = real;
  }
}

describe('writeFileAtomic: whole or not at all, modes exact, no symlink followed, nothing left behind', () => {
  const temp = projectPerTest('rg-atomic-');
  const project = () => temp.project;

  it('property: any content and mode reads back exactly, over an existing file or none, and leaves no temp file', () => {
    const dir = project().dir;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 70000 })), fc.constantFrom(0o600, 0o640, 0o644, 0o755, 0o400), fc.boolean(), (data, mode, existed) => {
        const file = join(dir, 'f');
        if (existed) writeFileSync(file, 'before');
        writeFileAtomic(file, data, { mode });
        assert.deepEqual(readFileSync(file), typeof data === 'string' ? Buffer.from(data) : Buffer.from(data));
        assert.equal(statSync(file).mode & 0o777, mode);
        assert.deepEqual(temps(dir), []);
      }),
      { numRuns: 60 },
    );
  });

  it('defaults to 0600 whatever the umask, and sets an asked mode exactly (the umask does not strip it)', () => {
    const dir = project().dir;
    const old = process.umask(0o077);
    try {
      writeFileAtomic(join(dir, 'private'), 'x');
      writeFileAtomic(join(dir, 'shared'), 'x', { mode: 0o644, mkdir: 0o700 });
      writeFileAtomic(join(dir, 'sub', 'made'), 'x', { mkdir: 0o700 });
    } finally {
      process.umask(old);
    }
    assert.equal(statSync(join(dir, 'private')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'shared')).mode & 0o777, 0o644);
    assert.equal(statSync(join(dir, 'sub')).mode & 0o777, 0o700);
  });

  it('refuses a symlink planted at the temp path: the file it points to and the target are untouched, no temp left', () => {
    const p = project();
    const victim = p.write('outside/victim', 'KEEP');
    const target = p.write('app/state.json', 'OLD');
    const hex = '0123456789ab';
    symlinkSync(victim, join(p.path('app'), `state.json.${process.pid}-${hex}.tmp`));
    assert.throws(() => withFixedRandom(hex, () => writeFileAtomic(target, 'NEW')), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    assert.equal(readFileSync(victim, 'utf8'), 'KEEP');
    assert.equal(readFileSync(target, 'utf8'), 'OLD');
    // The planted link is not ours to remove; only it is there.
    assert.deepEqual(temps(p.path('app')), [`state.json.${process.pid}-${hex}.tmp`]);
  });

  it('replaces a symlink at the target itself instead of writing through it', () => {
    const p = project();
    const victim = p.write('outside/victim', 'KEEP');
    symlinkSync(victim, p.path('link'));
    writeFileAtomic(p.path('link'), 'NEW');
    assert.equal(readFileSync(victim, 'utf8'), 'KEEP');
    assert.equal(statSync(p.path('link')).isFile(), true);
    assert.equal(readFileSync(p.path('link'), 'utf8'), 'NEW');
  });

  it('within: refuses a folder that leads out through a symlink (nothing written there), allows one that stays inside', () => {
    const p = project();
    p.write('repo/keep', '');
    p.write('outside/keep', '');
    symlinkSync(p.path('outside'), p.path('repo', 'out'));
    symlinkSync(p.path('repo', 'real'), p.path('repo', 'alias'));
    mkdirSync(p.path('repo', 'real'));
    assert.throws(() => writeFileAtomic(p.path('repo', 'out', 'x.env'), 'S', { within: p.path('repo') }), /leads out of/);
    assert.deepEqual(readdirSync(p.path('outside')), ['keep']);
    writeFileAtomic(p.path('repo', 'alias', 'x.env'), 'S', { within: p.path('repo') });
    assert.equal(readFileSync(p.path('repo', 'real', 'x.env'), 'utf8'), 'S');
  });

  it('a failed rename leaves the target as it was and removes the temp file', () => {
    const p = project();
    mkdirSync(p.path('target'));
    p.write('target/inside', 'OLD');
    assert.throws(() => writeFileAtomic(p.path('target'), 'NEW'), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
    assert.equal(readFileSync(p.path('target', 'inside'), 'utf8'), 'OLD');
    assert.deepEqual(temps(p.dir), []);
  });

  it('prepared: readers see the old file until commit; abort removes the temp; a temp of a dead writer is swept by the next write, a live one kept', () => {
    const p = project();
    const file = p.write('s.env', 'OLD');
    const prepared = prepareFileAtomic(file, 'NEW');
    assert.equal(readFileSync(file, 'utf8'), 'OLD');
    assert.equal(existsSync(prepared.temp), true);
    prepared.commit();
    assert.equal(readFileSync(file, 'utf8'), 'NEW');
    const dropped = prepareFileAtomic(file, 'NEWER');
    dropped.abort();
    assert.equal(readFileSync(file, 'utf8'), 'NEW');
    const dead = p.write(`s.env.${deadPid()}-abcdef012345.tmp`, 'S=left by a killed writer');
    const live = p.write(`s.env.${process.ppid}-abcdef012345.tmp`, 'in progress');
    writeFileAtomic(file, 'LAST');
    assert.equal(existsSync(dead), false);
    assert.equal(existsSync(live), true);
  });

  it('exclusive: creates a file whole, and never replaces one already there (the first writer\'s stays, no temp left)', () => {
    const p = project();
    const file = p.path('keys', 'key');
    writeFileAtomic(file, 'FIRST', { exclusive: true, mkdir: 0o700, fsync: true });
    assert.throws(() => writeFileAtomic(file, 'SECOND', { exclusive: true }), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    assert.equal(readFileSync(file, 'utf8'), 'FIRST');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(temps(p.path('keys')), []);
  });

  it('a real writer SIGKILLed mid-write, until three kills landed while its temp file existed: the file is always one whole version; the next write removes what the kills left', async function () {
    this.timeout(120000);
    const p = project();
    const size = 4 * 1024 * 1024;
    const file = p.write('big.bin', 'A'.repeat(size));
    let leftTemp = 0;
    let round = 0;
    for (; leftTemp < 3 && round < 80; round++) {
      // A different write each round (the 1st to the 7th) after which the kill is sent.
      const after = 1 + (round % 7);
      const child = spawn(process.execPath, [WORKER, file, String(size), String(after)], { stdio: ['ignore', 'pipe', 'pipe'] });
      await waitForOutput(child.stdout, new RegExp(`^wrote ${after}$`, 'm'), 30000, `atomic writer round ${round}`);
      child.kill('SIGKILL');
      await waitExit(child, 10000);
      assert.equal(child.signalCode, 'SIGKILL');
      const got = readFileSync(file);
      assert.equal(got.length, size, `round ${round}: a whole file`);
      assert.ok(got.every((b) => b === got[0]), `round ${round}: one version, not a mix`);
      if (temps(p.dir).length) leftTemp++;
    }
    console.log(`      [kill] ${leftTemp} of ${round} kills landed while a temp file was being written`);
    assert.equal(leftTemp, 3, `only ${leftTemp} of ${round} kills landed while a temp file was being written`);
    writeFileAtomic(file, 'done');
    assert.deepEqual(temps(p.dir), [], 'the next write swept what the killed writers left');
  });
});
