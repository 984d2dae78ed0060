import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStageStore } from '../../../core/stores/local-stages';
import { projectPerTest } from '../../helpers/temp-project';

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('local stage store: what a killed or disk-full write left is swept by the next write', () => {
  let dir: string;
  const temp = projectPerTest('rg-stage-debris-');
  beforeEach(() => ({ dir } = temp.project));

  it('0-byte and partial `.tmp` files of dead writers go; a live writer’s stays; the stage file itself is kept', async () => {
    const stages = join(dir, '.rotation/stages');
    mkdirSync(stages, { recursive: true });
    const dead = deadPid();
    const empty = join(stages, `db.json.${dead}-0a1b2c3d.tmp`);
    const partial = join(stages, `other.json.${dead}-deadbeef.tmp`);
    const live = join(stages, `db.json.${process.pid}-00000000.tmp`);
    writeFileSync(empty, '');
    writeFileSync(partial, '{"pending":{"value":"half-writ');
    writeFileSync(live, '');
    const s = new LocalStageStore(join(dir, '.rotation'));
    await s.set('db', 'pending', 'pending-value-123');
    assert.equal(existsSync(empty), false);
    assert.equal(existsSync(partial), false);
    assert.equal(existsSync(live), true);
    assert.deepEqual(readdirSync(stages).filter((f) => !f.endsWith('.tmp') && !f.endsWith('.lock')).sort(), ['.gitignore', 'db.json']);
    assert.equal(await s.get('db', 'pending'), 'pending-value-123');
  });
});
