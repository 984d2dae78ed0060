import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { fakeAnthropicKey } from '../../helpers/fake-keys';
import { AnthropicStandIn } from '../../helpers/standins/anthropic';
import { llmProject, type LlmProject } from './llm-project';

// Wire shapes: https://platform.claude.com/docs/en/api/admin/api_keys/list ,
// https://platform.claude.com/docs/en/api/admin/api_keys/update , https://platform.claude.com/docs/en/api/models/list
describe('anthropic provider against the Anthropic stand-in (half automatic: pasted key, Admin API disables the old one)', function () {
  this.timeout(30000);
  let s: AnthropicStandIn;
  let p: LlmProject;
  let initial: string;

  beforeEach(async () => {
    s = await new AnthropicStandIn().start();
    initial = s.issueKey('prod');
    p = llmProject({ provider: { type: 'anthropic', adminKey: 'admin' }, appVar: 'ANTHROPIC_API_KEY', appKey: initial, adminVar: 'ANTHROPIC_ADMIN_KEY', adminValue: s.adminKey, baseUrls: { ANTHROPIC: s.url } });
  });
  afterEach(async () => {
    p.cleanup();
    await s.stop();
  });

  const app = (apiKey: string) => new Anthropic({ apiKey, baseURL: s.url, maxRetries: 0 });

  it('stand-in: a person pastes the new key; it is verified, stored, the old one is set inactive by its hint and refused — the official SDK agrees', async () => {
    let asked = '';
    const r = await p.rotate({ prompt: async (q) => ((asked = q.url ?? ''), s.issueKey('prod-2')) });
    assert.equal(r.status, 'rotated', r.message);
    assert.match(asked, /^https:\/\/platform\.claude\.com\/settings\/keys/);
    const now = p.appKey()!;
    assert.deepEqual(s.validKeys(), [now]);
    assert.equal([...s.keys.values()].find((k) => k.value === initial)!.status, 'inactive', 'disabled, not deleted: Anthropic has no delete API');
    assert.ok((await app(now).models.list()).data.length > 0);
    await assert.rejects(app(initial).models.list(), (e: unknown) => e instanceof Anthropic.AuthenticationError && e.status === 401);
    assert.ok(r.steps.some((x) => x.step === 'test-old-fails' && x.outcome === 'ok'));
  });

  it('stand-in: an admin key pasted as the app key is refused before anything changes; without a prompt it says where to make the key', async () => {
    const r = await p.rotate({ prompt: async () => s.adminKey });
    assert.equal(r.status, 'failed');
    assert.match(r.message, /not an Anthropic API key/);
    assert.equal(p.appKey(), initial);
    const none = await p.rotate();
    assert.equal(none.status, 'failed');
    assert.match(none.message, /no API that creates keys.*platform\.claude\.com/);
  });

  it('stand-in: the old key is found across pages (after_id); a key of another organization is an error, not a silent success', async () => {
    s.pageSize = 1;
    for (let i = 0; i < 3; i++) s.issueKey(`other-${i}`);
    const r = await p.rotate({ prompt: async () => s.issueKey('next') });
    assert.equal(r.status, 'rotated', r.message);
    assert.ok(!s.validKeys().includes(initial));

    const foreignKey = fakeAnthropicKey();
    s.foreignKeys.add(foreignKey);
    const foreign = llmProject({ provider: { type: 'anthropic', adminKey: 'admin' }, appVar: 'ANTHROPIC_API_KEY', appKey: foreignKey, adminVar: 'ANTHROPIC_ADMIN_KEY', adminValue: s.adminKey, baseUrls: { ANTHROPIC: s.url } });
    try {
      // The foreign key still works (another organization's), and this organization's admin list
      // cannot disable it: rotation verifies the new key, but revoking the old one is reported as
      // failed, never assumed (only a refused old key counts as revoked).
      const rf = await foreign.rotate({ prompt: async () => s.issueKey('replacement') });
      assert.equal(rf.status, 'failed', rf.message);
      assert.match(rf.message, /not among this organization's API keys|revoke/i);
    } finally {
      foreign.cleanup();
    }
  });
});
