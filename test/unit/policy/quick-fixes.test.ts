import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy, policyQuickFixes, type PolicyTextEdit } from '../../../core/policy';
import { LineIndex } from '../../../core/policy/parse/text-position';
import { stripMarkers } from './markers';

const dir = join(__dirname, '../../../../test/fixtures/policy/checks');
const now = new Date('2026-11-20T00:00:00Z');
const Y = '/ws/rotation-policy.yaml';

function apply(text: string, edits: PolicyTextEdit[]): string {
  const idx = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => idx.offset(b.range.start) - idx.offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, idx.offset(e.range.start)) + e.newText + out.slice(idx.offset(e.range.end));
  return out;
}

/** Applies the preferred fix for the first problem with `code` and returns the codes left. */
function fixOnce(text: string, code: string, path = Y): { fixed: string; title: string; left: string[] } {
  const problems = analyzePolicy(text, { path, now }).problems.filter((p) => p.code === code);
  assert.ok(problems.length, `no ${code} to fix`);
  // The first problem with that code that has a fix (a missing key, say, has none).
  const fix = problems.map((p) => policyQuickFixes(text, path, p).find((f) => f.preferred)).find((f) => f);
  assert.ok(fix, `no preferred fix for ${code}`);
  const fixed = apply(text, fix.edits);
  return { fixed, title: fix.title, left: analyzePolicy(fixed, { path, now }).problems.filter((p) => p.severity !== 'info').map((p) => p.code) };
}

const fixture = (name: string) => stripMarkers(readFileSync(join(dir, `${name}.bad.yaml`), 'utf8')).text;

describe('policy quick fixes (applied, then re-checked)', () => {
  it('sets maxAge to the threat-model bound', () => {
    const text = fixture('interval-exceeds-threat-model').replace(/  - id: sched[\s\S]*$/, '');
    const r = fixOnce(text, 'policy/interval-exceeds-threat-model');
    assert.equal(r.title, "Set maxAge to 90d (the threat model's bound)");
    assert.deepEqual(r.left, []);
  });

  it('sets maxAge to the cryptoperiod', () => {
    const r = fixOnce(fixture('cryptoperiod-exceeded'), 'policy/cryptoperiod-exceeded');
    assert.match(r.fixed, /maxAge: 730d/);
    // The fixture has two offending secrets; one fix resolves one.
    assert.equal(r.left.filter((c) => c === 'policy/cryptoperiod-exceeded').length, 1);
  });

  it('shortens the grace period and lengthens the expiry', () => {
    const g = fixOnce(fixture('grace-not-less-than-interval'), 'policy/grace-not-less-than-interval');
    assert.match(g.fixed, /gracePeriod: 6h\n/);
    assert.deepEqual(g.left, []);
    const e = fixOnce(fixture('expiry-not-after-interval'), 'policy/expiry-not-after-interval');
    assert.match(e.fixed, /expiresAfter: 45d\n/);
    assert.deepEqual(e.left, []);
  });

  it('removes periodic rotation from a human password', () => {
    const r = fixOnce(fixture('human-password-periodic-rotation'), 'policy/human-password-periodic-rotation');
    assert.ok(!/maxAge/.test(r.fixed));
    assert.deepEqual(r.left, []);
  });

  it('adds compromise triggers and an interval at the right indentation', () => {
    const r = fixOnce(fixture('no-compromise-trigger'), 'policy/no-compromise-trigger');
    assert.match(r.fixed, /\n    triggers:\n      - on: exposed-in-file\n        action: rotate-now\n      - on: exposed-in-file\n        action: notify\n/);
    const r2 = fixOnce(r.fixed, 'policy/no-compromise-trigger');
    assert.match(r2.fixed, /  - id: bare\n    triggers:\n      - on: exposed-in-file\n        action: rotate-now\n      - on: exposed-in-git-history\n/);
    assert.deepEqual(r2.left, []);
    const m = fixOnce(fixture('machine-secret-without-interval'), 'policy/machine-secret-without-interval');
    assert.match(m.fixed, /  - id: api\n    maxAge: 90d\n/);
    assert.deepEqual(m.left, []);
  });

  it('suggests the nearest defined name or allowed value', () => {
    const text = fixture('unknown-store').replace('vault', 'kcc');
    assert.deepEqual(fixOnce(text, 'policy/unknown-store').left, []);
    const enumText = text.replace('stores: [kc, kcc]', 'stores: [kc]').replace('kind: api-key', 'kind: apikey');
    const r = fixOnce(enumText, 'policy/schema');
    assert.equal(r.title, "Change to 'api-key'");
    assert.deepEqual(r.left, []);
  });

  it('renames an unknown key to the nearest allowed one', () => {
    const text = fixture('unknown-store').replace('stores: [kc, vault]', 'stores: [kc]').replace('    maxAge: 30d', '    maxage: 30d');
    const r = fixOnce(text, 'policy/schema');
    assert.equal(r.title, "Rename to 'maxAge'");
    assert.deepEqual(r.left, []);
    const json = '{"version": 1, "stores": {"kc": {"type": "keychain", "servce": "s"}}, "secrets": []}';
    const j = fixOnce(json, 'policy/schema', '/ws/rotation-policy.json');
    assert.match(j.fixed, /"service": "s"/);
  });

  it('quotes replacement values in JSON', () => {
    const text = '{"version": 1, "stores": {"kc": {"type": "keychain", "service": "s"}}, "providers": {"g": {"type": "generate"}}, "secrets": [{"id": "a", "kind": "tokn", "owner": "machine", "maxAge": "30d", "stores": ["kc"], "rotation": {"provider": "g"}, "triggers": [{"on": "anomaly", "action": "rotate-now"}]}]}';
    const r = fixOnce(text, 'policy/schema', '/ws/rotation-policy.json');
    assert.match(r.fixed, /"kind": "token"/);
    assert.deepEqual(r.left, []);
  });

  it('offers nothing for problems it cannot fix safely', () => {
    const text = fixture('duplicate-id');
    const p = analyzePolicy(text, { path: Y, now }).problems.find((x) => x.code === 'policy/duplicate-id')!;
    assert.deepEqual(policyQuickFixes(text, Y, p), []);
  });
});
