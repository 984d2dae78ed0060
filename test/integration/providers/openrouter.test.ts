import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { OpenRouterStandIn } from '../../helpers/standins/openrouter';
import { llmProject, type LlmProject } from './llm-project';

// Wire shapes: https://openrouter.ai/docs/api/api-reference/api-keys/create-keys ,
// https://openrouter.ai/docs/api/api-reference/api-keys/delete-an-api-key , https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key
describe('openrouter provider against the OpenRouter stand-in (Management API keys)', function () {
  this.timeout(30000);
  let s: OpenRouterStandIn;
  let p: LlmProject;
  let initial: string;

  beforeEach(async () => {
    s = await new OpenRouterStandIn().start();
    initial = s.seedKey();
    p = llmProject({ provider: { type: 'openrouter', managementKey: 'admin', limit: 5 }, appVar: 'OPENROUTER_API_KEY', appKey: initial, adminVar: 'OPENROUTER_MANAGEMENT_KEY', adminValue: s.managementKey, baseUrls: { OPENROUTER: s.url } });
  });
  afterEach(async () => {
    p.cleanup();
    await s.stop();
  });

  const app = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${s.url}/api/v1`, maxRetries: 0 });

  it('stand-in: create a key, check it with GET /api/v1/key, switch, delete the old one, check it is refused; an app on the openai client agrees (its time: bench/llm-rotation-time.bench.mjs)', async () => {
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    const now = p.appKey()!;
    assert.match(now, /^sk-or-v1-[0-9a-f]{64}$/);
    assert.deepEqual(s.validKeys(), [now], 'the issuer holds exactly the stored key (besides the management key)');
    assert.ok((await app(now).models.list()).data.length > 0);
    await assert.rejects(app(initial).models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    await assert.rejects(app(s.managementKey).models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError, 'a management key cannot call models (stand-in follows the docs)');
    const created = [...s.keys.values()].find((k) => k.value === now)!;
    assert.equal(created.limit, 5, 'the policy limit reached the create call');
    assert.ok(!p.ledger().includes(now) && !p.ledger().includes(s.managementKey));
  });

  it('stand-in: keys over several pages; a 429 on the list is waited out', async () => {
    s.pageSize = 2;
    for (let i = 0; i < 5; i++) s.seedKey(`other-${i}`);
    s.rateLimitNext(1, 0, /\/api\/v1\/keys$/);
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    assert.ok(!s.validKeys().includes(initial), 'the old key, on a later page, was found and deleted');
    assert.equal(s.validKeys().length, 5 + 1, 'the five others untouched, plus the new one');
  });
});
