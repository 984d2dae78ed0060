import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NotAFileError, readAtMost, TOO_LARGE } from '../../../core/files/read-at-most';
import { readLedger } from '../../../core/ledger/read';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { policyYaml } from '../../helpers/policy';
import { projectPerTest } from '../../helpers/temp-project';

const CLI = resolve('dist/cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built CLI as a real process, with a hard timeout: a hang fails the test instead of stalling the suite. */
function cli(args: string[], cwd: string, stdin: 'pipe' | number = 'pipe', input = ''): Promise<Run> {
  return new Promise((done) => {
    const t = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += String(d)));
    child.stderr!.on('data', (d) => (stderr += String(d)));
    if (stdin === 'pipe') child.stdin!.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr, ms: Date.now() - t });
    });
  });
}

const mkfifo = (p: string) => assert.equal(spawnSync('mkfifo', [p]).status, 0, 'mkfifo');

describe('bounded input: devices, FIFOs, pipes, stdin and ledgers (#19 item 4)', function () {
  this.timeout(60000);
  let dir: string;
  const tmp = projectPerTest('rg-bounded-');
  beforeEach(() => ({ dir } = tmp.project));

  it('readAtMost refuses a device (stat says 0 bytes), reads a FIFO nobody writes to as empty, and stops a growing read at the limit', () => {
    assert.throws(() => readAtMost('/dev/zero', 1024), (e: Error) => e instanceof NotAFileError && e.kind === 'device' && /is a device, not a file/.test(e.message));
    symlinkSync('/dev/zero', join(dir, 'zero-link'));
    assert.throws(() => readAtMost(join(dir, 'zero-link'), 1024), NotAFileError);
    mkfifo(join(dir, 'fifo'));
    const t = Date.now();
    assert.equal(readAtMost(join(dir, 'fifo'), 1024).length, 0);
    assert.ok(Date.now() - t < 2000);
    writeFileSync(join(dir, 'big'), Buffer.alloc(4096, 97));
    assert.throws(() => readAtMost(join(dir, 'big'), 1024), (e) => e === TOO_LARGE);
    assert.equal(readAtMost(join(dir, 'big'), 4096).length, 4096);
  });

  it('`scan <(cat keys.txt)` reads the pipe and finds the key (it reported 0 findings)', async () => {
    writeFileSync(join(dir, 'keys.txt'), `OPENAI_API_KEY=${fakeOpenAiKey()}\n`);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" scan --format json <(cat keys.txt)`], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }>; filesScanned: number };
    assert.equal(out.filesScanned, 1);
    assert.ok(out.findings.some((f) => f.ruleId.startsWith('secret/openai')), r.stdout);
  });

  it('scan of a FIFO, check --policy on a FIFO: no hang', async () => {
    mkfifo(join(dir, 'fifo'));
    const s = await cli(['scan', 'fifo'], dir);
    assert.equal(s.status, 0, s.stderr);
    mkfifo(join(dir, 'rotation-policy.yaml'));
    const c = await cli(['check', '--policy', 'rotation-policy.yaml'], dir);
    assert.ok(c.status === 1 || c.status === 2, `exit ${c.status}: ${c.stderr}`);
    assert.ok(c.ms < 20000 && s.ms < 20000, `${s.ms} ms, ${c.ms} ms`);
  });

  it('scan /dev/zero (or a symlink to it) and check --policy /dev/zero refuse with a clear message; a symlink to /dev/zero inside a folder is not read', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero'));
    for (const args of [['scan', '/dev/zero'], ['scan', 'zero'], ['check', '--policy', '/dev/zero']]) {
      const r = await cli(args, dir);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /a device, not a file/, args.join(' '));
    }
    writeFileSync(join(dir, 'note.md'), 'nothing here\n');
    const walk = await cli(['scan', '--format', 'json', '.'], dir);
    assert.equal(walk.status, 0, walk.stderr);
    assert.equal((JSON.parse(walk.stdout) as { filesScanned: number }).filesScanned, 1);
  });

  it('scan --stdin and redact fed /dev/zero stop at their limit with an error instead of growing without bound', async () => {
    const zero = openSync('/dev/zero', 'r');
    for (const args of [['scan', '--stdin', '--max-file-size', '1048576'], ['redact']]) {
      const r = await cli(args, dir, zero);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /standard input is larger than (1|64) MiB/);
      assert.equal(r.stdout, '', 'nothing written');
    }
    closeSync(zero);
  });

  it('a ledger that is a symlink to /dev/zero is refused by name; check says so and exits 2', async () => {
    mkdirSync(join(dir, '.rotation'));
    symlinkSync('/dev/zero', join(dir, '.rotation', 'ledger.jsonl'));
    assert.throws(() => readLedger(join(dir, '.rotation', 'ledger.jsonl')), /ledger\.jsonl is a device, not a file/);
    writeFileSync(join(dir, 'rotation-policy.yaml'), policyYaml({ version: 1, stores: {}, secrets: [] }));
    const r = await cli(['check'], dir);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /ledger\.jsonl is a device, not a file/);
    unlinkSync(join(dir, '.rotation', 'ledger.jsonl'));
  });
});
