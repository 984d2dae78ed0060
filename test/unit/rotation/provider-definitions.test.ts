import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { providerSpec, verificationSpec } from '../../../core/policy/model/schema';
import { createProvider, PROVIDER_DEFINITIONS, providerDocsTable, type ProviderDefinition } from '../../../core/rotation/providers';
import { VERIFICATIONS_NEEDING_TRUST } from '../../../core/rotation/verify';
import { analyzePolicy } from '../../../core/policy';
import { childSecretIds, resolvePlan } from '../../../core/rotation';

const defs = PROVIDER_DEFINITIONS as readonly ProviderDefinition[];

describe('rotation providers: one folder each, one list', () => {
  for (const d of defs) {
    it(`${d.type}: its valid samples parse, its invalid samples are refused, its driver matches its traits`, () => {
      assert.ok(d.samples.valid.length > 0 && d.samples.invalid.length > 0, 'each provider carries samples of both kinds');
      for (const sample of d.samples.valid) {
        const r = providerSpec.safeParse(sample);
        assert.ok(r.success, `${JSON.stringify(sample)} should parse: ${r.success ? '' : r.error.message}`);
        const driver = createProvider(sample as { type: string });
        assert.equal(driver.type, d.type);
        assert.equal(driver.needsTrust, d.traits.needsTrust, 'the driver and the definition agree on trust');
      }
      for (const sample of d.samples.invalid) assert.equal(providerSpec.safeParse(sample).success, false, `${JSON.stringify(sample)} should be refused`);
      if (d.verification) assert.ok(VERIFICATIONS_NEEDING_TRUST.has(d.type), 'a login check sends the value somewhere the policy names');
    });
  }

  it('the policy union holds exactly the listed types, in list order', () => {
    const union = providerSpec.options.map((o) => (o.shape.type as unknown as { value: string }).value);
    assert.deepEqual(union, defs.map((d) => d.type));
    const verifications = verificationSpec.options.map((o) => (o.shape.type as unknown as { value: string }).value);
    for (const d of defs) if (d.verification) assert.ok(verifications.includes(d.type), `${d.type} verification is in the policy union`);
  });

  it('docs/rotation.md carries the generated providers table', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/rotation.md'), 'utf8');
    const m = /<!-- providers-table:start -->\n([\s\S]*?)\n<!-- providers-table:end -->/.exec(doc);
    assert.ok(m, 'docs/rotation.md has the providers-table markers');
    assert.equal(m[1], providerDocsTable(), `paste this between the markers:\n${providerDocsTable()}`);
  });
});

describe('check: what the LLM-key providers need', () => {
  const base = (provider: string, extraSecrets = '') => `version: 1
stores:
  kc: { type: keychain, service: rg }
providers:
  p: ${provider}
secrets:
  - id: app
    kind: api-key
    owner: machine
    maxAge: 30d
    stores: [kc]
    rotation: { provider: p }
    references: { env: [APP_KEY] }
${extraSecrets}`;
  const admin = `  - id: admin
    kind: api-key
    owner: machine
    maxAge: 90d
    stores: [kc]
`;
  const codes = (text: string) => analyzePolicy(text, { path: '/tmp/rotation-policy.yaml', now: new Date('2026-12-01') }).problems.map((p) => `${p.code}: ${p.message}`);

  it('names the missing project and admin key, and an admin key that is not a secret of the policy', () => {
    const missing = codes(base('{ type: openai }'));
    assert.ok(missing.some((m) => m.startsWith('policy/provider-param-missing') && m.includes("'project'") && m.includes("'adminKey'")), missing.join('\n'));
    const unknown = codes(base('{ type: openai, project: proj_abc, adminKey: nowhere }'));
    assert.ok(unknown.some((m) => m.includes("adminKey names secret 'nowhere'")), unknown.join('\n'));
    assert.deepEqual(codes(base('{ type: openai, project: proj_abc, adminKey: admin }', admin)).filter((m) => m.startsWith('policy/provider') || m.includes('names secret')), []);
    const azure = codes(base('{ type: azure-openai, account: contoso }'));
    assert.ok(azure.some((m) => m.includes("'subscriptionId'") && m.includes("'clientSecret'")), azure.join('\n'));
  });

  it('`run` never hands an admin key to an app; a rotation gets the provider preset as its verification', () => {
    const text = base('{ type: openrouter, managementKey: admin }', admin.replace('    stores: [kc]\n', '    stores: [kc]\n    references: { env: [OPENROUTER_MANAGEMENT_KEY] }\n'));
    const policy = analyzePolicy(text, { path: '/tmp/rotation-policy.yaml', now: new Date('2026-12-01') }).policy!;
    assert.deepEqual(childSecretIds(policy), ['app']);
    assert.deepEqual(resolvePlan(policy, 'app').verification, { type: 'provider' });
    assert.ok(resolvePlan(policy, 'app').trustReasons.length > 0, 'an admin API call needs a trusted, confirmed policy');
  });
});
