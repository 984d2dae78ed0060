import assert from 'node:assert/strict';
import { computeSecretStates, type Policy } from '../../../core/policy';
import type { LedgerEntry, RotationStep, Outcome } from '../../../core/ledger/types';

const base: Policy = {
  version: 1,
  stores: { kc: { type: 'keychain', service: 'rg' } },
  secrets: [{ id: 'api', kind: 'api-key', owner: 'machine', maxAge: '30d', notifyBefore: '7d', stores: ['kc'] }],
};
let seq = 0;
function entry(step: RotationStep, at: string, outcome: Outcome = 'ok', secretId = 'api'): LedgerEntry {
  seq++;
  return { v: 1, seq, at, who: 'test', secretId, step, outcome, prev: 'x', hash: `h${seq}` };
}
const state = (policy: Policy, entries: LedgerEntry[], now: string) => computeSecretStates(policy, entries, new Date(now))[0]!;

describe('computeSecretStates', () => {
  it('never-rotated without a finished rotation or a seed date', () => {
    const s = state(base, [entry('begin', '2026-11-01T00:00:00Z', 'started'), entry('create', '2026-11-01T00:00:01Z')], '2026-11-20T00:00:00Z');
    assert.deepEqual([s.state, s.lastRotated, s.dueAt, s.ageDays, s.maxAgeDays], ['never-rotated', null, null, null, 30]);
  });

  it('ok after a finish step with outcome ok; a failed finish does not count', () => {
    const entries = [entry('finish', '2026-11-01T00:00:00Z'), entry('finish', '2026-11-10T00:00:00Z', 'failed')];
    const s = state(base, entries, '2026-11-11T00:00:00Z');
    assert.equal(s.state, 'ok');
    assert.equal(s.lastRotated, '2026-11-01T00:00:00.000Z');
    assert.equal(s.dueAt, '2026-12-01T00:00:00.000Z');
    assert.equal(s.ageDays, 10);
  });

  it('due-soon inside notifyBefore, overdue after the due date', () => {
    const entries = [entry('finish', '2026-11-01T00:00:00Z')];
    assert.equal(state(base, entries, '2026-11-23T23:59:59Z').state, 'ok');
    assert.equal(state(base, entries, '2026-11-24T00:00:00Z').state, 'due-soon');
    assert.equal(state(base, entries, '2026-12-01T00:00:00Z').state, 'due-soon');
    assert.equal(state(base, entries, '2026-12-01T00:00:01Z').state, 'overdue');
  });

  it('rotationWindow extends the time before overdue', () => {
    const p: Policy = { ...base, secrets: [{ ...base.secrets[0]!, rotationWindow: '2h' }] };
    const entries = [entry('finish', '2026-11-01T00:00:00Z')];
    assert.equal(state(p, entries, '2026-12-01T01:59:00Z').state, 'due-soon');
    assert.equal(state(p, entries, '2026-12-01T02:00:01Z').state, 'overdue');
  });

  it('compromised after mark-compromised until the next finished rotation', () => {
    const e1 = [entry('finish', '2026-11-01T00:00:00Z'), entry('mark-compromised', '2026-11-05T00:00:00Z')];
    const s = state(base, e1, '2026-11-06T00:00:00Z');
    assert.equal(s.state, 'compromised');
    assert.equal(s.compromisedAt, '2026-11-05T00:00:00.000Z');
    assert.equal(state(base, [...e1, entry('finish', '2026-11-05T01:00:00Z')], '2026-11-06T00:00:00Z').state, 'ok');
    assert.equal(state(base, [...e1, entry('mark-compromised', '2026-11-05T02:00:00Z', 'failed')].slice(0, 1), '2026-11-06T00:00:00Z').state, 'ok');
  });

  it('a never-rotated secret can be compromised', () => {
    assert.equal(state(base, [entry('mark-compromised', '2026-11-05T00:00:00Z')], '2026-11-06T00:00:00Z').state, 'compromised');
  });

  it('seeds the age from lastRotated / createdAt; a later ledger rotation wins', () => {
    const seeded: Policy = { ...base, secrets: [{ ...base.secrets[0]!, createdAt: '2026-09-01' }] };
    const s = state(seeded, [], '2026-11-20T00:00:00Z');
    assert.deepEqual([s.state, s.lastRotated, s.dueAt], ['overdue', '2026-09-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z']);
    assert.equal(state(seeded, [entry('finish', '2026-11-15T00:00:00Z')], '2026-11-20T00:00:00Z').state, 'ok');
  });

  it('uses the next cron run after the last rotation for scheduled secrets', () => {
    const p: Policy = { ...base, secrets: [{ id: 'api', kind: 'api-key', owner: 'machine', schedule: '0 3 * * 1', stores: ['kc'] }] };
    // 2026-11-02 is a Monday.
    const s = state(p, [entry('finish', '2026-11-02T04:00:00Z')], '2026-11-05T00:00:00Z');
    assert.equal(s.dueAt, '2026-11-09T03:00:00.000Z');
    assert.equal(s.maxAgeDays, 7);
    assert.equal(s.state, 'ok');
    assert.equal(state(p, [entry('finish', '2026-11-02T04:00:00Z')], '2026-11-08T00:00:00Z').state, 'due-soon');
  });

  it('a human secret without interval is ok once it has a date, and never due', () => {
    const p: Policy = { ...base, secrets: [{ id: 'pw', kind: 'password', owner: 'human', createdAt: '2020-01-01', stores: ['kc'] }] };
    const s = state(p, [], '2026-11-20T00:00:00Z');
    assert.deepEqual([s.state, s.dueAt, s.maxAgeDays], ['ok', null, null]);
  });

  it('ignores entries of other secrets and unparsable timestamps', () => {
    const s = state(base, [entry('finish', '2026-11-01T00:00:00Z', 'ok', 'other'), entry('finish', 'yesterday')], '2026-11-20T00:00:00Z');
    assert.equal(s.state, 'never-rotated');
  });
});
