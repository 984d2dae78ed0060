import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchorPathFor, appendLedgerEntry, entryHash, GENESIS, loadSigningKey, signHash, signingKeyPath, type LedgerEntry } from '../../../core/ledger';
import { main } from '../../../cli/src/main';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { tempProject } from '../../helpers/temp-project';

/**
 * #19 item 3: the hash chain had no key, so an entry appended with a correct prev/hash (say a
 * `finish ok` of a rotation that never happened) passed `ledger verify`, and `check` then called an
 * overdue secret fine. Every test here runs the real CLI in process with separate config folders
 * standing for separate people (each with their own signing key and anchors).
 */
async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '' });
  return { code, stdout, stderr };
}

const POLICY = policyYaml({ version: 1, stores: { dotenv: { type: 'env-file', path: '.env.local' } }, providers: { random: { type: 'generate', length: 24 } }, secrets: [machineSecret('tok', { kind: 'token', createdAt: '2026-01-01', stores: ['dotenv'], rotation: { provider: 'random' } })] });
const NOW = '2026-11-20T00:00:00Z';

/** An entry chained correctly after the ledger's last line, as an attacker with only the repository writes it. */
function forge(ledger: string, fields: Partial<LedgerEntry>, sign?: { publicKey: string; key: Parameters<typeof signHash>[1] }): LedgerEntry {
  const lines = existsSync(ledger) ? readFileSync(ledger, 'utf8').trimEnd().split('\n').filter(Boolean) : [];
  const last = lines.length ? (JSON.parse(lines[lines.length - 1]!) as LedgerEntry) : undefined;
  const base: Omit<LedgerEntry, 'hash'> = { v: 1, seq: (last?.seq ?? 0) + 1, at: '2026-11-19T00:00:00.000Z', who: 'ci', secretId: 'tok', step: 'finish', outcome: 'ok', ...fields, prev: last?.hash ?? GENESIS };
  const withSigner = fields.signer ?? sign?.publicKey;
  if (withSigner) base.signer = withSigner;
  const hash = entryHash(base);
  const entry: LedgerEntry = { ...base, hash, ...(sign ? { sig: signHash(hash, sign.key) } : fields.sig ? { sig: fields.sig } : {}) };
  writeFileSync(ledger, [...lines, JSON.stringify(entry)].join('\n') + '\n');
  return entry;
}

describe('an authentic ledger: signed entries, listed writers (#19 item 3)', () => {
  let dir: string;
  let ledger: string;
  let alice: NodeJS.ProcessEnv;
  let bob: NodeJS.ProcessEnv;
  let mallory: NodeJS.ProcessEnv;
  let saved: string | undefined;
  const verify = (env = alice, extra: string[] = []) => cli(['ledger', 'verify', ...extra], env, dir);
  const check = async (env = alice) => {
    const r = await cli(['check', '--now', NOW, '--format', 'json'], env, dir);
    return { ...r, json: JSON.parse(r.stdout) as { secrets: Array<{ id: string; state: string }>; problems: Array<{ code: string; message: string }> } };
  };

  beforeEach(async () => {
    ({ dir } = tempProject('rg-sig-', { policy: POLICY, files: { '.gitignore': '.env.local\n' } }));
    ledger = join(dir, '.rotation', 'ledger.jsonl');
    // config folders outside the checkout, so moving it moves only the repository
    const person = (name: string) => ({ ...process.env, XDG_CONFIG_HOME: join(`${dir}-home`, name), USER: name });
    alice = person('alice');
    bob = person('bob');
    mallory = person('mallory');
    saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = alice.XDG_CONFIG_HOME;
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok', at: '2026-01-01T00:00:00.000Z' }, { env: alice });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-home`, { recursive: true, force: true });
  });

  it('the private key is created 0600 in the user config folder on first use, never in the repository; whoami prints the public key', async () => {
    const path = signingKeyPath(alice);
    assert.ok(path.startsWith(alice.XDG_CONFIG_HOME!));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(alice.XDG_CONFIG_HOME!, 'rotation-guard')).mode & 0o777, 0o700);
    const r = await cli(['ledger', 'whoami'], alice, dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n')[0], loadSigningKey(alice).publicKey);
    assert.doesNotMatch(readFileSync(ledger, 'utf8'), /PRIVATE KEY/);
  });

  it('a forged append (correct hash chain, no signature) fails verify, and check ignores it: the secret stays overdue', async () => {
    const before = await check();
    assert.equal(before.json.secrets[0]!.state, 'overdue');
    forge(ledger, { step: 'finish', outcome: 'ok' });
    const v = await verify();
    assert.equal(v.code, 1);
    assert.match(v.stdout, /line 2 \(entry 2\): FORGED: unsigned, after signed entries began/);
    const shown = await cli(['ledger', 'show'], alice, dir);
    assert.match(shown.stdout, /\n {3}2 \S+ ci tok finish ok \[UNTRUSTED: FORGED: unsigned, after signed entries began/);
    const after = await check();
    assert.equal(after.code, 1);
    assert.equal(after.json.secrets[0]!.state, 'overdue', 'the forged finish must not count as a rotation');
    const p = after.json.problems.find((x) => x.code === 'policy/ledger-untrusted');
    assert.ok(p, JSON.stringify(after.json.problems));
    assert.match(p.message, /entry 2: FORGED: unsigned/);
  });

  it('a forged append that names a listed key with a signature it cannot make fails as a bad signature', async () => {
    await cli(['ledger', 'trust-writer', '--name', 'alice'], alice, dir);
    const aliceKey = loadSigningKey(alice).publicKey;
    forge(ledger, { signer: aliceKey, sig: signHash('0'.repeat(64), loadSigningKey(mallory)) });
    const v = await verify();
    assert.equal(v.code, 1);
    assert.match(v.stdout, /line 2 \(entry 2\): FORGED: the signature does not verify under ed25519:/);
    assert.equal((await check()).json.secrets[0]!.state, 'overdue');
  });

  it('a teammate listed in ledger.writers appends: verify passes and names who signed what', async () => {
    assert.equal((await cli(['ledger', 'trust-writer', '--name', 'alice'], alice, dir)).code, 0);
    const bobKey = (await cli(['ledger', 'whoami'], bob, dir)).stdout.split('\n')[0]!;
    const added = await cli(['ledger', 'trust-writer', '--name', 'bob', '--key', bobKey], alice, dir);
    assert.match(added.stdout, /added bob/);
    assert.match(readFileSync(join(dir, 'rotation-policy.yaml'), 'utf8'), /ledger:\n {2}writers:\n {4}- name: alice\n {6}publicKey: ed25519:\S+\n {4}- name: bob/);
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'finish', outcome: 'ok', at: '2026-11-19T00:00:00.000Z' }, { env: bob });
    const v = await verify();
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /signatures: 1 signed by alice, 1 signed by bob\n/);
    assert.equal((await check()).json.secrets[0]!.state, 'ok', "bob's rotation counts");
  });

  it('a key the policy does not list is flagged by verify and ignored by check', async () => {
    await cli(['ledger', 'trust-writer', '--name', 'alice'], alice, dir);
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'finish', outcome: 'ok', at: '2026-11-19T00:00:00.000Z' }, { env: mallory });
    const v = await verify();
    assert.equal(v.code, 1);
    assert.ok(v.stdout.includes(`line 2 (entry 2): UNLISTED KEY: signed by ${loadSigningKey(mallory).publicKey}`), v.stdout);
    const json = JSON.parse((await verify(alice, ['--json'])).stdout) as { ok: boolean; signatures: { unlisted: Array<{ seq: number }>; forged: unknown[] } };
    assert.deepEqual([json.ok, json.signatures.unlisted.map((u) => u.seq), json.signatures.forged.length], [false, [2], 0]);
    const c = await check();
    assert.equal(c.json.secrets[0]!.state, 'overdue');
    assert.match(c.json.problems.find((x) => x.code === 'policy/ledger-untrusted')!.message, /entry 2: signed by ed25519:\S+, which the policy's ledger.writers does not list/);
  });

  it('an older unsigned ledger verifies as "unsigned (written before signing)"; after the first signed entry an unsigned one is a forgery', async () => {
    // a ledger an older version wrote, on a machine that never ran this version
    rmSync(ledger);
    rmSync(alice.XDG_CONFIG_HOME!, { recursive: true });
    for (let i = 0; i < 3; i++) forge(ledger, { step: 'store', outcome: 'ok', who: 'old-version' });
    const old = await verify(alice);
    assert.equal(old.code, 0, old.stdout);
    assert.match(old.stdout, /signatures: 3 unsigned \(written before signing\)\n/);
    await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok' }, { env: alice });
    const mixed = await verify(alice);
    assert.equal(mixed.code, 0, mixed.stdout);
    assert.match(mixed.stdout, /signatures: 3 unsigned \(written before signing\), 1 signed by ed25519:\S+ \(you\)/);
    forge(ledger, { step: 'finish', outcome: 'ok' });
    const forged = await verify(alice);
    assert.equal(forged.code, 1);
    assert.match(forged.stdout, /line 5 \(entry 5\): FORGED: unsigned, after signed entries began/);
  });

  it('a deleted anchor is reported as missing (not as a fresh clone) when the ledger holds entries this user signed', async () => {
    for (let i = 0; i < 4; i++) await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok' }, { env: alice });
    assert.equal((await verify()).code, 0);
    unlinkSync(anchorPathFor(ledger, alice));
    const v = await verify();
    assert.equal(v.code, 1);
    assert.match(v.stdout, /ANCHOR MISSING: the ledger holds 5 entries signed with your key/);
    const fresh = await verify(bob);
    assert.equal(fresh.code, 0, 'a teammate who never anchored it sees a fresh clone');
    assert.match(fresh.stdout, /no anchor on this machine yet/);
  });

  it('a moved checkout still verifies against its anchor, and a rollback there is still caught', async () => {
    for (let i = 0; i < 4; i++) await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok' }, { env: alice });
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    try {
      const v = await cli(['ledger', 'verify'], alice, moved);
      assert.equal(v.code, 0, v.stdout);
      assert.match(v.stdout, /anchored at entry 5 \(the checkout moved from /);
      const movedLedger = join(moved, '.rotation', 'ledger.jsonl');
      writeFileSync(movedLedger, readFileSync(movedLedger, 'utf8').trimEnd().split('\n').slice(0, 3).join('\n') + '\n');
      const cut = await cli(['ledger', 'verify'], alice, moved);
      assert.equal(cut.code, 1);
      assert.match(cut.stdout, /ROLLED BACK: the ledger has 3 entries but this machine anchored 5; entries 4–5 are missing/);
    } finally {
      renameSync(moved, dir);
    }
  });

  it('a whole other history put in place of the ledger is not mistaken for a fresh clone', async () => {
    for (let i = 0; i < 2; i++) await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok' }, { env: alice });
    const other = join(dir, 'elsewhere', '.rotation', 'ledger.jsonl');
    mkdirSync(join(dir, 'elsewhere'));
    await appendLedgerEntry(other, { secretId: 'tok', step: 'finish', outcome: 'ok', at: '2026-11-19T00:00:00.000Z' }, { env: bob });
    writeFileSync(ledger, readFileSync(other));
    const v = await verify();
    assert.equal(v.code, 1);
    assert.match(v.stdout, /ROLLED BACK: the ledger has 1 entries but this machine anchored 3/);
  });

  it('enforce refuses to act on a ledger with a forged entry and says which', async () => {
    forge(ledger, { step: 'finish', outcome: 'ok' });
    const r = await cli(['enforce', '--no-git-history', '--now', NOW], alice, dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /enforce refused to act: the ledger fails verification at line 2 \(entry 2: FORGED: unsigned/);
    assert.equal(existsSync(join(dir, '.env.local')), false, 'nothing was rotated');
  });

  it('a long ledger remembers which signatures verified (by its head), and an edit inside that prefix is still caught', async () => {
    for (let i = 0; i < 99; i++) await appendLedgerEntry(ledger, { secretId: 'tok', step: 'store', outcome: 'ok', detail: `#${i}` }, { env: alice });
    assert.equal((await verify()).code, 0);
    const remembered = join(alice.XDG_CONFIG_HOME!, 'rotation-guard', 'ledger-verified');
    const files = existsSync(remembered) ? readdirSync(remembered) : [];
    assert.equal(files.length, 1, 'the verified prefix is kept');
    const lines = readFileSync(ledger, 'utf8').trimEnd().split('\n');
    assert.deepEqual(JSON.parse(readFileSync(join(remembered, files[0]!), 'utf8')), { count: 100, head: (JSON.parse(lines[99]!) as LedgerEntry).hash });
    // Edit entry 50 and re-chain everything after it, keeping the signatures: a new head, so
    // nothing remembered applies and entry 50's signature no longer matches its content.
    let prev = (JSON.parse(lines[48]!) as LedgerEntry).hash;
    for (let i = 49; i < lines.length; i++) {
      const e = JSON.parse(lines[i]!) as LedgerEntry;
      const { hash: _h, sig, ...rest } = e;
      const base = { ...rest, prev, ...(i === 49 ? { detail: 'rotated, honest' } : {}) };
      const hash = entryHash(base);
      lines[i] = JSON.stringify({ ...base, hash, sig });
      prev = hash;
    }
    writeFileSync(ledger, lines.join('\n') + '\n');
    const v = await verify(alice, ['--json']);
    assert.equal(v.code, 1);
    const json = JSON.parse(v.stdout) as { signatures: { forged: Array<{ seq: number }> } };
    assert.deepEqual(json.signatures.forged.map((f) => f.seq), Array.from({ length: 51 }, (_, k) => 50 + k));
  });
});
