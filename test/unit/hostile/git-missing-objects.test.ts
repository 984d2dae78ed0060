import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanGitHistory } from '../../../core/git-history';
import { fakeAnthropicKey, fakeOpenAiKey } from '../../helpers/fake-keys';
import { git, GIT_ENV, TestRepo } from '../../helpers/git-repo';
import { tempProject } from '../../helpers/temp-project';

const CLI = resolve('dist/cli.js');

/** Deletes the loose object file of `sha` (what a snapshot without its large blobs looks like). */
function dropObject(repo: TestRepo, sha: string): void {
  unlinkSync(join(repo.dir, '.git', 'objects', sha.slice(0, 2), sha.slice(2)));
}

describe('scan --git-history in a repository with missing objects (#19 item 4)', function () {
  this.timeout(60000);
  let repo: TestRepo;
  afterEach(() => repo.remove());

  it('a deleted blob: the files around it, in its commit and in the commits before and after, are still scanned; the missing one is named', async () => {
    repo = TestRepo.create('rg-missing-');
    const before = repo.commit('first', { 'a.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    // In the broken commit: a file git prints before the missing one and one after it (diffs go in path order).
    const broken = repo.commit('broken', { 'b.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n`, 'm.txt': 'the blob that goes missing\n', 'z.env': `ANTHROPIC_API_KEY=${fakeAnthropicKey()}\n` });
    const after = repo.commit('third', { 'c.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    const lost = repo.git(['rev-parse', `${broken}:m.txt`]);
    dropObject(repo, lost);
    // What it did before: `git log -p` itself stops at the blob (exit 128).
    const plain = spawnSync('git', ['log', '-p', 'HEAD'], { cwd: repo.dir, env: { ...process.env, ...GIT_ENV } });
    assert.equal(plain.status, 128);

    const r = await scanGitHistory({ dir: repo.dir });
    assert.deepEqual(r.missingObjects, [{ commit: broken, path: 'm.txt', object: lost }]);
    assert.deepEqual(r.findings.map((f) => [f.commit, f.file]).sort(), [[before, 'a.env'], [broken, 'b.env'], [broken, 'z.env'], [after, 'c.env']].sort());
    assert.equal(r.commitsScanned, 3);

    const out = spawnSync(process.execPath, [CLI, 'scan', '--git-history', '--format', 'json', '.'], { cwd: repo.dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(out.status, 1, out.stderr);
    const json = JSON.parse(out.stdout) as { findings: unknown[]; missingObjects: Array<{ commit: string; path: string }> };
    assert.equal(json.findings.length, 4);
    assert.deepEqual(json.missingObjects.map((m) => [m.commit, m.path]), [[broken, 'm.txt']]);
    assert.match(out.stderr, new RegExp(`lacks the content of 1 file change.*\\n  ${broken.slice(0, 12)} m\\.txt`));
  });

  it('a blobless partial clone (--filter=blob:none) whose promisor is gone: scans the blobs it has, names the rest, fetches nothing', async () => {
    repo = TestRepo.create('rg-partial-src-');
    repo.commit('one', { 'one.txt': 'no secret\n' });
    repo.commit('two', { 'two.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    repo.commit('three', { 'three.txt': 'no secret either\n' });
    const tmp = tempProject('rg-partial-').dir;
    try {
      git(tmp, ['clone', '-q', '--bare', repo.dir, 'bare.git']);
      git(join(tmp, 'bare.git'), ['config', 'uploadpack.allowFilter', 'true']);
      git(tmp, ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${join(tmp, 'bare.git')}`, 'clone']);
      // The blob with the key arrives (as a checkout of one file would fetch it); the promisor then goes away.
      git(join(tmp, 'clone'), ['checkout', '-q', 'HEAD', '--', 'two.env']);
      rmSync(join(tmp, 'bare.git'), { recursive: true, force: true });
      const r = await scanGitHistory({ dir: join(tmp, 'clone') });
      assert.deepEqual(r.findings.map((f) => f.file), ['two.env']);
      assert.deepEqual(r.missingObjects.map((m) => m.path).sort(), ['one.txt', 'three.txt']);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
