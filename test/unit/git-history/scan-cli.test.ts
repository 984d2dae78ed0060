import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { git, TestRepo } from '../../helpers/git-repo';
import { cli } from '../cli-scan/run-cli';
import { tempProject } from '../../helpers/temp-project';

interface HistoryJson { findings: Array<{ commit: string; authorDate: string; file: string; line: number; column: number; ruleId: string; fingerprint: string }>; commitsScanned: number; shallow: boolean }

describe('CLI: scan --git-history', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let key: string;
  let added: string;
  beforeEach(() => {
    repo = TestRepo.create();
    repo.commit('readme', { 'README.md': '# app\n' });
    key = fakeOpenAiKey();
    added = repo.commit('config', { 'litellm/config.yaml': `model_list:\n  - api_key: ${key}\n` });
    repo.commit('use env', { 'litellm/config.yaml': 'model_list:\n  - api_key: os.environ/OPENAI_API_KEY\n' });
  });
  afterEach(() => repo.remove());
  const noValue = (...outs: string[]) => outs.forEach((o) => assert.ok(!o.includes(key), 'the value is in the output'));

  it('text, JSON and SARIF name the commit, author date, file and line; exit 1; never the value', () => {
    const text = cli(['scan', '--git-history'], { cwd: repo.dir });
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, new RegExp(`^${added.slice(0, 12)} 2026-01-03T00:00:00\\+00:00 litellm/config.yaml:2:14: error secret/openai-api-key: `));
    assert.match(text.stderr, /1 finding in 3 commits/);
    const json = cli(['scan', '--git-history', '--format', 'json'], { cwd: repo.dir });
    const out = JSON.parse(json.stdout) as HistoryJson;
    assert.deepEqual(out.findings.map((f) => [f.commit, f.authorDate, f.file, f.line, f.column, f.ruleId]), [[added, '2026-01-03T00:00:00+00:00', 'litellm/config.yaml', 2, 14, 'secret/openai-api-key']]);
    assert.equal(out.commitsScanned, 3);
    const sarif = cli(['scan', '--git-history', '--format', 'sarif'], { cwd: repo.dir });
    const s = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ properties: { commit: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const res = s.runs[0]!.results[0]!;
    assert.equal(res.properties.commit, added);
    assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, 'litellm/config.yaml');
    assert.equal(res.locations[0]!.physicalLocation.region.startLine, 2);
    noValue(text.stdout, text.stderr, json.stdout, json.stderr, sarif.stdout, sarif.stderr);
  });

  it('honours the baseline; --since leaves out what REF holds; exit 0 then', () => {
    const fp = (JSON.parse(cli(['scan', '--git-history', '--format', 'json'], { cwd: repo.dir }).stdout) as HistoryJson).findings[0]!.fingerprint;
    writeFileSync(join(repo.dir, 'baseline.jsonl'), `${JSON.stringify({ fingerprint: fp, ruleId: 'secret/openai-api-key', reason: 'revoked at OpenAI on 2026-01-04' })}\n`);
    const r = cli(['scan', '--git-history', '--baseline', 'baseline.jsonl'], { cwd: repo.dir });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stderr, /1 accepted by the baseline/);
    assert.equal(cli(['scan', '--git-history', '--since', added], { cwd: repo.dir }).status, 0);
  });

  it('clear messages, not crashes: outside a repository, an unknown --since, --since without --git-history, a shallow clone', () => {
    const plain = tempProject('rg-plain-').dir;
    const clone = tempProject('rg-clone-').dir;
    try {
      const r = cli(['scan', '--git-history'], { cwd: plain });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /is not inside a git repository, so it has no history to scan/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'a stack trace');
      const since = cli(['scan', '--git-history', '--since', 'v9.9'], { cwd: repo.dir });
      assert.equal(since.status, 2);
      assert.match(since.stderr, /--since v9\.9: no such commit, branch or tag/);
      assert.equal(cli(['scan', '--since', 'main', '.'], { cwd: repo.dir }).status, 2);
      git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
      const shallow = cli(['scan', '--git-history', '--format', 'json'], { cwd: clone });
      assert.equal(shallow.status, 0, 'the shallow tip no longer holds the key');
      assert.match(shallow.stderr, /shallow clone: only the commits present were scanned.*git fetch --unshallow/);
      assert.equal((JSON.parse(shallow.stdout) as HistoryJson).shallow, true);
    } finally {
      rmSync(plain, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
