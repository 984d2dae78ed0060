import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../../core/policy/model/schema';
import { verifyLedger } from '../../../core/ledger';
import { pendingRotations, rotate, trustToConfirm, UntrustedPolicyError, type RotateTarget } from '../../../core/rotation';
import { FaultyMemoryStore } from '../../helpers/faulty-store';
import { memoryTarget } from '../../helpers/rotation-target';
import { projectPerTest } from '../../helpers/temp-project';


describe('rotation engine (mock in-memory stores)', () => {
  let dir: string;
  let policyPath: string;
  let primary: FaultyMemoryStore;
  let mirror: FaultyMemoryStore;
  const policy = (secret: Record<string, unknown>, providers: Record<string, unknown>): Policy =>
    ({ version: 1, stores: { a: { type: 'memory-a' }, b: { type: 'memory-b' } }, providers, secrets: [{ id: 's', kind: 'token', owner: 'machine', maxAge: '30d', stores: ['a', 'b'], ...secret }] }) as unknown as Policy;
  const opts = (p: Policy, extra: Partial<RotateTarget> = {}) => memoryTarget(p, policyPath, { 'memory-a': primary, 'memory-b': mirror }, extra);
  const ledger = () => readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8');

  const tmp = projectPerTest('rg-engine-', { policy: 'policy text' });
  beforeEach(() => {
    ({ dir } = tmp.project);
    policyPath = tmp.project.path('rotation-policy.yaml');
    primary = new FaultyMemoryStore();
    mirror = new FaultyMemoryStore(false);
    primary.values.set('s/current', 'old-value-0123456789');
    mirror.values.set('s/current', 'old-value-0123456789');
  });

  const gen = { random: { type: 'generate', length: 24 } };

  it('rotates: new value current everywhere, stages cleared, ledger chained and free of values', async () => {
    const r = await rotate(opts(policy({ rotation: { provider: 'random' } }, gen)));
    assert.equal(r.code, 'rotated', r.message);
    const now = primary.values.get('s/current')!;
    assert.match(now, /^[A-Za-z0-9]{24}$/);
    assert.equal(mirror.values.get('s/current'), now);
    assert.deepEqual([...primary.values.keys()], ['s/current']);
    assert.equal(verifyLedger(join(dir, '.rotation/ledger.jsonl')).ok, true);
    assert.ok(!ledger().includes(now) && !ledger().includes('old-value-0123456789'));
    assert.match(ledger(), /"step":"finish","outcome":"ok"/);
  });

  it('waits for the grace period before revoking, refuses a second rotation meanwhile, then finishes on resume', async () => {
    const t0 = new Date('2026-05-01T00:00:00Z');
    const p = policy({ rotation: { provider: 'random' }, gracePeriod: '1h' }, gen);
    const r = await rotate(opts(p, { now: () => t0 }));
    assert.equal(r.code, 'awaiting-revoke');
    assert.equal(primary.values.get('s/previous'), 'old-value-0123456789', 'PREVIOUS is kept through the grace period');
    const open = pendingRotations(policyPath, p);
    assert.equal(open.length, 1);
    assert.equal(open[0]!.awaitingRevoke, true);
    assert.equal(open[0]!.revokeDueAt, '2026-05-01T01:00:00.000Z');
    const second = await rotate(opts(p, { now: () => t0 }));
    assert.equal(second.code, 'grace-running', 'a second rotation is refused while the grace period runs');
    assert.equal(second.next, 'wait');
    const early = await rotate(opts(p, { now: () => new Date('2026-05-01T00:30:00Z'), mode: 'resume' }));
    assert.equal(early.code, 'awaiting-revoke');
    const done = await rotate(opts(p, { now: () => new Date('2026-05-01T02:00:00Z'), mode: 'resume' }));
    assert.equal(done.code, 'rotated', done.message);
    assert.equal(primary.values.has('s/previous'), false);
    assert.deepEqual(pendingRotations(policyPath, p), []);
  });

  it('refuses command providers in an untrusted workspace or for an unconfirmed policy, before touching anything', async () => {
    const p = policy({ rotation: { provider: 'cmd' } }, { cmd: { type: 'command', command: 'true' } });
    await assert.rejects(rotate(opts(p, { trust: { workspaceTrusted: false } })), UntrustedPolicyError);
    await assert.rejects(rotate(opts(p, { trust: { workspaceTrusted: true, confirmation: trustToConfirm(p, policyPath, 'older text') } })), /changed since you confirmed/);
    assert.throws(() => readFileSync(join(dir, '.rotation/ledger.jsonl')), /ENOENT/);
  });

  it('manual: asks the injected prompt; without one it fails cleanly and records the rollback', async () => {
    const p = policy({ rotation: { provider: 'hand' } }, { hand: { type: 'manual', url: 'https://example.invalid/keys' } });
    const none = await rotate(opts(p));
    assert.equal(none.code, 'failed');
    assert.match(none.message, /--value-stdin/);
    assert.deepEqual(pendingRotations(policyPath), []);
    let asked = '';
    const r = await rotate(opts(p), { prompt: async (req) => ((asked = req.url ?? ''), 'pasted-new-key-abcdef123') });
    assert.equal(r.code, 'rotated');
    assert.equal(asked, 'https://example.invalid/keys');
    assert.equal(mirror.values.get('s/current'), 'pasted-new-key-abcdef123');
  });

  it('a store failing during promote leaves the rotation open with the new value in PENDING; resume completes it', async () => {
    mirror.failSetCurrent = true;
    const r = await rotate(opts(policy({ rotation: { provider: 'random' } }, gen)));
    assert.equal(r.code, 'failed');
    assert.equal(r.next, 'resume', 'the result says what to do next as an action code, not as one shell\'s syntax');
    assert.doesNotMatch(r.message, /--resume/);
    const pending = primary.values.get('s/pending');
    assert.ok(pending, 'the new value is still held');
    assert.ok(!r.message.includes(pending!));
    mirror.failSetCurrent = false;
    const resumed = await rotate(opts(policy({ rotation: { provider: 'random' } }, gen), { mode: 'resume' }));
    assert.equal(resumed.code, 'rotated', resumed.message);
    assert.equal(mirror.values.get('s/current'), pending);
    assert.equal(verifyLedger(join(dir, '.rotation/ledger.jsonl')).ok, true);
  });

  it('dry-run describes the steps and writes nothing; resume with nothing open says so', async () => {
    const p = policy({ rotation: { provider: 'random' } }, gen);
    const d = await rotate(opts(p, { mode: 'dry-run' }));
    assert.equal(d.code, 'dry-run');
    assert.ok(d.result!.plan!.length >= 6);
    assert.equal((await rotate(opts(p, { mode: 'resume' }))).code, 'nothing-to-resume');
    assert.equal(primary.values.get('s/current'), 'old-value-0123456789');
  });
});
