import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvFileStore, GitTrackedFileError } from '../../../core/stores';
import { makeTempDir, removeDir } from '../../helpers/system/processes';

describe('env-file store on a real file system and a real git repository', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('envfile');
  });
  afterEach(() => removeDir(dir));

  it('rewrites only the value: comments, order, export prefix and inline comment are kept', async () => {
    const file = join(dir, '.env.local');
    const before = '# database\nexport DB_USER=app\nAPI_KEY=old-value # rotated by rotation-guard\n\n# tail comment\nOTHER="x y"\n';
    writeFileSync(file, before, { mode: 0o640 });
    const store = new EnvFileStore({ path: '.env.local', name: 'API_KEY', baseDir: dir });
    await store.set('api', 'current', "new value with 'quote'");
    const after = readFileSync(file, 'utf8');
    assert.equal(after, '# database\nexport DB_USER=app\nAPI_KEY="new value with \'quote\'" # rotated by rotation-guard\n\n# tail comment\nOTHER="x y"\n');
    assert.equal(await store.get('api', 'current'), "new value with 'quote'");
    assert.equal(statSync(file).mode & 0o777, 0o640, 'an existing file keeps its mode');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), [], 'no temp file left behind');
  });

  it('creates a new file with mode 0600 and appends absent variables', async () => {
    const store = new EnvFileStore({ path: 'sub/../.env.new', baseDir: dir }, () => 'MY_TOKEN');
    await store.set('tok', 'current', 'abc$def');
    const file = join(dir, '.env.new');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), "MY_TOKEN='abc$def'\n");
    assert.equal(await store.delete('tok', 'current'), true);
    assert.equal(await store.get('tok', 'current'), null);
  });

  it('refuses to write a file git tracks, and leaves it untouched', async () => {
    execFileSync('git', ['init', '-q', dir]);
    const file = join(dir, '.env');
    writeFileSync(file, 'API_KEY=committed\n');
    execFileSync('git', ['-C', dir, 'add', '.env']);
    const store = new EnvFileStore({ path: '.env', name: 'API_KEY', baseDir: dir });
    await assert.rejects(store.set('api', 'current', 'new-secret-value-123'), (e: unknown) => e instanceof GitTrackedFileError && /git tracks/.test((e as Error).message));
    assert.equal(readFileSync(file, 'utf8'), 'API_KEY=committed\n');
    // an untracked sibling in the same repository is fine
    const local = new EnvFileStore({ path: '.env.local', name: 'API_KEY', baseDir: dir });
    await local.set('api', 'current', 'new-secret-value-123');
    assert.equal(await local.get('api', 'current'), 'new-secret-value-123');
  });

  it('holds only the current stage', async () => {
    const store = new EnvFileStore({ path: '.env.x', name: 'K', baseDir: dir });
    assert.equal(store.supportsStages, false);
    await assert.rejects(store.set('k', 'pending', 'vvvvvvvvvvvvvvvv'), /holds only the current value/);
    assert.equal(await store.get('k', 'previous'), null);
  });
});
