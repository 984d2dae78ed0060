import assert from 'node:assert/strict';
import { computeEnforcementPlan, type EnforcementInput, type Sighting } from '../../../core/enforce';
import type { LedgerEntry, Outcome, RotationStep } from '../../../core/ledger/types';
import type { Policy } from '../../../core/policy';

const policy: Policy = {
  version: 1,
  stores: { kc: { type: 'keychain', service: 'rg' }, dotenv: { type: 'env-file', path: '.env' } },
  providers: { random: { type: 'generate', length: 32 }, console: { type: 'manual', url: 'https://example.invalid/keys' } },
  secrets: [
    {
      id: 'api',
      kind: 'api-key',
      owner: 'machine',
      maxAge: '30d',
      stores: ['kc', 'dotenv'],
      rotation: { provider: 'random' },
      triggers: [
        { on: 'exposed-in-file', action: 'rotate-now' },
        { on: 'exposed-in-git-history', action: 'rotate-now' },
        { on: 'revoked-value-seen', action: 'notify' },
        { on: 'anomaly', action: 'rotate-now' },
      ],
    },
    { id: 'vendor', kind: 'api-key', owner: 'machine', maxAge: '30d', stores: ['kc'], rotation: { provider: 'console' }, triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }] },
    { id: 'human', kind: 'password', owner: 'human', stores: ['kc'] },
  ],
} as Policy;

let seq = 0;
function entry(secretId: string, step: RotationStep, at: string, extra: Partial<LedgerEntry> = {}, outcome: Outcome = 'ok'): LedgerEntry {
  seq++;
  return { v: 1, seq, at, who: 'test', secretId, step, outcome, prev: 'x', hash: `h${seq}`, ...extra };
}
/** A finished rotation from `oldFp` to `newFp`. */
function rotation(secretId: string, at: string, oldFp: string | undefined, newFp: string, rotationId = `r${seq}`): LedgerEntry[] {
  return [entry(secretId, 'begin', at, { rotationId, oldFingerprint: oldFp }), entry(secretId, 'promote', at, { rotationId, newFingerprint: newFp }), entry(secretId, 'finish', at, { rotationId, newFingerprint: newFp })];
}
const NOW = new Date('2026-12-01T00:00:00Z');
const fresh = [...rotation('api', '2026-11-25T00:00:00Z', 'hk1:v0', 'hk1:v1'), ...rotation('vendor', '2026-11-25T00:00:00Z', undefined, 'hk1:w1')];
function input(over: Partial<EnforcementInput> = {}): EnforcementInput {
  return {
    policy,
    entries: fresh,
    storeFingerprints: new Map([['api', { fingerprint: 'hk1:v1' }], ['vendor', { fingerprint: 'hk1:w1' }], ['human', { fingerprint: 'hk1:h' }]]),
    sightings: [],
    storeFiles: new Map([['api', ['.env']]]),
    now: NOW,
    ...over,
  };
}
const of = (plan: ReturnType<typeof computeEnforcementPlan>, id: string) => plan.secrets.find((s) => s.secretId === id)!;
const history = (fp: string, commit: string, authorDate: string, file = 'prompts/system.txt', line = 2): Sighting => ({ secretId: 'api', fingerprint: fp, source: 'git-history', file, line, commit, authorDate });

describe('trigger engine (computeEnforcementPlan)', () => {
  it('nothing to do: compliant', () => {
    const p = computeEnforcementPlan(input());
    assert.equal(p.compliant, true);
    assert.deepEqual(p.secrets.map((s) => s.action), ['none', 'none', 'none']);
  });

  it('the current value in git history fires the exposed-in-git-history trigger with commit, file and line', () => {
    const p = computeEnforcementPlan(input({ sightings: [history('hk1:v1', 'abc123', '2026-11-28T00:00:00Z')] }));
    const api = of(p, 'api');
    assert.equal(api.action, 'rotate');
    assert.equal(api.reason, 'trigger exposed-in-git-history commit abc123 prompts/system.txt:2');
    assert.deepEqual(api.recordCompromise, { fingerprint: 'hk1:v1', reason: api.reason });
    assert.equal(p.compliant, false);
  });

  it("a store's own file is where the value belongs; any other file is an exposure", () => {
    const own = computeEnforcementPlan(input({ sightings: [{ secretId: 'api', fingerprint: 'hk1:v1', source: 'file', file: '.env', line: 1 }] }));
    assert.equal(of(own, 'api').action, 'none');
    const elsewhere = computeEnforcementPlan(input({ sightings: [{ secretId: 'api', fingerprint: 'hk1:v1', source: 'file', file: 'prompts/system.txt', line: 3 }] }));
    assert.equal(of(elsewhere, 'api').reason, 'trigger exposed-in-file prompts/system.txt:3');
  });

  it('idempotent: once a rotation retired the exposed value, the same history is an answered revoked-value-seen, not a new exposure', () => {
    const sighting = history('hk1:v1', 'abc123', '2026-11-28T00:00:00Z');
    const after = [...fresh, entry('api', 'mark-compromised', '2026-11-30T00:00:00Z', { event: 'exposed-in-git-history', oldFingerprint: 'hk1:v1' }), ...rotation('api', '2026-11-30T00:01:00Z', 'hk1:v1', 'hk1:v2')];
    const p = computeEnforcementPlan(input({ entries: after, storeFingerprints: new Map([['api', { fingerprint: 'hk1:v2' }]]), sightings: [sighting], only: ['api'] }));
    const api = of(p, 'api');
    assert.equal(api.action, 'none');
    assert.equal(api.events.length, 1);
    assert.equal(api.events[0]!.kind, 'revoked-value-seen');
    assert.match(api.events[0]!.answered ?? '', /retired this value after the commit/);
    assert.equal(p.compliant, true);
  });

  it('a retired value in a workspace file, or in a commit made after it was retired, fires revoked-value-seen (notify here)', () => {
    const inFile = computeEnforcementPlan(input({ sightings: [{ secretId: 'api', fingerprint: 'hk1:v0', source: 'file', file: 'app.py', line: 9 }], only: ['api'] }));
    assert.equal(of(inFile, 'api').action, 'notify');
    assert.equal(of(inFile, 'api').reason, 'trigger revoked-value-seen app.py:9');
    const later = computeEnforcementPlan(input({ sightings: [history('hk1:v0', 'def456', '2026-11-29T00:00:00Z')], only: ['api'] }));
    assert.equal(of(later, 'api').action, 'notify');
  });

  it('an exposure recorded earlier keeps firing after the file is cleaned, and is recorded only once', () => {
    const marked = [...fresh, entry('api', 'mark-compromised', '2026-11-30T00:00:00Z', { event: 'exposed-in-file', oldFingerprint: 'hk1:v1', detail: 'trigger exposed-in-file a.txt:1' })];
    const clean = computeEnforcementPlan(input({ entries: marked, only: ['api'] }));
    assert.equal(of(clean, 'api').action, 'rotate');
    assert.match(of(clean, 'api').reason, /^trigger exposed-in-file recorded 2026-11-30/);
    const stillThere = computeEnforcementPlan(input({ entries: marked, sightings: [{ secretId: 'api', fingerprint: 'hk1:v1', source: 'file', file: 'a.txt', line: 1 }], only: ['api'] }));
    assert.equal(of(stillThere, 'api').recordCompromise, undefined, 'already recorded');
  });

  it('an event raised by a sighting says where it was seen; an exposure recorded earlier does not (the editor acts only on its own sighting)', () => {
    const marked = [...fresh, entry('api', 'mark-compromised', '2026-11-30T00:00:00Z', { event: 'exposed-in-file', oldFingerprint: 'hk1:v1', detail: 'trigger exposed-in-file a.txt:1' })];
    // the value in the secret's own store file, with an older exposure on record: the only
    // exposure event is the recorded one, and it names no place
    const own = of(computeEnforcementPlan(input({ entries: marked, sightings: [{ secretId: 'api', fingerprint: 'hk1:v1', source: 'file', file: '.env', line: 1 }], only: ['api'] })), 'api');
    assert.deepEqual(own.events.filter((e) => e.kind === 'exposed-in-file').map((e) => e.seenAt), [undefined]);
    const cache = of(computeEnforcementPlan(input({ sightings: [{ secretId: 'api', fingerprint: 'hk1:v1', source: 'file', file: 'cache/r.db', line: 0, byteOffset: 29 }], only: ['api'] })), 'api');
    assert.deepEqual(cache.events.map((e) => e.seenAt), [{ source: 'file', file: 'cache/r.db', line: 0, byteOffset: 29 }]);
    assert.equal(cache.reason, 'trigger exposed-in-file cache/r.db (binary) at byte 29');
  });

  it('an anomaly (report-anomaly, or a legacy mark-compromised) runs the anomaly trigger until a rotation finishes', () => {
    const reported = [...fresh, entry('api', 'mark-compromised', '2026-11-30T00:00:00Z', { event: 'anomaly', detail: 'usage spike from an unknown ASN' })];
    const p = computeEnforcementPlan(input({ entries: reported, only: ['api'] }));
    assert.equal(of(p, 'api').action, 'rotate');
    assert.match(of(p, 'api').reason, /^trigger anomaly reported 2026-11-30T00:00:00Z by test: usage spike/);
    const answered = computeEnforcementPlan(input({ entries: [...reported, ...rotation('api', '2026-11-30T01:00:00Z', 'hk1:v1', 'hk1:v2')], storeFingerprints: new Map([['api', { fingerprint: 'hk1:v2' }]]), only: ['api'] }));
    assert.equal(of(answered, 'api').action, 'none');
  });

  it('due by age: rotate with "due: overdue by Nd"; a manual provider needs a person; a human password without interval is never due', () => {
    const p = computeEnforcementPlan(input({ now: new Date('2027-03-05T00:00:00Z') }));
    assert.equal(of(p, 'api').action, 'rotate');
    assert.equal(of(p, 'api').reason, 'due: overdue by 70d');
    assert.equal(of(p, 'vendor').action, 'needs-person');
    assert.match(of(p, 'vendor').instructions!, /manual.*rotate vendor --value-stdin.*example\.invalid/);
    assert.equal(of(p, 'human').action, 'none');
  });

  it('an event without a trigger in the policy defaults to notify and says so', () => {
    const p = computeEnforcementPlan(input({ sightings: [{ secretId: 'vendor', fingerprint: 'hk1:w1', source: 'git-history', file: 'x', line: 1, commit: 'c', authorDate: '2026-11-26T00:00:00Z' }], only: ['vendor'] }));
    const v = of(p, 'vendor');
    assert.equal(v.action, 'notify');
    assert.equal(v.events[0]!.defaulted, true);
  });

  it('an interrupted rotation is resumed first; one waiting out its grace period is left alone', () => {
    const open = [...fresh, entry('api', 'begin', '2026-11-30T00:00:00Z', { rotationId: 'open1', oldFingerprint: 'hk1:v1' }), entry('api', 'create', '2026-11-30T00:00:01Z', { rotationId: 'open1', newFingerprint: 'hk1:v2' })];
    const p = computeEnforcementPlan(input({ entries: open, only: ['api'] }));
    assert.equal(of(p, 'api').action, 'resume');
    assert.match(of(p, 'api').reason, /resume: rotation open1 interrupted after create ok/);
    const graced: Policy = { ...policy, secrets: [{ ...policy.secrets[0]!, gracePeriod: '2d' }] } as Policy;
    const promoted = [...open, entry('api', 'promote', '2026-11-30T12:00:00Z', { rotationId: 'open1' })];
    assert.equal(of(computeEnforcementPlan(input({ policy: graced, entries: promoted })), 'api').action, 'none');
    assert.equal(of(computeEnforcementPlan(input({ policy: graced, entries: promoted, now: new Date('2026-12-03T00:00:00Z') })), 'api').action, 'resume');
  });

  it('a store that cannot be read blocks that secret (and says why) without hiding the others', () => {
    const p = computeEnforcementPlan(input({ storeFingerprints: new Map([['api', { error: 'the keyring is locked; unlock it', code: 'store/keyring-locked' }], ['vendor', { fingerprint: 'hk1:w1' }]]) }));
    assert.equal(of(p, 'api').action, 'blocked');
    assert.match(of(p, 'api').reason, /keyring is locked/);
    assert.equal(of(p, 'vendor').action, 'none');
  });

  it('is pure: the same facts give the same plan, and --only limits it', () => {
    const i = input({ sightings: [history('hk1:v1', 'abc', '2026-11-28T00:00:00Z')] });
    assert.deepEqual(computeEnforcementPlan(i), computeEnforcementPlan(i));
    assert.deepEqual(computeEnforcementPlan({ ...i, only: ['vendor'] }).secrets.map((s) => s.secretId), ['vendor']);
  });
});
