import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy, isPolicyFile, policyCodeLenses, policyCompletions, policyHover } from '../../../core/policy';
import { caretOffset } from './markers';

const Y = '/ws/rotation-policy.yaml';
const J = '/ws/rotation-policy.json';
const example = readFileSync(join(__dirname, '../../../../test/fixtures/policy/valid/rotation-policy.yaml'), 'utf8');

function hover(marked: string, path = Y): string | null {
  const { text, offset } = caretOffset(marked);
  return policyHover(text, path, offset);
}
function complete(marked: string, path = Y): string[] {
  const { text, offset } = caretOffset(marked);
  return policyCompletions(text, path, offset).map((c) => c.label);
}
/** The example with a caret inserted after the first occurrence of `after`. */
function inExample(after: string, insert = '', suffix = ''): string {
  const i = example.indexOf(after);
  assert.ok(i >= 0, after);
  return `${example.slice(0, i + after.length)}${insert}|${suffix}${example.slice(i + after.length)}`;
}

describe('policy hover (from the zod descriptions)', () => {
  it('documents a secret field at its key and at its value', () => {
    const atKey = hover(inExample('    maxA'));
    assert.match(atKey ?? '', /^\*\*maxAge\*\* — string/);
    assert.match(atKey ?? '', /AWS AutomaticallyAfterDays/);
    assert.match(atKey ?? '', /Examples: `"30d"`/);
    assert.equal(hover(inExample('    maxAge: 3')), atKey);
  });

  it('follows the store type to the right variant', () => {
    assert.match(hover(inExample('    serv')) ?? '', /Keychain service name/);
    assert.match(hover(inExample('  dotenv:\n    type: env-file\n    pa')) ?? '', /Path of the env file, relative to the policy file/);
  });

  it('documents threat-model enums and nested verification fields', () => {
    assert.match(hover(inExample('    exposure: inter')) ?? '', /`internet` \| `partner` \| `internal` \| `local`/);
    assert.match(hover(inExample('      head')) ?? '', /`\{\{value\}\}` is replaced by the credential under test/);
    assert.match(hover(inExample('      - on: exposed')) ?? '', /`exposed-in-git-history`: found in a commit/);
  });

  it('documents top-level keys and returns null on comments and unknown keys', () => {
    assert.match(hover(inExample('\nsecr')) ?? '', /The secrets under rotation/);
    assert.equal(hover('# a comm|ent\nversion: 1\n'), null);
    assert.equal(hover('colo|ur: red\n'), null);
  });

  it('shows the bound a referenced threat model puts on the interval', () => {
    assert.match(hover(inExample('    threatModel: internet')) ?? '', /Threat model `internet-llm` allows at most \*\*30d\*\* \(maxInterval 30d\)/);
    assert.match(hover(inExample('    threatModel: internal')) ?? '', /allows at most \*\*273d\*\* \(internal exposure 365d, confidential data ×¾ = 273d\)/);
  });

  it('works in JSON', () => {
    assert.match(hover('{"version": 1, "secrets": [{"id": "a", "max|Age": "30d"}]}', J) ?? '', /\*\*maxAge\*\*/);
    assert.match(hover('{"stores": {"kc": {"type": "pass", "pa|th": "x"}}}', J) ?? '', /Entry path inside the password store/);
  });
});

describe('policy completion', () => {
  it('offers the keys a secret may still take on a new line', () => {
    const labels = complete(inExample('    kind: api-key\n', '    ', '\n'));
    for (const k of ['rotationWindow', 'expiresAfter', 'createdAt', 'schedule']) assert.ok(labels.includes(k), k);
    for (const k of ['id', 'kind', 'owner', 'maxAge', 'gracePeriod', 'stores', 'exportTo']) assert.ok(!labels.includes(k), `offered existing ${k}`);
  });

  it('offers all secret keys after a new list dash', () => {
    const labels = complete('version: 1\nstores: {}\nsecrets:\n  - id: a\n    kind: token\n  - |\n');
    assert.ok(labels.includes('id') && labels.includes('kind') && labels.includes('triggers'));
  });

  it('offers only the fields of the store type in use', () => {
    const labels = complete('version: 1\nstores:\n  kc:\n    type: keychain\n    |\nsecrets: []\n');
    assert.deepEqual(labels.sort(), ['account', 'service']);
  });

  it('offers enum values, variant names and booleans at a value', () => {
    assert.deepEqual(complete(inExample('    kind: api-key', '\n    owner: ')).sort(), ['human', 'machine']);
    assert.deepEqual(complete('stores:\n  x:\n    type: |\n').sort(), ['aws-secrets-manager', 'env-file', 'keychain', 'pass', 'pass-team', 'secret-storage']);
    assert.deepEqual(complete('threatModels:\n  t:\n    modelInLoop: |\n'), ['true', 'false']);
    assert.deepEqual(complete('secrets:\n  - id: a\n    triggers:\n      - on: anomaly\n        action: |\n').sort(), ['notify', 'rotate-now']);
  });

  it('offers names defined elsewhere in the policy for references', () => {
    assert.deepEqual(complete(inExample('    rotation:\n      provider: ', '')).sort(), ['local-pg', 'openai-console', 'random']);
    assert.deepEqual(complete(inExample('    threatModel: ', '')).sort(), ['internal-db', 'internet-llm']);
    assert.deepEqual(complete('stores:\n  kc: {type: keychain, service: s}\n  p: {type: pass, path: x}\nsecrets:\n  - id: a\n    stores:\n      - |\n').sort(), ['kc', 'p']);
  });

  it('offers top-level keys at column 0', () => {
    assert.deepEqual(complete('version: 1\n|\nsecrets: []\n').sort(), ['ledger', 'providers', 'stores', 'threatModels']);
  });

  it('works in JSON at keys and values', () => {
    assert.ok(complete('{"version": 1, "secrets": [{"id": "a", "|"}]}', J).includes('maxAge'));
    assert.deepEqual(complete('{"secrets": [{"kind": "|"}]}', J).sort(), ['api-key', 'connection-string', 'password', 'private-key', 'token']);
  });

  it('gives details and docs, and YAML insert text', () => {
    const { text, offset } = caretOffset('version: 1\nstores: {}\nsecrets:\n  - id: a\n    |\n');
    const item = policyCompletions(text, Y, offset).find((c) => c.label === 'kind')!;
    assert.equal(item.kind, 'property');
    assert.equal(item.insertText, 'kind: ');
    const byLabel = (l: string) => policyCompletions(text, Y, offset).find((c) => c.label === l)?.insertText;
    assert.equal(byLabel('triggers'), 'triggers:\n  - ');
    assert.equal(byLabel('rotation'), 'rotation:\n  ');
    assert.equal(byLabel('verification'), 'verification:\n  ');
    assert.equal(byLabel('createdAt'), 'createdAt: ');
    assert.match(item.detail ?? '', /^required · `api-key`/);
    assert.match(item.documentation ?? '', /NIST SP 800-57/);
  });
});

describe('policy code lenses and file names', () => {
  it('say how old each secret is and when it is due', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const analysis = analyzePolicy(example, { path: Y, now });
    const lenses = policyCodeLenses(analysis, now);
    assert.deepEqual(lenses.map((l) => l.title), [
      'rotated 18 days ago · due in 11 days',
      'rotated 50 days ago · overdue by 45 days',
      'never rotated',
      'rotated 172 days ago · rotates on compromise only',
    ]);
    const idLine = example.split('\n').findIndex((l) => l.includes('- id: openai-prod'));
    assert.deepEqual(lenses[0]!.range, { start: { line: idLine, character: 8 }, end: { line: idLine, character: 19 } });
  });

  it('recognise policy file names', () => {
    for (const p of ['rotation-policy.yaml', 'a/rotation-policy.yml', 'C:\\x\\rotation-policy.json', 'prod.rotation.yaml', 'x.rotation.json']) assert.ok(isPolicyFile(p), p);
    for (const p of ['policy.yaml', 'rotation.yaml', 'rotation-policy.toml', 'x.rotation.yaml.bak', 'rotation-policy.yaml/x']) assert.ok(!isPolicyFile(p), p);
  });
});
