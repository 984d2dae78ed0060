import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { anchorPathFor, appendLedgerEntry, checkAnchor, readAnchor, readLedger } from '../../../core/ledger';
import { main } from '../../../cli/src/main';
import { tempProject } from '../../helpers/temp-project';

/** Runs the CLI in-process with this test's config folder (the anchor's home). */
async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, env, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '' });
  return { code, stdout, stderr };
}

describe('ledger head anchor', () => {
  let dir: string;
  let ledger: string;
  let env: NodeJS.ProcessEnv;
  let saved: string | undefined;
  beforeEach(async () => {
    dir = tempProject('rg-anchor-').dir;
    ledger = join(dir, '.rotation', 'ledger.jsonl');
    // appendLedgerEntry anchors under the process's config folder: point it at this test's.
    saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = join(dir, 'config');
    env = { ...process.env };
    for (let i = 0; i < 50; i++) await appendLedgerEntry(ledger, { secretId: `s${i % 3}`, step: 'store', outcome: 'ok', newFingerprint: `hk1:${i}` });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const lines = () => readFileSync(ledger, 'utf8').trimEnd().split('\n');

  it('every append moves the anchor; verify says ok and anchored', async () => {
    const a = readAnchor(ledger, env);
    assert.ok(a && !('invalid' in a));
    assert.equal(a.count, 50);
    assert.equal(a.head, JSON.parse(lines()[49]!).hash);
    const r = await cli(['ledger', 'verify', '--ledger', ledger], env, dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^ledger ok: 50 entries, head [0-9a-f]{64}; anchored at entry 50\nsignatures: 50 signed by ed25519:\S+ \(you\)\n/);
  });

  it('the last 20 entries cut off: verify fails and names the missing range (the chain alone says ok)', async () => {
    writeFileSync(ledger, lines().slice(0, 30).join('\n') + '\n');
    const r = await cli(['ledger', 'verify', '--ledger', ledger], env, dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ROLLED BACK: the ledger has 30 entries but this machine anchored 50; entries 31–50 are missing/);
    const json = JSON.parse((await cli(['ledger', 'verify', '--ledger', ledger, '--json'], env, dir)).stdout) as { ok: boolean; anchor: { status: string; missingFrom: number; missingTo: number } };
    assert.deepEqual([json.ok, json.anchor.status, json.anchor.missingFrom, json.anchor.missingTo], [false, 'shorter', 31, 50]);
  });

  it('an older copy checked out over it, then appended to: still caught, and the anchor does not move', async () => {
    const old = lines().slice(0, 40);
    writeFileSync(ledger, old.join('\n') + '\n');
    for (let i = 0; i < 15; i++) await appendLedgerEntry(ledger, { secretId: 'x', step: 'store', outcome: 'ok' });
    assert.equal(readLedger(ledger).entries.length, 55);
    const a = readAnchor(ledger, env);
    assert.ok(a && !('invalid' in a) && a.count === 50, 'the anchor stayed at the lost head');
    const r = await cli(['ledger', 'verify', '--ledger', ledger], env, dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FORKED: entry 50 is not the one this machine anchored/);
  });

  it('a ledger that grew elsewhere (pulled from a teammate) is fine, and the next append anchors the new head', async () => {
    const other = join(dir, 'other-config');
    const teammate = { ...process.env, XDG_CONFIG_HOME: other };
    process.env.XDG_CONFIG_HOME = other;
    for (let i = 0; i < 5; i++) await appendLedgerEntry(ledger, { secretId: 'y', step: 'store', outcome: 'ok' });
    process.env.XDG_CONFIG_HOME = env.XDG_CONFIG_HOME;
    const r = await cli(['ledger', 'verify', '--ledger', ledger], env, dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /anchored at entry 50 \(5 later entries not yet anchored on this machine\)/);
    await appendLedgerEntry(ledger, { secretId: 'y', step: 'store', outcome: 'ok' });
    assert.equal((readAnchor(ledger, env) as { count: number }).count, 56);
    assert.ok(readAnchor(ledger, teammate));
  });

  it('a fresh clone (no anchor on this machine) says so rather than claiming more; `ledger anchor` sets one', async () => {
    const fresh = { ...process.env, XDG_CONFIG_HOME: join(dir, 'fresh-machine') };
    const r = await cli(['ledger', 'verify', '--ledger', ledger], fresh, dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /no anchor on this machine yet \(a fresh clone\?\): the chain is intact, but entries cut from its end would not show/);
    const set = await cli(['ledger', 'anchor', '--ledger', ledger], fresh, dir);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(checkAnchor(readLedger(ledger).entries, readAnchor(ledger, fresh)).status, 'ok');
  });

  it('an edited anchor file is not trusted; `ledger anchor` refuses to paper over a rollback without --reset', async () => {
    const path = anchorPathFor(ledger, env);
    const a = JSON.parse(readFileSync(path, 'utf8')) as { count: number };
    writeFileSync(path, JSON.stringify({ ...a, count: 10 }));
    const r = await cli(['ledger', 'verify', '--ledger', ledger], env, dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /cannot be trusted: .*MAC does not match/);
    assert.equal((await cli(['ledger', 'anchor', '--ledger', ledger, '--reset'], env, dir)).code, 0);
    writeFileSync(ledger, lines().slice(0, 45).join('\n') + '\n');
    const refused = await cli(['ledger', 'anchor', '--ledger', ledger], env, dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /entries 46–50 are missing[\s\S]*--reset/);
  });
});
