import assert from 'node:assert/strict';
import { analyzePolicy, type PolicyProblem } from '../../../core/policy';
import { fmt, stripMarkers } from './markers';

const now = new Date('2026-11-20T00:00:00Z');

function problems(marked: string, path = '/ws/rotation-policy.yaml', code?: string): { got: string[]; want: string[]; all: PolicyProblem[] } {
  const { text, ranges } = stripMarkers(marked);
  const all = analyzePolicy(text, { path, now }).problems.filter((p) => !p.code.startsWith('stale/'));
  const got = all.filter((p) => !code || p.code === code).map((p) => fmt(p.range)).sort();
  return { got, want: ranges.map(fmt).sort(), all };
}

const yamlHead = `version: 1
stores:
  kc:
    type: keychain
    service: rg
secrets:
`;

describe('policy schema problems are underlined exactly (YAML)', () => {
  it('a wrong enum value at the value', () => {
    const r = problems(`${yamlHead}  - id: a\n    kind: ⟦apikey⟧\n    owner: machine\n    maxAge: 30d\n    stores: [kc]\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
    assert.match(r.all[0]!.message, /expected one of "api-key", "password"/);
  });

  it('an unknown key at the key', () => {
    const r = problems(`${yamlHead}  - id: a\n    kind: api-key\n    owner: machine\n    maxAge: 30d\n    ⟦colour⟧: red\n    stores: [kc]\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
    assert.match(r.all[0]!.message, /Unknown key 'colour'/);
  });

  it("a missing key at its parent's key", () => {
    const marked = `version: 1\nstores:\n  ⟦kc⟧:\n    type: keychain\nsecrets: []\n`;
    const r = problems(marked, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
    assert.match(r.all[0]!.message, /Missing required key 'service' in 'stores.kc'/);
  });

  it('a missing key of a list item at the item\'s first key', () => {
    const r = problems(`${yamlHead}  - ⟦id⟧: a\n    kind: api-key\n    maxAge: 30d\n    stores: [kc]\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
    assert.match(r.all[0]!.message, /'owner'/);
  });

  it('a missing top-level key at the first key of the document', () => {
    const r = problems(`⟦stores⟧: {}\nsecrets: []\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
  });

  it('an unknown store type at the type value, a missing type at the store key', () => {
    const r = problems(`version: 1\nstores:\n  a:\n    type: ⟦vault-kv⟧\n  ⟦b⟧:\n    service: x\nsecrets: []\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
  });

  it('a wrong type and a bad duration at the value', () => {
    const r = problems(`${yamlHead}  - id: a\n    kind: api-key\n    owner: machine\n    maxAge: ⟦30⟧\n    gracePeriod: ⟦"soon"⟧\n    stores: [kc]\n`, undefined, 'policy/schema');
    assert.deepEqual(r.got, r.want);
  });

  it('a YAML syntax error at the offending token', () => {
    const r = problems(`version: 1\nstores: ⟦x⟧: y\nsecrets: []\n`, undefined, 'policy/yaml-syntax');
    assert.deepEqual(r.got, r.want);
    assert.match(r.all[0]!.message, /^YAML: Nested mappings are not allowed/);
  });
});

describe('policy schema problems are underlined exactly (JSON)', () => {
  const head = `{\n  "version": 1,\n  "stores": { "kc": { "type": "keychain", "service": "rg" } },\n  "secrets": [\n`;
  it('a wrong enum value at the value and an unknown key at the key', () => {
    const r = problems(`${head}    { "id": "a", "kind": ⟦"apikey"⟧, "owner": "machine", "maxAge": "30d", "stores": ["kc"], ⟦"colour"⟧: 1 }\n  ]\n}\n`, '/ws/x.rotation.json', 'policy/schema');
    assert.deepEqual(r.got, r.want);
  });
  it("a missing key at its parent's key", () => {
    const r = problems(`{\n  "version": 1,\n  "stores": { ⟦"kc"⟧: { "type": "keychain" } },\n  "secrets": []\n}\n`, '/ws/rotation-policy.json', 'policy/schema');
    assert.deepEqual(r.got, r.want);
  });
  it('a JSON syntax error where it is', () => {
    const r = problems(`{\n  "version": 1,\n  "stores": {} ⟦"secrets"⟧: []\n}\n`, '/ws/rotation-policy.json', 'policy/json-syntax');
    assert.deepEqual(r.got, r.want);
  });
  it('the worked example converted to JSON has no problems', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { join } = await import('node:path');
    const value = parse(readFileSync(join(__dirname, '../../../../test/fixtures/policy/valid/rotation-policy.yaml'), 'utf8')) as unknown;
    const r = analyzePolicy(JSON.stringify(value, null, 2), { path: '/ws/rotation-policy.json', now });
    assert.deepEqual(r.problems.filter((p) => !p.code.startsWith('stale/')), []);
    assert.equal(r.secrets.length, 4);
  });
});

describe('a policy with schema errors still reports what it can', () => {
  it('keeps state, lenses and standards checks of the valid secrets, at their own positions', () => {
    const { text, ranges } = stripMarkers(`version: 1
stores:
  kc: {type: keychain, service: s}
secrets:
  - id: broken
    kind: ⟦apikey⟧
    owner: machine
    maxAge: 30d
    stores: [kc]
  - id: ⟦old⟧
    kind: token
    owner: machine
    maxAge: 30d
    gracePeriod: ⟦30d⟧
    createdAt: "2026-01-01"
    stores: [kc]
    triggers: [{on: anomaly, action: rotate-now}]
`);
    const r = analyzePolicy(text, { path: '/ws/rotation-policy.yaml', now });
    assert.equal(r.policy, undefined, 'an invalid policy is never handed to the rotation engine');
    assert.deepEqual(r.secrets.map((s) => [s.id, s.state]), [['old', 'overdue']]);
    const byCode = (c: string) => r.problems.filter((p) => p.code === c).map((p) => fmt(p.range));
    assert.deepEqual(byCode('policy/schema'), [fmt(ranges[0]!)]);
    assert.deepEqual(byCode('stale/overdue'), [fmt(ranges[1]!)]);
    assert.deepEqual(byCode('policy/grace-not-less-than-interval'), [fmt(ranges[2]!)]);
  });
});
