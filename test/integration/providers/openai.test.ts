import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { checkValue } from '../../../core/rotation';
import { OpenAiStandIn } from '../../helpers/standins/openai';
import { llmProject, type LlmProject } from './llm-project';

// Wire shapes: https://platform.openai.com/docs/api-reference/project-service-accounts ,
// https://platform.openai.com/docs/api-reference/project-api-keys , https://platform.openai.com/docs/api-reference/models/list
describe('openai provider against the OpenAI stand-in (Admin API project service accounts)', function () {
  this.timeout(30000);
  let s: OpenAiStandIn;
  let p: LlmProject;
  let initial: string;

  beforeEach(async () => {
    s = await new OpenAiStandIn().start();
    initial = s.seedUserKey();
    p = llmProject({ provider: { type: 'openai', project: s.project, adminKey: 'admin' }, appVar: 'OPENAI_API_KEY', appKey: initial, adminVar: 'OPENAI_ADMIN_KEY', adminValue: s.adminKey, baseUrls: { OPENAI: s.url } });
  });
  afterEach(async () => {
    p.cleanup();
    await s.stop();
  });

  const app = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${s.url}/v1`, maxRetries: 0 });

  it('stand-in: create a service account, verify its key, switch, delete the old key, verify it is refused; the official client agrees (its time: bench/llm-rotation-time.bench.mjs)', async () => {
    assert.equal((await app(initial).models.list()).data.length > 0, true, 'the initial key works before');
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    const now = p.appKey()!;
    assert.match(now, /^sk-svcacct-/);
    assert.deepEqual(s.validKeys(), [now], 'the issuer holds exactly the stored key');
    assert.ok((await app(now).models.list()).data.length > 0, 'an app with the new key lists models');
    await assert.rejects(app(initial).models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError && e.status === 401, 'the old key is refused');
    const steps = r.steps.map((x) => `${x.step}:${x.outcome}`);
    assert.ok(steps.includes('test-new:ok') && steps.includes('revoke-old:ok') && steps.includes('test-old-fails:ok'), steps.join(' '));
    const ledger = p.ledger();
    for (const v of [now, initial, s.adminKey]) assert.ok(!ledger.includes(v), 'no value in the ledger');

    // The next rotation deletes the service account this one made.
    const r2 = await p.rotate();
    assert.equal(r2.status, 'rotated', r2.message);
    assert.equal(s.accounts.size, 1, 'one service account left: the current one');
    assert.deepEqual(s.validKeys(), [p.appKey()]);
  });

  it('stand-in: 429 with retry-after is waited out; a retry-after too long is an error that changes nothing', async () => {
    s.rateLimitNext(2, 0, /service_accounts$/);
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    assert.equal(s.log.filter((l) => l.status === 429).length, 2, 'both 429s were answered and retried');

    const before = p.appKey();
    s.rateLimitNext(10, 3600, /service_accounts$/);
    const r2 = await p.rotate();
    assert.equal(r2.status, 'failed');
    assert.match(r2.message, /rate limited.*3600 s/);
    assert.equal(p.appKey(), before, 'the stored key is unchanged');
    assert.deepEqual(s.validKeys(), [before], 'nothing was created');
  });

  it('stand-in: a service account left by a killed rotation is deleted by the next one; pagination is followed', async () => {
    s.maxPage = 1;
    await p.rotate();
    // What a crash between the issuer's answer and the ledger leaves: an account nobody holds.
    const orphan = await fetch(`${s.url}/v1/organization/projects/${s.project}/service_accounts`, { method: 'POST', headers: { authorization: `Bearer ${s.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'rotation-guard-app-key-crashed' }) });
    assert.equal(orphan.status, 200);
    assert.equal(s.validKeys().length, 2);
    const r = await p.rotate();
    assert.equal(r.status, 'rotated', r.message);
    assert.deepEqual(s.validKeys(), [p.appKey()], 'the orphan and the previous account are gone');
  });

  it('stand-in: a network error is never taken for "refused"; a wrong admin key is an error naming the status', async () => {
    const closed = await checkValue({ type: 'provider' }, initial, { provider: { type: 'openai' }, cwd: p.dir, env: { ROTATION_GUARD_OPENAI_BASE_URL: 'http://127.0.0.1:9' } });
    assert.equal(closed.status, 'error');
    const refused = await checkValue({ type: 'provider' }, 'sk-proj-not-a-real-key-000000', { provider: { type: 'openai' }, cwd: p.dir, env: { ROTATION_GUARD_OPENAI_BASE_URL: s.url } });
    assert.equal(refused.status, 'refused');

    const bad = llmProject({ provider: { type: 'openai', project: s.project, adminKey: 'admin' }, appVar: 'OPENAI_API_KEY', appKey: initial, adminVar: 'OPENAI_ADMIN_KEY', adminValue: 'sk-admin-wrong', baseUrls: { OPENAI: s.url } });
    try {
      const r = await bad.rotate();
      assert.equal(r.status, 'failed');
      assert.match(r.message, /answered 401/);
      assert.ok(!r.message.includes('sk-admin-wrong'));
      assert.equal(bad.appKey(), initial);
    } finally {
      bad.cleanup();
    }
  });
});
