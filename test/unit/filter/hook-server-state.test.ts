import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newState, readState, releaseServerLock, stateStillOurs, takeServerLock, unusableStatePath, writeState } from '../../../cli/src/hook/server-state';
import { tempProject } from '../../helpers/temp-project';

// The resident hook server's state file and lock (cli/src/hook/server-state.ts), on real files.
describe('hook server state file and lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempProject('rg-hookstate-').dir;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the state file 0600, reads it back, and no longer trusts it once opened to others or replaced', () => {
    const state = join(dir, 'hook-x.server');
    const s = newState(40123);
    const ino = writeState(state, s);
    assert.equal(readFileSync(state, 'utf8'), `RGHOOK1\n40123\n${s.client}\n${s.server}\n`);
    assert.deepEqual(readState(state), s);
    assert.equal(stateStillOurs(state, ino), true);
    chmodSync(state, 0o640);
    assert.equal(readState(state), undefined, 'a file group may read is not used');
    assert.equal(stateStillOurs(state, ino), false);
    chmodSync(state, 0o600);
    // Another server's file, renamed over this one's.
    writeState(state, newState(40124));
    assert.equal(stateStillOurs(state, ino), false, 'a file written by another server is not this one\'s');
  });

  it('one server per state file: a live holder keeps the lock, a gone one or a holder without a state file for 30 s does not', () => {
    const state = join(dir, 'hook-x.server');
    const lock = `${state}.lock`;
    assert.equal(takeServerLock(lock, state), true);
    assert.equal(readFileSync(lock, 'utf8'), `${process.pid}\n`);
    writeState(state, newState(40125));
    assert.equal(takeServerLock(lock, state), false, 'held by a live process with its state file');
    releaseServerLock(lock);
    // A process that has exited: its id is free.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lock, `${gone}\n`, { mode: 0o600 });
    assert.equal(takeServerLock(lock, state), true, 'taken over from a process that is gone');
    releaseServerLock(lock);
    // A live id (this process) but no state file for a minute: the id is someone else's now.
    rmSync(state);
    writeFileSync(lock, `${process.ppid}\n`, { mode: 0o600 });
    assert.equal(takeServerLock(lock, state), false, 'a fresh lock may belong to a server still starting');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    assert.equal(takeServerLock(lock, state), true);
  });

  it('refuses a relative state path and a folder open to others', () => {
    assert.match(unusableStatePath('cache/hook.server') ?? '', /absolute/);
    const open = join(dir, 'open');
    assert.equal(unusableStatePath(join(open, 'hook.server')), undefined, 'created 0700');
    chmodSync(open, 0o755);
    assert.match(unusableStatePath(join(open, 'hook.server')) ?? '', /not a folder of this user's alone/);
  });
});
