import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake } from '../../helpers/fake-keys';
import { CLI, cli, tempTree } from './run-cli';

interface JsonReport {
  findings: Array<Record<string, unknown> & { file: string; line: number; column: number; ruleId: string; fingerprint: string }>;
  filesScanned: number;
  bytesScanned: number;
}

describe('rotation-guard scan (real CLI process)', function () {
  this.timeout(60000);

  it('prints the JSON contract with 1-based positions and paths relative to the cwd; exit 1 on findings', () => {
    const key = fake.openaiProject();
    const root = tempTree({ 'prompts/system.prompt': `You are a bot.\nUse ${key} for calls.\n`, 'README.md': 'nothing here\n' });
    const r = cli(['scan', '--format', 'json', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.equal(j.filesScanned, 2);
    assert.ok(j.bytesScanned > 0);
    assert.equal(j.findings.length, 1);
    const f = j.findings[0]!;
    for (const k of ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'severity', 'message', 'fingerprint']) assert.ok(k in f, k);
    assert.deepEqual([f.file, f.line, f.column, f.ruleId], ['prompts/system.prompt', 2, 5, 'secret/openai-api-key']);
    assert.match(r.stderr, /1 finding in 2 files/);
  });

  it('exits 0 without findings and 2 on usage or I/O errors', () => {
    const root = tempTree({ 'a.txt': 'hello\n' });
    assert.equal(cli(['scan', '.'], { cwd: root }).status, 0);
    assert.equal(cli(['scan', '--format', 'xml', '.'], { cwd: root }).status, 2);
    assert.equal(cli(['scan'], { cwd: root }).status, 2);
    const missing = cli(['scan', 'nope/'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });

  it('honours .gitignore, skips binaries and huge files, and says so on stderr', () => {
    const root = tempTree({
      '.gitignore': 'ignored/\n*.secret\n',
      'ignored/a.env': `OPENAI_API_KEY=${fake.openaiProject()}\n`,
      'x.secret': `k=${fake.githubPat()}\n`,
      // A PNG header: images are pure binaries, skipped even when bytes in them look like a key.
      'img.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), Buffer.from(fake.githubPat())]),
      'big.txt': `${'x'.repeat(2000)}\n${fake.githubPat()}\n`,
      'ok.txt': 'fine\n',
    });
    const r = cli(['scan', '--format', 'json', '--max-file-size', '1000', '.'], { cwd: root });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stderr, /skipped 1 binary, 1 too large/);
    const all = cli(['scan', '--format', 'json', '--no-ignore', '.'], { cwd: root });
    assert.equal(all.status, 1);
  });

  it('scans stdin with --stdin --stdin-filename', () => {
    const key = fake.anthropic();
    const r = cli(['scan', '--stdin', '--stdin-filename', 'notes.md', '--format', 'json'], { cwd: tempTree({}), input: `see ${key}\n` });
    assert.equal(r.status, 1);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.equal(j.findings[0]!.file, 'notes.md');
  });

  it('writes a baseline (--write-baseline --reason) that then accepts the findings; unused entries are reported', () => {
    const k1 = fake.githubPat();
    const k2 = fake.stripe();
    const root = tempTree({ 'a.py': `A = "${k1}"\nB = "${k2}"\n` });
    const w = cli(['scan', '--write-baseline', 'bl.jsonl', '--reason', 'test fixtures', '.'], { cwd: root });
    assert.equal(w.status, 0, w.stderr);
    const bl = readFileSync(join(root, 'bl.jsonl'), 'utf8');
    assert.equal(bl.trim().split('\n').length, 2);
    assert.ok(!bl.includes(k1) && !bl.includes(k2));
    assert.equal(cli(['scan', '--baseline', 'bl.jsonl', 'a.py'], { cwd: root }).status, 0);
    writeFileSync(join(root, 'a.py'), `A = "${k1}"\n`);
    const r = cli(['scan', '--baseline', 'bl.jsonl', 'a.py'], { cwd: root });
    assert.equal(r.status, 0);
    assert.match(r.stderr, /matches nothing any more/);
    assert.equal(cli(['scan', '--write-baseline', 'x.jsonl', '.'], { cwd: root }).status, 2, '--reason is required');
  });

  it('--staged scans what is in the git index, not the working tree', () => {
    const root = tempTree({ 'clean.txt': 'ok\n' });
    const git = (...a: string[]) => spawnSync('git', a, { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 't');
    const key = fake.githubPat();
    writeFileSync(join(root, 'staged.env'), `GITHUB_TOKEN=${key}\n`);
    git('add', 'staged.env', 'clean.txt');
    writeFileSync(join(root, 'staged.env'), 'GITHUB_TOKEN=${GITHUB_TOKEN}\n'); // working tree is clean, the index is not
    const r = cli(['scan', '--staged', '--format', 'json'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(j.findings.map((f) => [f.file, f.ruleId]), [['staged.env', 'secret/github-token']]);
  });

  it('honours .git/info/exclude and the user excludes file as git does; --no-ignore scans all', () => {
    const key = () => `GITHUB_TOKEN=${fake.githubPat()}\n`;
    const root = tempTree({
      '.git/info/exclude': '# local only\nscratch/\n',
      'scratch/notes.env': key(),
      'personal.env': key(),
      'app/config.env': key(),
      'home/.config/git/ignore': 'personal.env\n',
    });
    const env = { HOME: join(root, 'home'), XDG_CONFIG_HOME: '', GIT_CONFIG_NOSYSTEM: '1' };
    const files = (args: string[]) =>
      (JSON.parse(cli(['scan', '--format', 'json', ...args, '.'], { cwd: root, env }).stdout) as JsonReport).findings.map((f) => f.file).sort();
    assert.deepEqual(files([]), ['app/config.env']);
    assert.deepEqual(files(['--no-ignore']), ['app/config.env', 'personal.env', 'scratch/notes.env']);
  });

  it('stops quietly when the reader of its output goes away (`scan | head`)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`f${i}.env`] = `GITHUB_TOKEN=${fake.githubPat()}\n`;
    const root = tempTree(files);
    // head reads 10 bytes and exits; the CLI's later writes (hundreds of KB of JSON) hit EPIPE.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" scan --format json . | head -c 10`], { cwd: root, encoding: 'utf8' });
    assert.equal(r.stdout.length, 10);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|at .*\(/);
  });

  it('uses worker threads for many files and reports the same findings as one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 80; i++) files[`f${String(i).padStart(3, '0')}.txt`] = i % 7 === 0 ? `k ${fake.githubPat()}\n` : `line ${i}\n`;
    const root = tempTree(files);
    const one = JSON.parse(cli(['scan', '--format', 'json', '--jobs', '1', '.'], { cwd: root }).stdout) as JsonReport;
    const many = JSON.parse(cli(['scan', '--format', 'json', '--jobs', '2', '.'], { cwd: root }).stdout) as JsonReport;
    assert.equal(one.findings.length, 12);
    assert.deepEqual(many, one);
  });
});
