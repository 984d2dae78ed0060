import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStageStore } from '../../../core/stores/local-stages';
import { EnvFileStore } from '../../../core/stores/env-file';
import { projectPerTest } from '../../helpers/temp-project';

describe('local stage store and env-file user slot (real files in a temp dir)', () => {
  let dir: string;
  const temp = projectPerTest('rg-stages-');
  beforeEach(() => ({ dir } = temp.project));

  it('keeps PENDING/PREVIOUS with their users in a 0600 file, in a 0700 folder that ignores itself; CURRENT is not its job', async () => {
    const s = new LocalStageStore(join(dir, '.rotation'));
    await s.set('db', 'pending', 'pending-value-123', 'app_b');
    await s.set('db', 'previous', 'previous-value-456', 'app');
    assert.equal(await s.get('db', 'pending'), 'pending-value-123');
    assert.equal(await s.getUser('db', 'previous'), 'app');
    assert.equal(await s.get('db', 'current'), null);
    await assert.rejects(s.set('db', 'current', 'x-value-000000'), /cannot hold a current value/);
    assert.equal(statSync(join(dir, '.rotation/stages/db.json')).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, '.rotation/stages')).mode & 0o777, 0o700);
    assert.match(readFileSync(join(dir, '.rotation/stages/.gitignore'), 'utf8'), /^\*$/m);
    assert.equal(await s.delete('db', 'pending'), true);
    assert.equal(await s.delete('db', 'previous'), true);
    assert.throws(() => statSync(join(dir, '.rotation/stages/db.json')), /ENOENT/, 'an empty stage file is removed');
    await assert.rejects(s.set('../x', 'pending', 'v-0000000000'), /cannot name a file/);
  });

  it('env file: user and password in one write; prepareSet commits by rename, or rewrites when the file changed meanwhile', async () => {
    writeFileSync(join(dir, '.env.local'), '# app\nDATABASE_USER=app\nDATABASE_PASSWORD=old-value-0123\nOTHER=1\n', { mode: 0o600 });
    const s = new EnvFileStore({ path: '.env.local', baseDir: dir }, () => 'DATABASE_PASSWORD', () => 'DATABASE_USER');
    await s.set('db', 'current', 'new-value-4567', 'app_b');
    // rotation-guard:allow a made-up value checked in the rewritten file
    assert.equal(readFileSync(join(dir, '.env.local'), 'utf8'), '# app\nDATABASE_USER=app_b\nDATABASE_PASSWORD=new-value-4567\nOTHER=1\n');
    assert.equal(await s.getUser('db', 'current'), 'app_b');
    const prepared = await s.prepareSet('db', 'current', 'third-value-89', 'app');
    assert.equal(await s.get('db', 'current'), 'new-value-4567', 'nothing visible before commit');
    await prepared.commit();
    assert.equal(await s.get('db', 'current'), 'third-value-89');
    const p2 = await s.prepareSet('db', 'current', 'fourth-value-0', 'app_b');
    writeFileSync(join(dir, '.env.local'), readFileSync(join(dir, '.env.local'), 'utf8') + 'ADDED=2\n');
    await p2.commit();
    const text = readFileSync(join(dir, '.env.local'), 'utf8');
    assert.match(text, /ADDED=2/, 'a concurrent edit survives the commit');
    // rotation-guard:allow a made-up value checked in the rewritten file
    assert.match(text, /DATABASE_PASSWORD=fourth-value-0/);
    const p3 = await s.prepareSet('db', 'current', 'aborted-value', 'app');
    await p3.abort();
    assert.equal(await s.get('db', 'current'), 'fourth-value-0');
    assert.deepEqual(require('node:fs').readdirSync(dir).filter((f: string) => f.endsWith('.tmp')), [], 'no temp file left');
  });
});
