import assert from 'node:assert/strict';
import { IssuerClient, issuerBaseUrl, retryAfterMs } from '../../../core/rotation/providers/issuer-http';
import { findByHint, matchesHint } from '../../../core/rotation/providers/key-hint';
import { ProviderError } from '../../../core/rotation/providers';
import { StandInServer } from '../../helpers/standins/server';

describe('issuer HTTP: base URL only from the environment, bounded 429 retries, errors without values', () => {
  it('reads retry-after as seconds, as an HTTP date, or retry-after-ms', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '7' })), 7000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(10_000 + 3000).toUTCString() }), 10_000), 3000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
  });

  it('takes the override from ROTATION_GUARD_<NAME>_BASE_URL only, and refuses a non-http one', () => {
    assert.equal(issuerBaseUrl('OPENAI', 'https://api.openai.com', {}), 'https://api.openai.com');
    assert.equal(issuerBaseUrl('OPENAI', 'https://api.openai.com', { ROTATION_GUARD_OPENAI_BASE_URL: 'http://127.0.0.1:9/' }), 'http://127.0.0.1:9');
    assert.throws(() => issuerBaseUrl('OPENAI', 'https://api.openai.com', { ROTATION_GUARD_OPENAI_BASE_URL: 'file:///etc/passwd' }), /must be http/);
  });

  it('stand-in: retries a 429 after its retry-after, gives up after the bounded attempts, and never puts a header in the error', async () => {
    const s = await new StandInServer().start();
    s.route('GET', /^\/x$/, () => ({ status: 200, body: { ok: true } }));
    const waits: number[] = [];
    const client = new IssuerClient({ envName: 'T', officialBaseUrl: s.url, env: {}, sleep: async (ms) => void waits.push(ms) });
    try {
      s.rateLimitNext(2, 3);
      assert.equal((await client.send({ method: 'GET', path: '/x', headers: { authorization: 'Bearer secret-admin-value' } })).status, 200);
      assert.deepEqual(waits, [3000, 3000]);
      s.rateLimitNext(10, 0);
      await assert.rejects(client.send({ method: 'GET', path: '/x', headers: { authorization: 'Bearer secret-admin-value' } }), (e: unknown) => e instanceof ProviderError && e.code === 'provider/rate-limited' && !e.message.includes('secret-admin-value'));
      assert.equal(s.log.filter((l) => l.status === 429).length, 2 + 4, 'four attempts, then an error');
      await assert.rejects(new IssuerClient({ envName: 'T', officialBaseUrl: 'http://127.0.0.1:9', env: {} }).send({ method: 'GET', path: '/x', headers: {} }), (e: unknown) => e instanceof ProviderError && e.code === 'provider/network');
    } finally {
      await s.stop();
    }
  });

  it('finds a key by its issuer hint; two keys with one hint are an error, not a guess', () => {
    const key = 'sk-ant-api03-R2D2abcdefghijklmnopqrstuvwxyzigAA';
    assert.equal(matchesHint(key, 'sk-ant-api03-R2D...igAA'), true);
    assert.equal(matchesHint(key, 'sk-ant-api03-R2X...igAA'), false);
    assert.equal(matchesHint(key, '...'), false, 'a hint with too little in it matches nothing');
    assert.equal(matchesHint('sk-abcdef123456', 'sk-abc***...***456'), true);
    assert.equal(findByHint([{ h: 'sk-ant-api03-R2D...igAA' }, { h: 'other...hint' }], key, (x) => x.h, 'keys')?.h, 'sk-ant-api03-R2D...igAA');
    assert.throws(() => findByHint([{ h: 'sk-ant-api03-R2D...igAA' }, { h: 'sk-ant-api03-R2D…igAA' }], key, (x) => x.h, 'keys'), /share the hint/);
  });
});
