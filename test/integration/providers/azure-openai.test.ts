import assert from 'node:assert/strict';
import { AzureOpenAI } from 'openai';
import { AzureStandIn } from '../../helpers/standins/azure';
import { llmProject, type LlmProject } from './llm-project';

// Wire shapes: https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/list-keys ,
// https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key ,
// https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow
describe('azure-openai provider against the Azure stand-in (dual Key1/Key2 through ARM)', function () {
  this.timeout(30000);
  let s: AzureStandIn;
  let p: LlmProject;

  beforeEach(async () => {
    s = await new AzureStandIn().start();
    p = llmProject({
      provider: { type: 'azure-openai', subscriptionId: s.subscriptionId, resourceGroup: s.resourceGroup, account: s.account, tenantId: s.tenantId, clientId: s.clientId, clientSecret: 'admin' },
      appVar: 'AZURE_OPENAI_API_KEY',
      appKey: s.key1,
      adminVar: 'AZURE_CLIENT_SECRET',
      adminValue: s.clientSecret,
      baseUrls: { AZURE: s.url, AZURE_LOGIN: s.url, AZURE_OPENAI: s.url },
    });
  });
  afterEach(async () => {
    p.cleanup();
    await s.stop();
  });

  const app = (apiKey: string) => new AzureOpenAI({ apiKey, endpoint: s.url, apiVersion: '2024-10-21', deployment: 'gpt-4o-mini', maxRetries: 0 });
  const ask = (apiKey: string) => app(apiKey).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });

  it('stand-in: the other key is regenerated and becomes current; then the key apps left is regenerated and refused; the AzureOpenAI client agrees (its time: bench/llm-rotation-time.bench.mjs)', async () => {
    const old = s.key1;
    const spareBefore = s.key2;
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    const now = p.appKey()!;
    assert.equal(now, s.key2, 'apps moved to Key2');
    assert.notEqual(now, spareBefore, 'Key2 was regenerated first: the spare that sat unused is not promoted as it was');
    assert.notEqual(s.key1, old, 'Key1 (the key apps left) was regenerated after promotion');
    assert.equal((await ask(now)).choices[0]!.message.content, 'ok');
    await assert.rejects(ask(old), (e: unknown) => (e as { status?: number }).status === 401);
    assert.equal(r.versionId, 'Key2');
    for (const v of [now, old, s.clientSecret]) assert.ok(!p.ledger().includes(v));

    const r2 = await p.rotate();
    assert.equal(r2.status, 'rotated', r2.message);
    assert.equal(p.appKey(), s.key1, 'the next rotation moves back to Key1');
  });

  it('stand-in: a wrong client secret stops at the token endpoint with its message; a current value that is neither key is refused', async () => {
    const bad = llmProject({
      provider: { type: 'azure-openai', subscriptionId: s.subscriptionId, resourceGroup: s.resourceGroup, account: s.account, tenantId: s.tenantId, clientId: s.clientId, clientSecret: 'admin' },
      appVar: 'AZURE_OPENAI_API_KEY',
      appKey: 'f'.repeat(32),
      adminVar: 'AZURE_CLIENT_SECRET',
      adminValue: 'wrong-secret',
      baseUrls: { AZURE: s.url, AZURE_LOGIN: s.url, AZURE_OPENAI: s.url },
    });
    try {
      const r = await bad.rotate();
      assert.equal(r.status, 'failed');
      assert.match(r.message, /401.*AADSTS7000215/);
    } finally {
      bad.cleanup();
    }
    const stranger = llmProject({
      provider: { type: 'azure-openai', subscriptionId: s.subscriptionId, resourceGroup: s.resourceGroup, account: s.account, tenantId: s.tenantId, clientId: s.clientId, clientSecret: 'admin' },
      appVar: 'AZURE_OPENAI_API_KEY',
      appKey: 'f'.repeat(32),
      adminVar: 'AZURE_CLIENT_SECRET',
      adminValue: s.clientSecret,
      baseUrls: { AZURE: s.url, AZURE_LOGIN: s.url, AZURE_OPENAI: s.url },
    });
    try {
      const k1 = s.key1;
      const k2 = s.key2;
      const r = await stranger.rotate();
      assert.equal(r.status, 'failed');
      assert.match(r.message, /neither Key1 nor Key2/);
      assert.ok(k1 === s.key1 && k2 === s.key2, 'no key was regenerated');
    } finally {
      stranger.cleanup();
    }
  });
});
