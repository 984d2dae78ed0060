import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Policy } from '../../../core/policy';
import { pendingRotations, rotate, type RotateTarget } from '../../../core/rotation';
import { FaultyMemoryStore } from '../../helpers/faulty-store';
import { appendByHand } from '../../helpers/ledger';
import { memoryTarget } from '../../helpers/rotation-target';
import { projectPerTest } from '../../helpers/temp-project';


describe('a crafted ledger does not drive rotation (the engine acts on trusted entries only)', () => {
  let policyPath: string;
  let ledger: string;
  let primary: FaultyMemoryStore;
  const p = { version: 1, stores: { a: { type: 'memory-a' } }, providers: { random: { type: 'generate', length: 24 } }, secrets: [{ id: 's', kind: 'token', owner: 'machine', maxAge: '30d', stores: ['a'], rotation: { provider: 'random' } }] } as unknown as Policy;
  const opts = (extra: Partial<RotateTarget> = {}) => memoryTarget(p, policyPath, { 'memory-a': primary }, extra);

  const tmp = projectPerTest('rg-hostile-ledger-', { policy: 'policy text' });
  beforeEach(() => {
    policyPath = tmp.project.path('rotation-policy.yaml');
    ledger = join(tmp.project.dir, '.rotation', 'ledger.jsonl');
    primary = new FaultyMemoryStore();
    primary.values.set('s/current', 'old-value-0123456789');
  });

  it('a hand-appended "rotation started" line is not an open rotation: nothing to finish or resume, and the next rotation starts its own', async () => {
    assert.equal((await rotate(opts())).code, 'rotated', 'a real, signed history first');
    // Chained onto the last entry (seq, prev, hash all right), but signed by no writer.
    appendByHand(ledger, { secretId: 's', rotationId: 'forged', step: 'begin', outcome: 'ok' });
    assert.deepEqual(pendingRotations(policyPath, p), [], 'no open rotation is listed');
    assert.equal((await rotate(opts({ mode: 'finish-pending' }))).code, 'nothing-pending');
    assert.equal((await rotate(opts({ mode: 'resume' }))).code, 'nothing-to-resume');
    assert.equal((await rotate(opts({ mode: 'dry-run' }))).result!.plan!.some((l) => /interrupted rotation/.test(l)), false, 'the dry run resumes nothing first');
    const next = await rotate(opts());
    assert.equal(next.code, 'rotated', next.message);
    assert.doesNotMatch(next.message, /interrupted rotation/);
    assert.notEqual(next.result!.rotationId, 'forged');
  });
});
