import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { addSecretToPolicy, kindForRule, newPolicyText, secretIdFor } from '../../../core/actions';
import { parsePolicySource } from '../../../core/policy/parse/source';
import { validatePolicy } from '../../../core/policy/check/validate';
import type { Policy, StoreRef } from '../../../core/policy/model/schema';

const policyOf = (text: string, path: string): Policy => {
  const r = validatePolicy(parsePolicySource(text, path));
  assert.ok(r.policy, JSON.stringify(r.problems));
  return r.policy;
};

const EXISTING = `# Our policy: keep this comment
version: 1
stores:
  # the team keychain
  keychain:
    type: keychain
    service: rotation-guard
secrets:
  - id: openai-prod # the support bot
    kind: api-key
    owner: machine
    maxAge: 30d
    stores: [keychain]
    references:
      env: [OPENAI_API_KEY]
      files: ['prompts/**']
`;

describe('core/actions: adding a moved secret to a policy', () => {
  const envFile = { type: 'env-file', path: '.env.local' } as StoreRef;

  it('creates a valid policy from the template with the secret, its store, references and a compromise trigger', () => {
    const text = newPolicyText(false);
    const change = addSecretToPolicy(text, '/ws/rotation-policy.yaml', policyOf(text, '/ws/rotation-policy.yaml'), { store: envFile, storeName: 'dotenv', envVar: 'ANTHROPIC_API_KEY', ruleId: 'secret/anthropic-api-key', file: '/ws/prompts/a.prompty' }, true);
    const policy = policyOf(change.text, '/ws/rotation-policy.yaml');
    assert.equal(change.secretId, 'anthropic-api-key');
    assert.deepEqual(policy.stores.dotenv, envFile);
    const s = policy.secrets[0]!;
    assert.deepEqual([s.kind, s.owner, s.threatModel, s.stores, s.references, s.triggers], ['api-key', 'machine', 'llm-app', ['dotenv'], { env: ['ANTHROPIC_API_KEY'], files: ['prompts/a.prompty'] }, [{ on: 'exposed-in-file', action: 'rotate-now' }]]);
    assert.match(change.text, /^# Rotation policy, created by Rotation Guard/);
  });

  it('gives a moved provider key a manual provider that opens the key page of the provider table, reused by the next move', () => {
    const text = newPolicyText(false);
    const first = addSecretToPolicy(text, '/ws/rotation-policy.yaml', policyOf(text, '/ws/rotation-policy.yaml'), { store: envFile, storeName: 'dotenv', envVar: 'ANTHROPIC_API_KEY', ruleId: 'secret/anthropic-api-key', file: '/ws/a.prompty' }, true);
    const p1 = policyOf(first.text, '/ws/rotation-policy.yaml');
    const provider = p1.secrets[0]!.rotation?.provider;
    assert.ok(provider, 'the new secret has a rotation provider');
    assert.deepEqual(p1.providers?.[provider], { type: 'manual', url: 'https://console.anthropic.com/settings/keys' });
    const second = addSecretToPolicy(first.text, '/ws/rotation-policy.yaml', p1, { store: envFile, storeName: 'dotenv', envVar: 'CLAUDE_KEY_2', ruleId: 'secret/anthropic-api-key', file: '/ws/b.prompty' }, false);
    const p2 = policyOf(second.text, '/ws/rotation-policy.yaml');
    assert.equal(Object.keys(p2.providers ?? {}).length, 1, 'the same key page is one provider');
    assert.equal(p2.secrets[1]!.rotation?.provider, provider);
  });

  it('leaves a value of no known provider without a rotation provider (nothing to open)', () => {
    const text = newPolicyText(false);
    const change = addSecretToPolicy(text, '/ws/rotation-policy.yaml', policyOf(text, '/ws/rotation-policy.yaml'), { store: envFile, storeName: 'dotenv', envVar: 'DB_PASSWORD', ruleId: 'secret/hardcoded-password', file: '/ws/app.py' }, true);
    const policy = policyOf(change.text, '/ws/rotation-policy.yaml');
    assert.equal(policy.secrets[0]!.rotation, undefined);
    assert.equal(policy.providers, undefined);
  });

  it('adds a store to the secret that already carries the env var, keeping comments and the covered file glob', () => {
    const change = addSecretToPolicy(EXISTING, '/ws/rotation-policy.yaml', policyOf(EXISTING, '/ws/rotation-policy.yaml'), { store: envFile, storeName: 'dotenv', envVar: 'OPENAI_API_KEY', ruleId: 'secret/openai-api-key', file: '/ws/prompts/x.prompt' }, false);
    assert.equal(change.secretId, 'openai-prod');
    assert.equal(change.addedSecret, false);
    assert.match(change.text, /# Our policy: keep this comment/);
    assert.match(change.text, /# the team keychain/);
    assert.match(change.text, /- id: openai-prod # the support bot/);
    const policy = policyOf(change.text, '/ws/rotation-policy.yaml');
    const s = policy.secrets[0]!;
    assert.deepEqual(s.stores, ['keychain', 'dotenv']);
    assert.deepEqual(s.references?.files, ['prompts/**'], 'prompts/x.prompt is covered by the glob already');
    assert.deepEqual(s.triggers, [{ on: 'exposed-in-file', action: 'rotate-now' }]);
  });

  it('reuses a store with the same fields under its own name, and picks a free secret id', () => {
    const same = { type: 'keychain', service: 'rotation-guard' } as StoreRef;
    const change = addSecretToPolicy(EXISTING, '/ws/rotation-policy.yaml', policyOf(EXISTING, '/ws/rotation-policy.yaml'), { store: same, storeName: 'os-keychain', envVar: 'OPENAI_PROD', ruleId: 'secret/db-password', file: '/ws/app.py' }, false);
    assert.equal(change.storeName, 'keychain');
    assert.equal(change.addedStore, false);
    const policy = parse(change.text) as Policy;
    assert.equal(policy.secrets[1]!.id, 'openai-prod-2');
    assert.equal(policy.secrets[1]!.kind, 'password');
  });

  it('writes JSON policies as JSON', () => {
    const text = newPolicyText(true);
    const change = addSecretToPolicy(text, '/ws/rotation-policy.json', policyOf(text, '/ws/rotation-policy.json'), { store: envFile, storeName: 'dotenv', envVar: 'X_TOKEN', ruleId: 'secret/github-pat', file: '/ws/a.ts' }, true);
    const policy = JSON.parse(change.text) as Policy;
    assert.equal(policy.secrets[0]!.kind, 'token');
    policyOf(change.text, '/ws/rotation-policy.json');
  });

  it('names and kinds', () => {
    assert.equal(secretIdFor('OPENAI_API_KEY', new Set(['openai-api-key'])), 'openai-api-key-2');
    assert.equal(kindForRule('secret/private-key'), 'private-key');
    assert.equal(kindForRule('secret/postgres-uri'), 'connection-string');
    assert.equal(kindForRule('secret/openai-api-key'), 'api-key');
    assert.equal(kindForRule('secret/url-credentials'), 'connection-string');
    assert.equal(kindForRule('secret/jwt'), 'token');
    assert.equal(kindForRule('secret/hardcoded-password'), 'password');
    assert.equal(kindForRule('secret/security-api-key'), 'api-key', 'the uri inside security is no word of the id');
  });
});
