import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as check } from '../../../cli/src/commands/check';
import { UsageError, type CliIO } from '../../../cli/src/io';
import { entryHash, GENESIS, type LedgerEntry } from '../../../core/ledger';
import { projectPerTest, tempProject } from '../../helpers/temp-project';

const root = join(__dirname, '../../../..');
const example = join(root, 'test/fixtures/policy/valid');
const cli = join(root, 'dist/cli.js');

function memoryIO(cwd: string): CliIO & { out: string; err: string } {
  const io = {
    cwd,
    env: {},
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
  };
  return io;
}

/** Unsigned entries on a valid chain (as an older version wrote them): check trusts those, not a broken chain. */
const heads: string[] = [];
function ledgerLine(seq: number, secretId: string, step: string, at: string): string {
  const base = { v: 1 as const, seq, at, who: 'test', secretId, step: step as LedgerEntry['step'], outcome: 'ok' as const, prev: seq === 1 ? GENESIS : heads[seq - 2]! };
  heads[seq - 1] = entryHash(base);
  return JSON.stringify({ ...base, hash: heads[seq - 1] });
}

interface CheckJson {
  policy: string;
  secrets: Array<Record<string, unknown>>;
  problems: Array<{ file: string; line: number; column: number; code: string; severity: string; message: string }>;
}

describe('rotation-guard check', () => {
  let ws: string;
  const tmp = projectPerTest('rg-check-');
  beforeEach(() => {
    ({ dir: ws } = tmp.project);
    cpSync(example, ws, { recursive: true });
  });

  it('reports the worked example in JSON with 1-based positions and exits 1 for the overdue secret (in-process)', async () => {
    const io = memoryIO(ws);
    const code = await check(['--now', '2026-11-20T00:00:00Z', '--format', 'json'], io);
    assert.equal(code, 1);
    const out = JSON.parse(io.out) as CheckJson;
    assert.equal(out.policy, 'rotation-policy.yaml');
    assert.deepEqual(out.secrets.map((s) => [s.id, s.state]), [['openai-prod', 'ok'], ['pg-app', 'overdue'], ['webhook-signing', 'never-rotated'], ['pg-admin', 'ok']]);
    assert.deepEqual(Object.keys(out.secrets[0]!), ['id', 'state', 'lastRotated', 'dueAt', 'maxAgeDays']);
    assert.deepEqual(out.secrets[0], { id: 'openai-prod', state: 'ok', lastRotated: '2026-11-01T09:00:00.000Z', dueAt: '2026-12-01T09:00:00.000Z', maxAgeDays: 30 });
    const overdue = out.problems.find((p) => p.code === 'stale/overdue')!;
    const lines = readFileSync(join(ws, 'rotation-policy.yaml'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('- id: pg-app')) + 1;
    assert.deepEqual([overdue.file, overdue.line, overdue.column, overdue.severity], ['rotation-policy.yaml', line, lines[line - 1]!.indexOf('pg-app') + 1, 'error']);
  });

  it('exits 0 when every secret is current, from a subdirectory (walks up to the policy)', async () => {
    mkdirSync(join(ws, '.rotation'));
    writeFileSync(join(ws, '.rotation/ledger.jsonl'), `${ledgerLine(1, 'pg-app', 'finish', '2026-11-19T00:00:00Z')}\n`);
    const io = memoryIO(join(ws, 'src'));
    const code = await check(['--now=2026-11-20T00:00:00Z'], io);
    assert.equal(code, 0, io.out);
    assert.match(io.out, /^pg-app\s+ok\s+rotated 2026-11-19 \(1 d ago\) · due 2026-11-23 \(in 3 d\)$/m);
    assert.match(io.out, /0 error\(s\), 0 warning\(s\), 1 info · 4 secret\(s\): 3 ok, 1 never-rotated/);

    // Warnings do not fail the check; reference globs are matched against the files on disk.
    rmSync(join(ws, 'litellm'), { recursive: true });
    const io2 = memoryIO(ws);
    assert.equal(await check(['--now=2026-11-20T00:00:00Z'], io2), 0);
    assert.match(io2.out, /rotation-policy\.yaml:\d+:30: warning policy\/reference-matches-nothing: 'litellm\/config\.yaml' matches no file/);
  });

  it('fails when an env-file store is not git-ignored (the rotated value would be committed)', async () => {
    mkdirSync(join(ws, '.git'));
    mkdirSync(join(ws, '.rotation'));
    writeFileSync(join(ws, '.rotation/ledger.jsonl'), `${ledgerLine(1, 'pg-app', 'finish', '2026-11-19T00:00:00Z')}\n`);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z'], memoryIO(ws)), 0, 'the example ships a .gitignore for its .env');
    rmSync(join(ws, '.gitignore'));
    const io = memoryIO(ws);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z'], io), 1);
    assert.match(io.out, /rotation-policy\.yaml:\d+:11: error policy\/env-file-not-ignored: Env-file store 'dotenv' writes '\.env'/);
  });

  it('exits 1 for a compromised secret', async () => {
    mkdirSync(join(ws, '.rotation'));
    writeFileSync(
      join(ws, '.rotation/ledger.jsonl'),
      [ledgerLine(1, 'pg-app', 'finish', '2026-11-19T00:00:00Z'), ledgerLine(2, 'openai-prod', 'mark-compromised', '2026-11-19T12:00:00Z')].join('\n'),
    );
    const io = memoryIO(ws);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z', '--format', 'json'], io), 1);
    const out = JSON.parse(io.out) as CheckJson;
    assert.equal(out.secrets.find((s) => s.id === 'openai-prod')!.state, 'compromised');
    assert.ok(out.problems.some((p) => p.code === 'stale/compromised' && p.severity === 'error'));
  });

  it('warns about unreadable ledger lines instead of dropping them silently', async () => {
    mkdirSync(join(ws, '.rotation'));
    writeFileSync(join(ws, '.rotation/ledger.jsonl'), `${ledgerLine(1, 'pg-app', 'finish', '2026-11-19T00:00:00Z')}\n{not json\n[]\n`);
    const io = memoryIO(ws);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z', '--format', 'json'], io), 0);
    const p = (JSON.parse(io.out) as CheckJson).problems.find((x) => x.code === 'policy/ledger-malformed');
    assert.equal(p?.severity, 'warning');
    assert.match(p!.message, /2 unreadable line\(s\) \(2, 3\)/);
  });

  it('exits 1 on an error-severity policy problem', async () => {
    const p = join(ws, 'rotation-policy.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('maxAge: 90d', 'maxAge: 900d'));
    mkdirSync(join(ws, '.rotation'));
    writeFileSync(join(ws, '.rotation/ledger.jsonl'), `${ledgerLine(1, 'pg-app', 'finish', '2026-11-19T00:00:00Z')}\n`);
    const io = memoryIO(ws);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z'], io), 1);
    assert.match(io.out, /rotation-policy\.yaml:\d+:13: error policy\/cryptoperiod-exceeded: /);
  });

  it('never prints a value pasted into the policy', async () => {
    const fake = ['sk', 'proj', 'Zx81Qm2Lr7Tb4Kp9Wd3Hs6Ny5Fc1Vg0'].join('-');
    const p = join(ws, 'rotation-policy.yaml');
    writeFileSync(
      p,
      readFileSync(p, 'utf8')
        .replace('maxAge: 30d', `maxAge: ${fake}`)
        .replace('kind: token', `kind: "${fake}"`)
        .replace('stores: [editor, team-pass]', `stores: [editor, ${fake}]`)
        .replace('  dotenv:\n', `  dotenv:\n    ${fake}: 1\n`),
    );
    const io = memoryIO(ws);
    assert.equal(await check(['--now', '2026-11-20T00:00:00Z', '--format', 'json'], io), 1);
    const json = JSON.parse(io.out) as CheckJson;
    assert.ok(json.problems.filter((x) => x.code === 'policy/schema').length >= 3);
    assert.ok(!io.out.includes(fake) && !io.err.includes(fake));

    // A schema-valid policy reaches the semantic checks, which name stores and ids: masked too.
    writeFileSync(p, readFileSync(join(example, 'rotation-policy.yaml'), 'utf8').replace('stores: [editor, team-pass]', `stores: [editor, ${fake}]`));
    const io2 = memoryIO(ws);
    await check(['--now', '2026-11-20T00:00:00Z'], io2);
    assert.match(io2.out, /policy\/unknown-store: Unknown store 'sk-p…g0'/);
    assert.ok(!io2.out.includes(fake));
  });

  it('rejects bad usage with UsageError (exit 2 through main)', async () => {
    await assert.rejects(check(['--format', 'yaml'], memoryIO(ws)), UsageError);
    await assert.rejects(check(['--now', 'tomorrow'], memoryIO(ws)), UsageError);
    await assert.rejects(check(['extra'], memoryIO(ws)), UsageError);
    const empty = tempProject('rg-nopolicy-').dir;
    try {
      // The repository root bounds the search, whatever lies above it.
      mkdirSync(join(empty, '.git'));
      mkdirSync(join(empty, 'sub'));
      await assert.rejects(check([], memoryIO(join(empty, 'sub'))), /no rotation policy found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  describe('as a process (node dist/cli.js check)', function () {
    this.timeout(30_000);
    const spawn = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', timeout: 30_000 });

    it('prints the same JSON and exit code as in-process', async () => {
      const r = spawn(['--policy', 'rotation-policy.yaml', '--now', '2026-11-20T00:00:00Z', '--format', 'json'], ws);
      assert.equal(r.status, 1, r.stderr);
      const io = memoryIO(ws);
      await check(['--policy', 'rotation-policy.yaml', '--now', '2026-11-20T00:00:00Z', '--format', 'json'], io);
      assert.deepEqual(JSON.parse(r.stdout), JSON.parse(io.out));
    });

    it('exits 2 on usage and I/O errors', () => {
      const bad = spawn(['--format', 'xml'], ws);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--format must be text or json/);
      const missing = spawn(['--policy', 'nope.rotation.yaml'], ws);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot read nope\.rotation\.yaml: ENOENT/);
    });
  });
});
