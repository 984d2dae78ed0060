import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hookSnapshotPath, privateFolder, unusableBlobPath } from '../../../cli/src/hook/snapshot-paths';
import { tempProject } from '../../helpers/temp-project';

// Where the hook's startup snapshot may live (cli/src/hook/): a blob is code that runs before any
// check of ours, so it lives only in this user's own cache, never in a folder the hook works in.
describe('hook snapshot: where the blob may live', () => {
  it('is in XDG_CACHE_HOME (absolute only) or ~/.cache, one file per Node binary and dist folder', () => {
    const env = { HOME: '/home/ada', XDG_CACHE_HOME: '/var/cache/ada' };
    const a = hookSnapshotPath(env, '/usr/bin/node', '/opt/rg/dist')!;
    assert.match(a, /^\/var\/cache\/ada\/rotation-guard\/hook-snapshot\/hook-[0-9a-f]{16}\.blob$/);
    assert.equal(hookSnapshotPath(env, '/usr/bin/node', '/opt/rg/dist'), a, 'the same inputs name the same file');
    assert.notEqual(hookSnapshotPath(env, '/opt/node22/bin/node', '/opt/rg/dist'), a, 'another Node binary has its own');
    assert.notEqual(hookSnapshotPath(env, '/usr/bin/node', '/opt/rg2/dist'), a, 'another installation has its own');
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    assert.match(hookSnapshotPath({ HOME: '/home/ada', XDG_CACHE_HOME: '.cache' }, '/usr/bin/node', '/d')!, /^\/home\/ada\/\.cache\/rotation-guard\//);
    assert.equal(hookSnapshotPath({ HOME: 'relative/home' }, '/usr/bin/node', '/d'), undefined);
  });

  it('is refused inside a folder the hook works in, or when the path is relative or not normal', () => {
    assert.equal(unusableBlobPath('/home/ada/.cache/rotation-guard/hook-snapshot/h.blob', ['/home/ada/project']), undefined);
    assert.match(unusableBlobPath('/home/ada/project/.cache/h.blob', ['/home/ada/project'])!, /inside \/home\/ada\/project/);
    assert.match(unusableBlobPath('/home/ada/project/.cache/h.blob', ['/home/ada/project/'])!, /inside/);
    assert.equal(unusableBlobPath('/home/ada/project2/h.blob', ['/home/ada/project']), undefined, 'a sibling folder with a longer name is not inside');
    assert.match(unusableBlobPath('.cache/h.blob', [])!, /not an absolute, normal path/);
    assert.match(unusableBlobPath('/home/ada/x/../project/h.blob', ['/home/ada/project'])!, /not an absolute, normal path/);
  });

  it('its folder must be this user\'s alone: created 0700; a folder open to others or a link is refused', () => {
    const base = tempProject('rg-snap-dir-').dir;
    const dir = join(base, 'rotation-guard', 'hook-snapshot');
    assert.equal(privateFolder(dir), true);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    chmodSync(dir, 0o755);
    assert.equal(privateFolder(dir), false, 'group and others may read it: refused');
    chmodSync(dir, 0o700);
    const link = join(base, 'link');
    symlinkSync(dir, link);
    assert.equal(privateFolder(link), false, 'a symbolic link is refused');
  });

  it('a cache folder that cannot be made (XDG_CACHE_HOME under /proc) is refused at once instead of looping: the hook runs without a snapshot', function () {
    if (!existsSync('/proc/self')) this.skip();
    // In a child process with a time limit: mkdirSync { recursive: true } never returns there, and a
    // loop would block mocha's own timeout.
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(resolve('out/test/unit/filter/workers/private-folder-child.js'))})`], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'the child was stopped: privateFolder did not return');
    assert.equal(r.stdout.trim(), 'privateFolder false');
  });
});
