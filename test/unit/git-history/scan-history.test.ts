import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyedFingerprint } from '../../../core/values/fingerprint';
import { GitHistoryError, scanGitHistory } from '../../../core/git-history';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { git, TestRepo } from '../../helpers/git-repo';
import { tempProject } from '../../helpers/temp-project';

describe('git history scan (real repositories)', function () {
  this.timeout(30000);
  let repo: TestRepo;
  afterEach(() => repo?.remove());

  it('finds a value in the commit that added it, with its line there, after a later commit removed it', async () => {
    repo = TestRepo.create();
    repo.commit('readme', { 'README.md': '# app\n' });
    const key = fakeOpenAiKey();
    const added = repo.commit('prompt', { 'prompts/system.txt': `You are a support bot.\nKey: ${key}\nBe kind.\n` });
    repo.commit('remove key', { 'prompts/system.txt': 'You are a support bot.\nBe kind.\n' });
    const r = await scanGitHistory({ dir: repo.dir });
    assert.equal(r.commitsScanned, 3);
    assert.equal(r.findings.length, 1, JSON.stringify(r.findings.map((f) => [f.ruleId, f.file, f.line])));
    const f = r.findings[0]!;
    assert.equal(f.commit, added);
    assert.equal(f.file, 'prompts/system.txt');
    assert.equal(f.line, 2);
    assert.equal(f.column, 6);
    assert.equal(f.ruleId, 'secret/openai-api-key');
    assert.equal(f.authorDate.slice(0, 10), '2026-01-03');
    assert.ok(!JSON.stringify(r).includes(key), 'the value is in the result');
  });

  it('gives the line number in the new file for a value added in the middle of an existing file', async () => {
    repo = TestRepo.create();
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
    repo.commit('config', { 'config.yaml': lines.join('\n') + '\n' });
    const key = fakeOpenAiKey();
    lines.splice(20, 0, `openai_key: ${key}`);
    repo.commit('add key', { 'config.yaml': lines.join('\n') + '\n' });
    const r = await scanGitHistory({ dir: repo.dir });
    assert.deepEqual(r.findings.map((f) => [f.file, f.line]), [['config.yaml', 21]]);
  });

  it('honours an allow comment on the line above, even when that line was added earlier (context line)', async () => {
    repo = TestRepo.create();
    repo.commit('fixture', { 'test/fixture.py': '# rotation-guard:allow test fixture\nKEY = "placeholder"\n' });
    repo.commit('real-looking key in the fixture', { 'test/fixture.py': `# rotation-guard:allow test fixture\nKEY = "${fakeOpenAiKey()}"\n` });
    const r = await scanGitHistory({ dir: repo.dir });
    assert.deepEqual(r.findings, []);
  });

  it('skips binary diffs and counts them; a value beside a binary file is still found', async () => {
    repo = TestRepo.create();
    const key = fakeOpenAiKey();
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0, 255]), Buffer.from(`OPENAI_API_KEY=${key}\n`), Buffer.alloc(64)]);
    repo.commit('assets', { 'logo.bin': binary, '.env.example': `OPENAI_API_KEY=${key}\n` });
    const r = await scanGitHistory({ dir: repo.dir });
    assert.equal(r.skipped.binary, 1);
    assert.deepEqual(r.findings.map((f) => f.file), ['.env.example']);
  });

  it('HEAD only by default; --all-refs adds other branches; --since leaves out what REF already has', async () => {
    repo = TestRepo.create();
    const base = repo.commit('base', { 'a.txt': 'hello\n' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    const onBranch = repo.commit('branch key', { 'b.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    repo.git(['checkout', '-q', 'main']);
    const onMain = repo.commit('main key', { 'c.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    assert.deepEqual((await scanGitHistory({ dir: repo.dir })).findings.map((f) => f.commit), [onMain]);
    assert.deepEqual((await scanGitHistory({ dir: repo.dir, allRefs: true })).findings.map((f) => f.commit).sort(), [onBranch, onMain].sort());
    assert.deepEqual((await scanGitHistory({ dir: repo.dir, since: base })).findings.map((f) => f.commit), [onMain]);
    assert.deepEqual((await scanGitHistory({ dir: repo.dir, since: 'main' })).findings, []);
    await assert.rejects(scanGitHistory({ dir: repo.dir, since: 'no-such-ref' }), (e: GitHistoryError) => e.code === 'git/bad-revision' && /no such commit/.test(e.message));
    await assert.rejects(scanGitHistory({ dir: repo.dir, since: '--output=/tmp/x' }), (e: GitHistoryError) => e.code === 'git/bad-revision');
  });

  it('matches known current and retired values by keyed fingerprint', async () => {
    repo = TestRepo.create();
    const current = `cur${randomBytes(12).toString('hex')}`;
    const retired = `old${randomBytes(12).toString('hex')}`;
    repo.commit('values', { 'notes.md': `token ${current}\nand ${retired}\n` });
    const key = randomBytes(32);
    const known = { key, current: new Map([[keyedFingerprint(current, key), { secretId: 'app' }]]), retired: new Map([[keyedFingerprint(retired, key), { secretId: 'app' }]]) };
    const r = await scanGitHistory({ dir: repo.dir, knownSecrets: known });
    const byRule = new Map(r.findings.map((f) => [f.ruleId, f]));
    assert.equal(byRule.get('exposed/known-secret')?.valueFingerprint, keyedFingerprint(current, key));
    assert.equal(byRule.get('stale/revoked-key')?.valueFingerprint, keyedFingerprint(retired, key));
    assert.equal(byRule.get('exposed/known-secret')?.secretId, 'app');
  });

  it('paths with spaces, quotes and non-ASCII letters come out as they are', async () => {
    repo = TestRepo.create();
    repo.commit('odd names', { 'dir with space/ünïcode "q".env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    const r = await scanGitHistory({ dir: repo.dir });
    assert.deepEqual(r.findings.map((f) => f.file), ['dir with space/ünïcode "q".env']);
  });

  it('a shallow clone is scanned and reported as shallow; its oldest commit holds every file it has', async () => {
    repo = TestRepo.create();
    repo.commit('old key', { 'old.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` });
    repo.commit('more', { 'b.txt': 'b\n' });
    const tip = repo.commit('more', { 'c.txt': 'c\n' });
    const clone = tempProject('rg-shallow-').dir;
    try {
      git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
      const r = await scanGitHistory({ dir: clone });
      assert.equal(r.shallow, true);
      assert.equal(r.commitsScanned, 1);
      assert.deepEqual(r.findings.map((f) => [f.commit, f.file]), [[tip, 'old.env']]);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('a folder outside any repository and a repository without commits get clear answers', async () => {
    const plain = tempProject('rg-norepo-').dir;
    try {
      await assert.rejects(scanGitHistory({ dir: plain }), (e: GitHistoryError) => e.code === 'git/not-a-repository' && /not inside a git repository/.test(e.message));
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
    repo = TestRepo.create();
    const r = await scanGitHistory({ dir: repo.dir });
    assert.equal(r.commitsScanned, 0);
  });
});
