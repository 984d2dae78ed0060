import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Policy } from '../../../core/policy';
import { childSecretIds, rotate, type RotateTarget } from '../../../core/rotation';
import { FaultyMemoryStore } from '../../helpers/faulty-store';
import { memoryTarget } from '../../helpers/rotation-target';
import { projectPerTest } from '../../helpers/temp-project';


describe('finishPendingRotation / rotateAfterPending (mock in-memory stores)', () => {
  let dir: string;
  let policyPath: string;
  let primary: FaultyMemoryStore;
  const policy = (secret: Record<string, unknown>): Policy =>
    ({ version: 1, stores: { a: { type: 'memory-a' } }, providers: { random: { type: 'generate', length: 24 } }, secrets: [{ id: 's', kind: 'token', owner: 'machine', maxAge: '30d', stores: ['a'], rotation: { provider: 'random' }, ...secret }] }) as unknown as Policy;
  const opts = (p: Policy, extra: Partial<RotateTarget> = {}) => memoryTarget(p, policyPath, { 'memory-a': primary }, extra);
  const steps = () => readFileSync(join(dir, '.rotation/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string; rotationId: string });

  const tmp = projectPerTest('rg-pending-', { policy: 'policy text' });
  beforeEach(() => {
    ({ dir } = tmp.project);
    policyPath = tmp.project.path('rotation-policy.yaml');
    primary = new FaultyMemoryStore();
    primary.values.set('s/current', 'old-value-0123456789');
  });

  it('nothing open: none, and the ledger is untouched', async () => {
    const r = await rotate(opts(policy({}), { mode: 'finish-pending' }));
    assert.equal(r.code, 'nothing-pending');
  });

  it('grace running: reports when it may go and changes nothing; after it expired: revokes and finishes', async () => {
    const p = policy({ gracePeriod: '1h' });
    const t0 = new Date('2026-05-01T00:00:00Z');
    assert.equal((await rotate(opts(p, { now: () => t0 }))).code, 'awaiting-revoke');
    const before = steps().length;
    const early = await rotate(opts(p, { mode: 'finish-pending', now: () => new Date('2026-05-01T00:20:00Z') }));
    assert.equal(early.code, 'grace-running');
    assert.equal(early.revokeDueAt, '2026-05-01T01:00:00.000Z');
    assert.equal(steps().length, before, 'nothing written while the grace period runs');
    const refused = await rotate(opts(p, { now: () => new Date('2026-05-01T00:20:00Z') }));
    assert.ok(refused.code === 'grace-running' && refused.next === 'wait' && /2026-05-01T01:00:00.000Z/.test(refused.message), refused.message);
    assert.equal(steps().length, before, 'a rotation asked for while the grace period runs writes nothing');
    const late = await rotate(opts(p, { now: () => new Date('2026-05-01T02:00:00Z') }));
    assert.equal(late.code, 'awaiting-revoke', 'the next rotation started after the first was finished');
    const finished = steps().filter((e) => e.step === 'finish' && e.outcome === 'ok');
    assert.equal(finished.length, 1);
    assert.notEqual(finished[0]!.rotationId, late.result!.rotationId);
  });

  it('an interrupted rotation is continued by the next rotateAfterPending (which counts as the rotation asked for); a live lock holder means busy', async () => {
    const p = policy({});
    primary.failSetCurrent = true; // promote fails: the rotation stays open, new value in PENDING
    assert.equal((await rotate(opts(p))).code, 'failed');
    primary.failSetCurrent = false;
    // Another live process holding the secret's rotation lock: not interrupted, leave it alone.
    const lock = join(dir, '.rotation', 'rotating-s.lock');
    writeFileSync(lock, `${process.pid} ${hostname()} token\n`);
    const before = steps().length;
    assert.equal((await rotate(opts(p, { mode: 'finish-pending' }))).code, 'busy');
    assert.equal(steps().length, before);
    // Its owner died (a dead pid's lock is taken over): continue it.
    writeFileSync(lock, `999999999 ${hostname()} token\n`);
    const r = await rotate(opts(p));
    assert.equal(r.code, 'rotated', r.message);
    assert.match(r.message, /finished interrupted rotation/);
    assert.equal(steps().filter((e) => e.step === 'begin').length, 1, 'no second rotation was started');
  });

  it('run hands a child only what the policy says it uses, never an admin connection unless --only names it', () => {
    const p = {
      version: 1,
      stores: {},
      providers: { pg: { type: 'postgres', adminConnection: 'pg-admin' } },
      secrets: [
        { id: 'app', references: { env: ['DATABASE_PASSWORD'] }, rotation: { provider: 'pg' } },
        { id: 'pg-admin', references: { env: ['PG_ADMIN_URL'] } },
        { id: 'unused' },
      ],
    } as unknown as Policy;
    assert.deepEqual(childSecretIds(p), ['app']);
    assert.deepEqual(childSecretIds(p, ['pg-admin']), ['pg-admin']);
    assert.throws(() => childSecretIds(p, ['nope']), /no secret "nope"/);
  });
});
