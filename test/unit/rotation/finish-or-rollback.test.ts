import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../../core/policy/model/schema';
import { verifyLedger } from '../../../core/ledger';
import { pendingRotations, rotate, type RotateTarget } from '../../../core/rotation';
import { FaultyMemoryStore } from '../../helpers/faulty-store';
import { memoryTarget } from '../../helpers/rotation-target';
import { projectPerTest } from '../../helpers/temp-project';

const OLD = 'old-value-0123456789';

/**
 * An issuer stand-in made of two tiny scripts (the `command` provider's contract): `issue.js`
 * records every key it hands out in issued.json and prints it; `revoke.js` removes the key it
 * reads on stdin. What is left in issued.json and held by no store is an orphan.
 */
function writeIssuer(dir: string, shape: string): void {
  writeFileSync(join(dir, 'issue.js'), `const fs=require('fs');const f=${JSON.stringify(join(dir, 'issued.json'))};const l=fs.existsSync(f)?JSON.parse(fs.readFileSync(f,'utf8')):[];const k=${shape};l.push(k);fs.writeFileSync(f,JSON.stringify(l));process.stdout.write(k+'\\n');`);
  writeFileSync(join(dir, 'revoke.js'), `const fs=require('fs');const f=${JSON.stringify(join(dir, 'issued.json'))};const v=fs.readFileSync(0,'utf8').trim();const l=JSON.parse(fs.readFileSync(f,'utf8'));fs.writeFileSync(f,JSON.stringify(l.filter(k=>k!==v)));`);
}

describe('every rotation finishes or rolls back; nothing is created that cannot be stored; no orphans', () => {
  let dir: string;
  let policyPath: string;
  let primary: FaultyMemoryStore;
  let mirror: FaultyMemoryStore;
  const issued = (): string[] => (existsSync(join(dir, 'issued.json')) ? (JSON.parse(readFileSync(join(dir, 'issued.json'), 'utf8')) as string[]) : []);
  const policy = (provider: Record<string, unknown>, stores = ['a', 'b']): Policy =>
    ({ version: 1, stores: { a: { type: 'memory-a' }, b: { type: 'memory-b' }, env: { type: 'env-file', path: '.env.local' } }, providers: { p: provider }, secrets: [{ id: 's', kind: 'token', owner: 'machine', maxAge: '30d', stores, rotation: { provider: 'p' }, references: { env: ['S'] } }] }) as unknown as Policy;
  const opts = (p: Policy, extra: Partial<RotateTarget> = {}) => memoryTarget(p, policyPath, { 'memory-a': primary, 'memory-b': mirror }, extra);
  const ledgerText = () => (existsSync(join(dir, '.rotation/ledger.jsonl')) ? readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8') : '');
  const cmd = (revoke: boolean) => ({ type: 'command', command: 'node', args: [join(dir, 'issue.js')], ...(revoke ? { revoke: { command: 'node', args: [join(dir, 'revoke.js')] } } : {}) });

  const tmp = projectPerTest('rg-finish-', { policy: 'policy text' });
  beforeEach(() => {
    ({ dir } = tmp.project);
    policyPath = tmp.project.path('rotation-policy.yaml');
    primary = new FaultyMemoryStore();
    mirror = new FaultyMemoryStore(false);
    primary.values.set('s/current', OLD);
    mirror.values.set('s/current', OLD);
    writeFileSync(join(dir, '.env.local'), `S=${OLD}\n`);
  });

  it('pre-flight: a git-tracked env file stops the rotation before create — nothing issued, nothing in the ledger', async () => {
    writeIssuer(dir, `'rg_'+require('crypto').randomBytes(16).toString('hex')`);
    spawnSync('git', ['init', '-q'], { cwd: dir });
    spawnSync('git', ['add', '.env.local'], { cwd: dir });
    await assert.rejects(rotate(opts(policy(cmd(true), ['a', 'env']))), (e: Error & { code?: string }) => e.code === 'store/git-tracked');
    assert.deepEqual(issued(), [], 'the issuer was never asked');
    assert.equal(ledgerText(), '');
    assert.equal(readFileSync(join(dir, '.env.local'), 'utf8'), `S=${OLD}\n`);
  });

  it("a value an env file cannot hold (' and $) is refused before any store; the issued key is revoked; the rotation is closed", async () => {
    writeIssuer(dir, `"it's $"+require('crypto').randomBytes(16).toString('hex')`);
    const r = await rotate(opts(policy(cmd(true), ['a', 'env'])));
    assert.equal(r.code, 'rolled-back', r.message);
    assert.match(r.message, /cannot be stored/);
    assert.match(r.message, /revoked the credential the command provider created/);
    assert.deepEqual(issued(), [], 'no orphan at the issuer');
    assert.equal(primary.values.get('s/pending'), undefined);
    assert.equal(readFileSync(join(dir, '.env.local'), 'utf8'), `S=${OLD}\n`);
    assert.deepEqual(pendingRotations(policyPath), [], 'nothing left open');
    assert.equal(verifyLedger(join(dir, '.rotation/ledger.jsonl')).ok, true);
    assert.ok(!ledgerText().includes("it's $"), 'no value in the ledger');
  });

  it('without a way to revoke, the output names exactly what to revoke (never the value)', async () => {
    writeIssuer(dir, `"it's $"+require('crypto').randomBytes(16).toString('hex')`);
    const r = await rotate(opts(policy(cmd(false), ['a', 'env'])));
    assert.equal(r.code, 'rolled-back');
    assert.equal(issued().length, 1);
    assert.match(r.message, /is held by no store: revoke it at the issuer/);
    assert.ok(!r.message.includes(issued()[0]!), 'the message holds no value');
    assert.match(ledgerText(), /is held by no store/, 'the ledger records it too');
  });

  it('a store refusing PENDING: the key the issuer made for this run is revoked with the rollback', async () => {
    writeIssuer(dir, `'rg_'+require('crypto').randomBytes(16).toString('hex')`);
    primary.failSetPending = true;
    const r = await rotate(opts(policy(cmd(true))));
    assert.equal(r.code, 'rolled-back', r.message);
    assert.deepEqual(issued(), []);
    assert.equal(mirror.values.get('s/current'), OLD);
  });

  it('a store refusing at promote: --rollback undoes the partial promote and every store agrees on the old value', async () => {
    mirror.failSetCurrent = true;
    const p = policy({ type: 'generate', length: 24 });
    const r = await rotate(opts(p));
    assert.equal(r.code, 'failed');
    assert.notEqual(primary.values.get('s/current'), OLD, 'promote wrote the first store before the second refused');
    mirror.failSetCurrent = false;
    const rb = await rotate(opts(p, { mode: 'rollback' }));
    assert.equal(rb.code, 'rolled-back', rb.message);
    assert.equal(primary.values.get('s/current'), OLD);
    assert.equal(mirror.values.get('s/current'), OLD);
    assert.equal(primary.values.get('s/pending'), undefined);
    assert.equal(primary.values.get('s/previous'), undefined);
    assert.deepEqual(pendingRotations(policyPath), []);
    assert.equal((await rotate(opts(p))).code, 'rotated', 'the next rotation starts clean');
  });

  it('a store refusing at promote and still refusing: --rollback leaves the store that holds the old value alone', async () => {
    mirror.failSetCurrent = true;
    const p = policy({ type: 'generate', length: 24 });
    assert.equal((await rotate(opts(p))).code, 'failed');
    const rb = await rotate(opts(p, { mode: 'rollback' }));
    assert.equal(rb.code, 'rolled-back', rb.message);
    assert.equal(primary.values.get('s/current'), OLD);
    assert.equal(mirror.values.get('s/current'), OLD);
  });

  it('an unreadable CURRENT (a write killed half-way) is restored from the value the ledger names, and the rotation goes on', async () => {
    const p = policy({ type: 'generate', length: 24 });
    assert.equal((await rotate(opts(p))).code, 'rotated');
    const current = mirror.values.get('s/current')!;
    primary.unreadable.add('current');
    const lines: string[] = [];
    const r = await rotate(opts(p), { event: (e) => e.kind === 'log' && lines.push(e.message) });
    assert.equal(r.code, 'rotated', r.message);
    const note = lines.find((l) => /could not be read; restored/.test(l));
    assert.ok(note, lines.join('\n'));
    assert.ok(!note!.includes(current), 'the message names a fingerprint, not the value');
    assert.equal(primary.values.get('s/current'), mirror.values.get('s/current'));
  });

  it('an unreadable CURRENT with no other copy is refused with a clear message, changing nothing', async () => {
    const p = policy({ type: 'generate', length: 24 });
    assert.equal((await rotate(opts(p))).code, 'rotated');
    primary.unreadable.add('current');
    mirror.values.delete('s/current');
    await assert.rejects(rotate(opts(p)), (e: Error & { code?: string }) => e.code === 'store/unreadable' && /Restore the entry from a backup/.test(e.message));
  });
});
