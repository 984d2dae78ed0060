import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listFiles } from '../../../core/files/walk';
import { findPolicyFile, findPolicyFilesIn, listFolder } from '../../../core/policy';
import { hostileWorkspace } from '../../helpers/hostile-workspace';

const CLI = resolve('dist/cli.js');

describe('one safe walk: symlink loops, links to / and out of the workspace, budgets (#19 item 5)', function () {
  this.timeout(60000);
  let tmp: string;
  let ws: string;
  before(() => ({ tmp, ws } = hostileWorkspace()));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('the walk lists the two files inside, follows no link, and finishes at once', () => {
    const t = Date.now();
    const r = listFiles([ws], ws, true);
    assert.deepEqual(r.files.map((f) => f.slice(ws.length + 1)).sort(), ['rotation-policy.yaml', 'src/deep/config.env']);
    assert.equal(r.truncated, undefined);
    assert.ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
  });

  it('the file and time budgets stop the walk and say so', () => {
    for (let i = 0; i < 30; i++) writeFileSync(join(ws, `n${i}.txt`), 'x\n');
    const byCount = listFiles([ws], ws, true, { budget: { maxFiles: 10 } });
    assert.equal(byCount.files.length, 10);
    assert.deepEqual(byCount.truncated, { reason: 'file-limit', limit: 10 });
    const byTime = listFiles([ws], ws, true, { budget: { maxMs: -1 } });
    assert.deepEqual(byTime.truncated, { reason: 'time-limit', limit: -1 });
    assert.equal(byTime.files.length, 0);
    for (let i = 0; i < 30; i++) rmSync(join(ws, `n${i}.txt`));
  });

  it('the policy search (workspace and upward) and the reference list finish, and find only the policy inside', () => {
    assert.deepEqual(findPolicyFilesIn(ws).files, [join(ws, 'rotation-policy.yaml')]);
    assert.equal(findPolicyFile(join(ws, 'src', 'deep')), join(ws, 'rotation-policy.yaml'));
    const names = listFolder(ws);
    assert.ok(names.includes('src/deep/config.env') && names.includes('leak-link.env'), 'links are listed by name for reference globs');
    assert.ok(!names.some((n) => n.includes('leak.env') && n !== 'leak-link.env') && !names.some((n) => n.startsWith('root/')), names.join(', '));
  });

  it('rotation-guard scan of the workspace finishes with the one key inside, and reports a hit budget on stderr and in JSON', () => {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], { cwd: ws, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Array<{ file: string }>; filesScanned: number; walk?: unknown };
    assert.deepEqual(out.findings.map((f) => f.file), ['src/deep/config.env']);
    assert.equal(out.filesScanned, 2);
    assert.equal(out.walk, undefined);
    const cut = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--max-files', '1', '.'], { cwd: ws, encoding: 'utf8', timeout: 30000 });
    assert.equal((JSON.parse(cut.stdout) as { filesScanned: number }).filesScanned, 1);
    assert.deepEqual((JSON.parse(cut.stdout) as { walk: unknown }).walk, { truncated: { reason: 'file-limit', limit: 1 } });
    assert.match(cut.stderr, /the walk stopped after 1 files \(its file budget\)/);
  });
});
