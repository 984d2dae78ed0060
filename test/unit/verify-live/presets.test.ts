import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../core/detect/rules/all';
import { judgeAnswer, livePreset, LIVE_PRESETS } from '../../../core/verify-live/presets';
import { LiveVerifier } from '../../../core/verify-live/scan-verify';
import { StandInServer } from '../../helpers/standins/server';

describe('live-check presets: one table, each row a documented read-only call', () => {
  it('covers the verify-only list, each row with its docs, an https official host and real detector rules', () => {
    const ids = LIVE_PRESETS.map((p) => p.id);
    for (const id of ['openai', 'anthropic', 'gemini', 'groq', 'mistral', 'cohere', 'deepseek', 'xai', 'openrouter', 'replicate', 'huggingface', 'langsmith', 'langfuse', 'github', 'slack']) assert.ok(ids.includes(id), id);
    const ruleIds = new Set(ALL_RULES.map((r) => r.id));
    for (const p of LIVE_PRESETS) {
      assert.match(p.docs, /^https:\/\//, `${p.id} cites its docs`);
      if (p.baseUrl) assert.match(p.baseUrl, /^https:\/\/[a-z0-9.-]+$/, `${p.id}: an official https host, no path`);
      for (const r of p.ruleIds) assert.ok(ruleIds.has(r), `${p.id}: ${r} is a detector rule`);
    }
  });

  it('reads answers per service: only the service\'s own refusal is "refused"', () => {
    const j = (id: string, status: number, body?: unknown) => judgeAnswer(livePreset(id)!, status, body);
    assert.equal(j('openai', 200), 'live');
    assert.equal(j('openai', 401), 'refused');
    assert.equal(j('openai', 403), 'unknown', 'a restricted key without model access is not dead');
    assert.equal(j('openai', 500), 'unknown');
    assert.equal(j('gemini', 400, { error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } }), 'refused');
    assert.equal(j('gemini', 403, { error: { status: 'PERMISSION_DENIED' } }), 'unknown', 'a real key without the API enabled');
    assert.equal(j('cohere', 200, { valid: false }), 'refused');
    assert.equal(j('cohere', 200, { valid: true }), 'live');
    assert.equal(j('slack', 200, { ok: false, error: 'invalid_auth' }), 'refused');
    assert.equal(j('slack', 200, { ok: false, error: 'ratelimited' }), 'unknown');
    assert.equal(j('xai', 400), 'refused');
  });

  it('asks each key once, spaces requests to one host, caps a run, and never asks for a kind it cannot check (stand-in)', async () => {
    const s = await new StandInServer().start();
    s.route('GET', /^\/v1\/models$/, (r) => (r.headers.authorization === 'Bearer good' ? { status: 200, body: { data: [] } } : { status: 401, body: {} }));
    const waits: number[] = [];
    let t = 1_000_000;
    try {
      const v = new LiveVerifier({ env: { ROTATION_GUARD_OPENAI_BASE_URL: s.url }, minIntervalMs: 1000, maxChecks: 2, now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)) });
      assert.equal((await v.verify('secret/openai-api-key', 'good', 'fp1')).status, 'live');
      assert.equal((await v.verify('secret/openai-api-key', 'good', 'fp1')).status, 'live');
      assert.equal((await v.verify('secret/openai-api-key', 'bad', 'fp2')).status, 'refused');
      assert.equal((await v.verify('secret/openai-api-key', 'third', 'fp3')).status, 'unknown', 'over the cap');
      assert.equal(s.log.length, 2, 'one request per distinct key, none past the cap');
      assert.deepEqual(waits, [1000], 'the second key to the same host waited its turn');
      assert.equal((await v.verify('secret/aws-access-key-id', 'AKIA', 'fp4')).status, 'unknown');
      assert.equal(s.log.length, 2);
    } finally {
      await s.stop();
    }
  });
});
