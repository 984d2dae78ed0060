import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryHash, type LedgerEntry } from '../../../core/ledger';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { cli, makeProject, type TestProject } from '../rotation/project';

/**
 * #19 items 2 and 3 through the bundled CLI as a scheduler runs it: a real process whose stdin is
 * not a terminal, its own config folder, a real script on disk.
 */
const POLICY = policyYaml({
  version: 1,
  stores: { dotenv: { type: 'env-file', path: '.env.local' } },
  providers: { mint: { type: 'command', command: './scripts/new-token.sh' } },
  secrets: [machineSecret('tok', { kind: 'token', createdAt: '2026-01-01', stores: ['dotenv'], rotation: { provider: 'mint' } })],
});

function script(p: TestProject, tag: string): string {
  const path = join(p.dir, 'scripts', 'new-token.sh');
  writeFileSync(path, `#!/bin/sh\ncat > /dev/null\necho ${tag} >> ran.log\necho "tok_${tag}_$$"\n`);
  chmodSync(path, 0o755);
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('trust and signed ledger through the bundled CLI', function () {
  this.timeout(60000);
  let p: TestProject;
  beforeEach(() => {
    p = makeProject(POLICY);
    mkdirSync(join(p.dir, 'scripts'));
    writeFileSync(join(p.dir, '.gitignore'), '.env.local\nran.log\n.config-home/\n');
    writeFileSync(join(p.dir, '.env.local'), 'TOK=tok_initial_value_0000\n');
  });
  afterEach(() => p.cleanup());
  const ran = () => (existsSync(join(p.dir, 'ran.log')) ? readFileSync(join(p.dir, 'ran.log'), 'utf8').trim().split('\n') : []);

  it('`rotate --trust` with stdin not a terminal refuses without --yes; with --yes it prints the hashes and rotates', async () => {
    const hash = script(p, 'v1');
    const refused = await cli(p, ['rotate', 'tok', '--trust'], { input: 'y\n' });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /refusing to confirm: there is no terminal to ask you/);
    assert.deepEqual(ran(), []);
    const ok = await cli(p, ['rotate', 'tok', '--trust', '--yes']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(ok.stderr.includes(`file scripts/new-token.sh [executable of ./scripts/new-token.sh] sha256 ${hash}`), ok.stderr);
    assert.deepEqual(ran(), ['v1']);
  });

  it('a script changed after trust (a pull): a scheduled enforce reports NEEDS A PERSON, names the file, runs nothing', async () => {
    script(p, 'v1');
    assert.equal((await cli(p, ['rotate', 'tok', '--trust', '--yes'])).code, 0);
    script(p, 'pulled');
    const r = await cli(p, ['enforce', '--no-git-history', '--now', '2027-06-01T00:00:00Z']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /tok: NEEDS A PERSON/);
    assert.match(r.stdout, /scripts\/new-token\.sh \(executable of \.\/scripts\/new-token\.sh\) changed: sha256 [0-9a-f]{12}… → [0-9a-f]{12}…/);
    assert.deepEqual(ran(), ['v1'], 'the changed script never ran');
  });

  it('a forged `finish ok` appended with a correct chain fails `ledger verify` and `check` still calls the secret overdue', async () => {
    script(p, 'v1');
    assert.equal((await cli(p, ['rotate', 'tok', '--trust', '--yes'])).code, 0);
    const ledger = join(p.dir, '.rotation', 'ledger.jsonl');
    const lines = readFileSync(ledger, 'utf8').trimEnd().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!) as LedgerEntry;
    const base = { v: 1 as const, seq: last.seq + 1, at: '2027-05-31T00:00:00.000Z', who: 'ci', secretId: 'tok', rotationId: 'forged', step: 'finish' as const, outcome: 'ok' as const, prev: last.hash };
    writeFileSync(ledger, [...lines, JSON.stringify({ ...base, hash: entryHash(base) })].join('\n') + '\n');
    const v = await cli(p, ['ledger', 'verify']);
    assert.equal(v.code, 1);
    assert.match(v.stdout, new RegExp(`line ${lines.length + 1} \\(entry ${base.seq}\\): FORGED: unsigned`));
    const c = await cli(p, ['check', '--now', '2027-06-01T00:00:00Z', '--format', 'json']);
    assert.equal(c.code, 1);
    const json = JSON.parse(c.stdout) as { secrets: Array<{ id: string; state: string }>; problems: Array<{ code: string }> };
    assert.equal(json.secrets.find((s) => s.id === 'tok')!.state, 'overdue');
    assert.ok(json.problems.some((x) => x.code === 'policy/ledger-untrusted'));
  });
});
