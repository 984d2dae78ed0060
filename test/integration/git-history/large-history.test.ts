import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateRepo } from '../../../bench/git-history/generate-repo';
import { makeTempDir, removeDir } from '../../helpers/system/processes';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
const PRELOAD = resolve(__dirname, '../workers/report-max-rss.js');

describe('scan --git-history on a repository of 10,000 commits (bounded memory)', function () {
  this.timeout(180000);
  let dir: string;
  let planted = 0;
  before(() => {
    dir = makeTempDir('history-10k');
    planted = generateRepo(join(dir, 'repo'), { commits: 10000, bytesPerCommit: 1500, seed: 3, largeFiles: true }).planted;
  });
  after(() => removeDir(dir));

  it('streams the history: every planted key found, the binary and the 12 MiB file skipped, peak RSS under 200 MB', () => {
    const rssFile = join(dir, 'rss');
    const r = spawnSync(process.execPath, ['-r', PRELOAD, CLI, 'scan', '--git-history', '--format', 'json'], {
      cwd: join(dir, 'repo'),
      encoding: 'utf8',
      env: { ...process.env, ROTATION_GUARD_TEST_RSS_OUT: rssFile },
      maxBuffer: 1 << 28,
    });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { commitsScanned: number; findings: Array<{ commit: string; ruleId: string }>; skipped: { binary: number; tooLarge: number } };
    assert.equal(out.commitsScanned, 10000);
    assert.equal(planted, 250);
    assert.equal(out.findings.filter((f) => f.ruleId.startsWith('secret/')).length, planted);
    assert.deepEqual(out.skipped, { binary: 1, tooLarge: 1 });
    const peakMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
    assert.ok(peakMb < 200, `peak RSS ${peakMb.toFixed(0)} MB`);
  });
});
