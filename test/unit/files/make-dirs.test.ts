import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeDirs } from '../../../core/files/make-dirs';
import { tempProject } from '../../helpers/temp-project';

// core/files/make-dirs.ts: `mkdir -p` without Node's retry loop, which never returns under procfs.
describe('makeDirs', () => {
  it('creates the missing folders with the mode given, and leaves existing ones as they are', () => {
    const root = tempProject('rg-make-dirs-').dir;
    mkdirSync(join(root, 'a'), { mode: 0o755 });
    makeDirs(join(root, 'a', 'b', 'c'), 0o700);
    assert.equal(statSync(join(root, 'a', 'b', 'c')).mode & 0o777, 0o700);
    assert.equal(statSync(join(root, 'a', 'b')).mode & 0o777, 0o700);
    assert.equal(statSync(join(root, 'a')).mode & 0o777, 0o755);
    makeDirs(join(root, 'a', 'b', 'c'), 0o700); // already there: nothing to do, no error
  });

  it('throws where a file stands in the way, as mkdirSync does', () => {
    const root = tempProject('rg-make-dirs-').dir;
    writeFileSync(join(root, 'f'), '');
    assert.throws(() => makeDirs(join(root, 'f', 'sub')), (err: NodeJS.ErrnoException) => err.code === 'ENOTDIR');
    assert.throws(() => makeDirs(join(root, 'f')), (err: NodeJS.ErrnoException) => err.code === 'EEXIST');
  });

  it('returns under /proc, where mkdirSync { recursive: true } loops forever', function () {
    if (!existsSync('/proc/self')) this.skip();
    // In a child process with a time limit: a loop here would block mocha's own timeout.
    const script = `require(${JSON.stringify(resolve('out/test/unit/files/workers/make-dirs-child.js'))})`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'the child was stopped: makeDirs did not return');
    assert.match(r.stdout, /threw ENOENT/);
  });
});
