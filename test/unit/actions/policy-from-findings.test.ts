import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import picomatch from 'picomatch';
import { draftsFrom, literalGlob, manualProviderFor, policyFromFindings, type FoundCredential, type SecretDraft } from '../../../core/actions';
import { PROVIDERS } from '../../../core/detect/rules/providers';
import { loadPolicyFile, type Policy } from '../../../core/policy';
import { tempProject } from '../../helpers/temp-project';

/**
 * Writes the policy into a folder holding the files it references, and loads it the way
 * `rotation-guard check` does (references checked against the folder's files).
 */
function checked(text: string, files: string[]): { policy: Policy; problems: string[] } {
  const dir = tempProject('rg-policy-from-findings-').dir;
  try {
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), 'placeholder\n');
    }
    const path = join(dir, 'rotation-policy.yaml');
    writeFileSync(path, text);
    const loaded = loadPolicyFile(path, { listFiles: true, now: new Date('2026-03-01T00:00:00Z') });
    // `info` (no recorded rotation yet) is expected of a new policy; errors and warnings are not.
    const problems = loaded.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => `${p.severity} ${p.code}: ${p.message}`);
    assert.ok(loaded.policy, `the policy does not load: ${problems.join('; ')}`);
    return { policy: loaded.policy, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const keyPage = (ruleId: string) => PROVIDERS.find((p) => p.id === ruleId)?.keyPage;
const opts = { service: 'rotation-guard-ws', now: new Date('2026-03-01T00:00:00Z') };

describe('core/actions: a policy from the findings of a scan', () => {
  const odd = `config/it's "odd" [v1] {a,b}.env`;
  const findings: FoundCredential[] = [
    { file: 'notes/leak.md', ruleId: 'secret/openai-api-key', envVar: 'OPENAI_API_KEY' },
    { file: 'src\\client.ts', ruleId: 'secret/openai-api-key', envVar: 'OPENAI_API_KEY' },
    { file: 'notes/leak.md', ruleId: 'secret/anthropic-api-key', envVar: 'ANTHROPIC_API_KEY' },
    { file: 'my app/.env', ruleId: 'secret/mistral-api-key', envVar: 'MISTRAL_API_KEY' },
    { file: odd, ruleId: 'secret/generic-api-key', envVar: 'STRIPE_KEY' },
    { file: 'deploy/id_ed25519', ruleId: 'secret/private-key' },
    { file: 'notes/leak.md', ruleId: 'stale/overdue' },
  ];

  it('gives each secret the manual provider of its key page from the provider table, one per page, and the checker finds nothing wrong', () => {
    const text = policyFromFindings(draftsFrom(findings), opts);
    const { policy, problems } = checked(text, ['notes/leak.md', 'src/client.ts', 'my app/.env', odd, 'deploy/id_ed25519']);
    assert.deepEqual(problems, []);
    assert.doesNotMatch(text, /example\.invalid/);

    const byId = new Map(policy.secrets.map((s) => [s.id, s]));
    assert.deepEqual([...byId.keys()], ['anthropic-api-key', 'mistral-api-key', 'openai-api-key', 'private-key', 'stripe-key']);
    const providerOf = (id: string) => policy.providers?.[byId.get(id)?.rotation?.provider ?? ''];
    for (const [id, rule] of [['openai-api-key', 'secret/openai-api-key'], ['anthropic-api-key', 'secret/anthropic-api-key'], ['mistral-api-key', 'secret/mistral-api-key']] as const) {
      const page = keyPage(rule);
      assert.ok(page, `the provider table has a key page for ${rule}`);
      assert.deepEqual(providerOf(id), { type: 'manual', url: page });
      // the move action's name for the same page
      assert.equal(byId.get(id)?.rotation?.provider, manualProviderFor(rule)?.name);
    }
    // rules without a key page: no made-up url (the checker requires a manual provider's url), no
    // provider; a comment on the secret says what to add
    assert.equal(byId.get('stripe-key')?.rotation, undefined);
    assert.equal(byId.get('private-key')?.rotation, undefined);
    assert.match(text, /# No key page is known for secret\/generic-api-key, so it has no rotation provider yet: add a\n\s*# `manual` provider with the url/);
    assert.match(text, /# No key page is known for secret\/private-key, so it has no rotation provider yet/);
    assert.deepEqual(Object.keys(policy.providers ?? {}), ['anthropic-api-key-page', 'mistral-api-key-page', 'openai-api-key-page']);

    // env vars, kinds and files as found (two OpenAI findings → one secret with both files)
    const s = (id: string) => { const x = byId.get(id)!; return [x.kind, x.references?.env, x.references?.files, x.stores, x.triggers]; };
    const trigger = [{ on: 'exposed-in-file', action: 'rotate-now' }];
    assert.deepEqual(s('openai-api-key'), ['api-key', ['OPENAI_API_KEY'], ['notes/leak.md', 'src/client.ts'], ['keychain'], trigger]);
    assert.deepEqual(s('anthropic-api-key'), ['api-key', ['ANTHROPIC_API_KEY'], ['notes/leak.md'], ['keychain'], trigger]);
    assert.deepEqual(s('mistral-api-key'), ['api-key', ['MISTRAL_API_KEY'], ['my app/.env'], ['keychain'], trigger]);
    assert.deepEqual(s('private-key'), ['private-key', ['PRIVATE_KEY'], ['deploy/id_ed25519'], ['keychain'], trigger]);
    assert.deepEqual(s('stripe-key'), ['api-key', ['STRIPE_KEY'], [literalGlob(odd)], ['keychain'], trigger]);
    assert.deepEqual(policy.stores.keychain, { type: 'keychain', service: 'rotation-guard-ws', account: '{id}' });
  });

  it('keeps the header that asks for a review, and writes an empty workspace as a policy with no secrets that still loads', () => {
    const text = policyFromFindings(draftsFrom([]), opts);
    assert.match(text, /^# Rotation policy created by Rotation Guard on 2026-03-01 from an empty workspace\.\n# Review it:/);
    const { policy, problems } = checked(text, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(policy.secrets, []);
    assert.equal(policy.providers, undefined);
  });

  it('secrets whose rules share a key page share one provider', () => {
    // Two credentials of one provider under different variables (an app key and an admin key).
    const drafts: SecretDraft[] = [
      { id: 'openai-admin-key', envVar: 'OPENAI_ADMIN_KEY', kind: 'api-key', ruleIds: ['secret/openai-api-key'], files: ['a.env'], promptFiles: [] },
      { id: 'openai-api-key', envVar: 'OPENAI_API_KEY', kind: 'api-key', ruleIds: ['secret/openai-api-key'], files: ['b.env'], promptFiles: [] },
    ];
    const { policy, problems } = checked(policyFromFindings(drafts, opts), ['a.env', 'b.env']);
    assert.deepEqual(problems, []);
    assert.deepEqual(policy.providers, { 'openai-api-key-page': { type: 'manual', url: keyPage('secret/openai-api-key') } });
    assert.deepEqual(policy.secrets.map((s) => s.rotation?.provider), ['openai-api-key-page', 'openai-api-key-page']);
  });

  it('names a prompt file in a comment instead of referencing it (the checker forbids a prompt referencing a credential)', () => {
    const drafts = draftsFrom([
      { file: 'prompts/support-agent.prompt', ruleId: 'secret/openai-api-key', envVar: 'OPENAI_API_KEY' },
      { file: 'notes/leak.md', ruleId: 'secret/openai-api-key', envVar: 'OPENAI_API_KEY' },
      { file: 'prompts/system.prompty', ruleId: 'secret/anthropic-api-key', envVar: 'ANTHROPIC_API_KEY' },
    ]);
    const text = policyFromFindings(drafts, opts);
    const { policy, problems } = checked(text, ['prompts/support-agent.prompt', 'notes/leak.md', 'prompts/system.prompty']);
    assert.deepEqual(problems, []);
    const refs = Object.fromEntries(policy.secrets.map((s) => [s.id, s.references]));
    assert.deepEqual(refs, { 'anthropic-api-key': { env: ['ANTHROPIC_API_KEY'] }, 'openai-api-key': { files: ['notes/leak.md'], env: ['OPENAI_API_KEY'] } });
    assert.match(text, /# Also found in prompt file\(s\) "prompts\/support-agent\.prompt": not listed in references\.files,/);
    assert.match(text, /# Also found in prompt file\(s\) "prompts\/system\.prompty"/);
    // what e2e journey 9 (the walkthrough) reads in the file
    assert.doesNotMatch(text, /files: \[[^\]]*support-agent/);
    assert.match(text, /provider: openai-api-key-page/);
  });

  it('quotes and escapes file names and names with odd characters so the parsed policy holds them exactly', () => {
    const files = ['a b/"quoted" \\ back.env', 'tab\there/#not-a-comment: x.env', 'new\nline.env', 'ünïcødé/✓ key.env', "it's/-dash.env", '!important (copy)*.env'];
    const text = policyFromFindings(
      draftsFrom(files.map((file) => ({ file, ruleId: 'secret/generic-api-key', envVar: 'API_KEY' }))),
      { ...opts, service: 'rotation-guard-"my": ws #1' },
    );
    const { policy, problems } = checked(text, files);
    assert.deepEqual(problems, []);
    const globs = policy.secrets[0]?.references?.files ?? [];
    // the scan reports Windows paths with `\`: taken as a separator
    assert.deepEqual(globs, files.map((f) => literalGlob(f.replace(/\\/g, '/'))));
    files.forEach((f, i) => assert.ok(picomatch.isMatch(f.replace(/\\/g, '/'), globs[i]!, { dot: true }), `${JSON.stringify(globs[i])} matches ${JSON.stringify(f)}`));
    assert.equal(policy.stores.keychain && 'service' in policy.stores.keychain ? policy.stores.keychain.service : undefined, 'rotation-guard-"my": ws #1');
    // flow lists with double-quoted names, as in the policies people write by hand
    assert.match(text, /files: \["a b\/\\"quoted\\" /);
    assert.match(text, /"new\\nline\.env"/);
  });

  it('takes the env var the provider table names, falls back to the detector\'s, then to the rule id; ignores findings that are not secrets', () => {
    const drafts = draftsFrom([
      { file: 'a.env', ruleId: 'secret/huggingface-token', envVar: 'SOMETHING_ELSE' },
      { file: 'b.env', ruleId: 'secret/github-token', envVar: 'GITHUB_TOKEN' },
      { file: 'c.env', ruleId: 'secret/url-credentials', envVar: 'not a name!' },
      { file: 'd.env', ruleId: 'policy/whatever' },
    ]);
    assert.deepEqual(
      drafts.map((d) => [d.id, d.envVar, d.kind]),
      [
        ['github-token', 'GITHUB_TOKEN', 'token'],
        ['hf-token', 'HF_TOKEN', 'token'],
        ['url-credentials', 'URL_CREDENTIALS', 'connection-string'],
      ],
    );
  });
});
