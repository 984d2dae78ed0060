import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Policy } from '../../../core/policy';
import { readLedger } from '../../../core/ledger';
import { confirmationFor, resolvePlan, rotate, type RotateTarget, type RotationEvent, type RotationHost } from '../../../core/rotation';
import { FaultyMemoryStore } from '../../helpers/faulty-store';
import { memoryTarget } from '../../helpers/rotation-target';
import { projectPerTest } from '../../helpers/temp-project';


/** A host that records every event and question, in order. */
function fakeHost(confirm?: (events: RotationEvent[]) => boolean): RotationHost & { events: RotationEvent[]; asked: number } {
  const h = {
    events: [] as RotationEvent[],
    asked: 0,
    event: (e: RotationEvent) => h.events.push(e),
    confirmTrust: confirm
      ? async () => {
          h.asked++;
          return confirm(h.events);
        }
      : undefined,
  };
  return h;
}

describe('rotation service: rotate(target, host)', () => {
  let dir: string;
  let policyPath: string;
  let store: FaultyMemoryStore;
  let counts: { plan: number; ledger: number };
  const readers = {
    resolvePlan: ((...a: Parameters<typeof resolvePlan>) => (counts.plan++, resolvePlan(...a))) as typeof resolvePlan,
    readLedger: ((path: string) => (counts.ledger++, readLedger(path))) as typeof readLedger,
  };
  const policy = (secret: Record<string, unknown> = {}, provider: Record<string, unknown> = { type: 'generate', length: 24 }): Policy =>
    ({ version: 1, stores: { a: { type: 'memory-a' } }, providers: { p: provider }, secrets: [{ id: 's', kind: 'token', owner: 'machine', maxAge: '30d', stores: ['a'], rotation: { provider: 'p' }, ...secret }] }) as unknown as Policy;
  const target = (p: Policy, extra: Partial<RotateTarget> = {}) => memoryTarget(p, policyPath, { 'memory-a': store }, extra);
  type StepEvent = Extract<RotationEvent, { step: unknown }>;
  const steps = (events: RotationEvent[]) => events.filter((e): e is StepEvent => e.kind === 'step-started' || e.kind === 'step-finished');
  const ledgerPath = () => join(dir, '.rotation/ledger.jsonl');

  const tmp = projectPerTest('rg-service-', { policy: 'policy text' });
  beforeEach(() => {
    ({ dir } = tmp.project);
    policyPath = tmp.project.path('rotation-policy.yaml');
    store = new FaultyMemoryStore();
    store.values.set('s/current', 'old-value-0123456789');
    counts = { plan: 0, ledger: 0 };
  });

  it('emits each step as i of n in the loop order, then one outcome; the plan is resolved once and the ledger read once', async () => {
    const host = fakeHost();
    const out = await rotate(target(policy()), host, readers);
    assert.equal(out.code, 'rotated', out.message);
    assert.deepEqual(counts, { plan: 1, ledger: 1 });
    const s = steps(host.events);
    const finished = s.filter((e) => e.kind === 'step-finished');
    assert.deepEqual(finished.map((e) => `${e.step} ${e.index}/${e.total}`), ['begin 1/9', 'create 2/9', 'store-pending 3/9', 'apply 4/9', 'test-new 5/9', 'promote 6/9', 'revoke-old 7/9', 'test-old-fails 8/9', 'finish 9/9']);
    // every started step is followed by its own end before the next step starts
    for (const [i, e] of s.entries()) if (e.kind === 'step-started') assert.equal(s[i + 1]?.step, e.step);
    assert.equal(host.events.at(-1)?.kind, 'outcome');
    assert.equal(host.events.filter((e) => e.kind === 'outcome').length, 1);
    assert.ok(!JSON.stringify(host.events).includes(store.values.get('s/current')!), 'no value in any event');
  });

  it('finishes what is pending first (an expired grace period: revoke, finish), then rotates anew — still one plan, one ledger read', async () => {
    const p = policy({ gracePeriod: '1h' });
    const t0 = new Date('2026-05-01T00:00:00Z');
    const first = await rotate(target(p, { now: () => t0 }));
    assert.equal(first.code, 'awaiting-revoke');
    assert.equal(first.next, 'resume', 'what to do next is an action code');
    assert.doesNotMatch(first.message, /`|--/, 'no shell syntax in the message');
    const host = fakeHost();
    const out = await rotate(target(p, { now: () => new Date('2026-05-01T02:00:00Z') }), host, readers);
    assert.equal(out.code, 'awaiting-revoke', 'the new rotation waits for its own grace period');
    assert.deepEqual(counts, { plan: 1, ledger: 1 });
    const order = steps(host.events).filter((e) => e.kind === 'step-finished').map((e) => e.step);
    assert.deepEqual(order.slice(0, 4), ['revoke-old', 'test-old-fails', 'finish', 'begin'], 'the old rotation ends before the new one begins');
    const entries = readLedger(ledgerPath()).entries;
    const finish = entries.find((e) => e.step === 'finish')!;
    assert.equal(finish.rotationId, first.result!.rotationId);
    assert.notEqual(out.result!.rotationId, first.result!.rotationId);
  });

  it('a running grace period is an outcome (grace-running, next: wait) in rotate mode; finish-pending changes nothing', async () => {
    const p = policy({ gracePeriod: '1h' });
    const t0 = new Date('2026-05-01T00:00:00Z');
    await rotate(target(p, { now: () => t0 }));
    const before = readFileSync(ledgerPath(), 'utf8');
    const early = await rotate(target(p, { now: () => new Date('2026-05-01T00:10:00Z') }));
    assert.equal(early.code, 'grace-running');
    assert.equal(early.next, 'wait');
    assert.equal(early.revokeDueAt, '2026-05-01T01:00:00.000Z');
    assert.equal((await rotate(target(p, { mode: 'finish-pending', now: () => new Date('2026-05-01T00:10:00Z') }))).code, 'grace-running');
    assert.equal(readFileSync(ledgerPath(), 'utf8'), before, 'nothing written while the grace period runs');
  });

  it('a store failing at promote: outcome failed with next resume; resume mode finishes it', async () => {
    store.failSetCurrent = true;
    const failed = await rotate(target(policy()));
    assert.equal(failed.code, 'failed');
    assert.equal(failed.next, 'resume');
    store.failSetCurrent = false;
    const host = fakeHost();
    const resumed = await rotate(target(policy(), { mode: 'resume' }), host, readers);
    assert.equal(resumed.code, 'rotated', resumed.message);
    assert.deepEqual(counts, { plan: 1, ledger: 1 });
    assert.ok(!steps(host.events).some((e) => e.step === 'begin'), 'no new rotation began');
  });

  describe('trust', () => {
    const cmdPolicy = () => policy({}, { type: 'command', command: 'node', args: [join(dir, 'issue.js')] });
    const env = () => ({ ...process.env, XDG_CONFIG_HOME: join(dir, 'config') });
    beforeEach(() => writeFileSync(join(dir, 'issue.js'), `process.stdout.write(require('crypto').randomBytes(18).toString('hex') + '\\n');`));

    it('is asked before anything runs, with exactly what the confirmation covers; confirmed, it is recorded and the rotation runs', async () => {
      const p = cmdPolicy();
      const host = fakeHost((events) => {
        assert.ok(!existsSync(ledgerPath()), 'nothing was written before the answer');
        assert.deepEqual(events.map((e) => e.kind), ['needs-confirmation']);
        return true;
      });
      const out = await rotate(target(p, { env: env(), trust: { workspaceTrusted: true } }), host);
      assert.equal(host.asked, 1);
      const q = host.events[0] as Extract<RotationEvent, { kind: 'needs-confirmation' }>;
      assert.ok(q.lines.some((l) => l.includes('issue.js')), `the question names the file it runs: ${q.lines.join(' | ')}`);
      assert.match(q.problem ?? '', /never confirmed/);
      assert.equal(out.code, 'rotated', out.message);
      assert.ok(confirmationFor(policyPath, env()), 'the confirmation is recorded');
    });

    it('declined: not-confirmed, nothing recorded or run; an untrusted workspace is an outcome a host can act on', async () => {
      const p = cmdPolicy();
      const declined = await rotate(target(p, { env: env(), trust: { workspaceTrusted: true } }), fakeHost(() => false));
      assert.equal(declined.code, 'not-confirmed');
      assert.ok(!existsSync(ledgerPath()));
      assert.equal(confirmationFor(policyPath, env()), undefined);
      const host = fakeHost(() => true);
      const untrusted = await rotate(target(p, { env: env(), trust: { workspaceTrusted: false } }), host);
      assert.equal(untrusted.code, 'untrusted-workspace');
      assert.equal(untrusted.next, 'trust-workspace');
      assert.equal(host.asked, 0, 'an untrusted workspace cannot confirm a policy');
      assert.ok(!existsSync(ledgerPath()));
    });
  });

  it('a host that asks between calls (LSP) gets needs-value for a by-hand provider before any ledger line', async () => {
    const p = policy({}, { type: 'manual', url: 'https://example.invalid/keys' });
    const out = await rotate(target(p), { valueLater: true });
    assert.equal(out.code, 'needs-value');
    assert.equal(out.next, 'provide-value');
    assert.equal(out.url, 'https://example.invalid/keys');
    assert.ok(!existsSync(ledgerPath()));
  });
});
