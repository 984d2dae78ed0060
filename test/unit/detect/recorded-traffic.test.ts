import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { fake, rand } from '../../helpers/fake-keys';

// Recorded traffic (issue #21): VCR cassettes, HAR files and recorded JSON lines keep the headers
// and bodies of real requests. Headers are judged as headers: authorization, API-key headers and
// the tokens an OAuth body carries are credentials; policy directives, media and cursors are not.
const shown = (text: string, path: string) => scanText(text, { path }).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE);
const values = (text: string, path: string) => shown(text, path).map((f) => text.slice(f.start, f.end));

function cassette(requestHeaders: string, responseHeaders: string, body: string): string {
  return `interactions:\n- request:\n    body: null\n    headers:\n${requestHeaders}    method: POST\n    uri: https://api.example.test/v1/chat\n  response:\n    body:\n      string: ${body}\n    headers:\n${responseHeaders}    status:\n      code: 200\n`;
}

describe('recorded traffic: headers judged as headers, bodies by their content', () => {
  it('a VCR cassette: the recorded Authorization and x-api-key headers are found, response policy headers are not', () => {
    const bearer = fake.anthropic();
    const apiKey = rand(40);
    const text = cassette(
      `      Authorization:\n      - Bearer ${bearer}\n      x-api-key:\n      - ${apiKey}\n`,
      '      Permissions-Policy:\n      - publickey-credentials-create=(self), publickey-credentials-get=(self), payment=()\n      Set-Cookie:\n      - __cf_bm=abc; path=/; HttpOnly\n',
      "'{\"ok\": true}'",
    );
    assert.deepEqual(values(text, 'tests/cassettes/test_chat.yaml').sort(), [apiKey, bearer].sort());
  });

  it('media and cursors in bodies are data: base64 audio with a provider-like prefix inside, a base64 page cursor', () => {
    const audio = Array.from({ length: 6 }, () => randomBytes(57).toString('base64')).join('').replace(/^.{10}/, (m) => `${m}+AP${rand(20)}+`);
    const cursor = Buffer.from('models/some-model-name-001', 'utf8').toString('base64');
    const text = cassette('', '', `'{"data": "${audio}", "nextPageToken": "${cursor}"}'`);
    assert.deepEqual(values(text, 'tests/cassettes/test_audio.yaml'), []);
  });

  it('an SDP answer recorded in a cassette: ice-pwd is a per-session value exchanged in the clear', () => {
    const sdp = `v=0\\r\\na=ice-ufrag:${rand(4)}\\r\\na=ice-pwd:${rand(22)}\\r\\na=fingerprint:sha-256 AB:CD\\r\\n`;
    assert.deepEqual(values(cassette('', '', `'${sdp}'`), 'tests/cassettes/test_webrtc.yaml'), []);
  });

  it('an OAuth refresh recorded in a body, and a HAR entry, are still found', () => {
    const refresh = `1//${rand(60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;
    const secret = `GOCSPX-${rand(28)}`;
    const body = `grant_type=refresh_token&client_id=1234567890-abc.apps.googleusercontent.com&client_secret=${secret}&refresh_token=${refresh}`;
    const found = values(cassette('', '', `'${body}'`), 'tests/cassettes/test_vertex.yaml');
    assert.ok(found.includes(refresh), `refresh token: ${found.length} values`);
    const token = fake.openaiProject();
    const har = JSON.stringify({ log: { entries: [{ request: { headers: [{ name: 'Authorization', value: `Bearer ${token}` }] } }] } }, null, 2);
    assert.deepEqual(values(har, 'recordings/session.har'), [token]);
  });
});
