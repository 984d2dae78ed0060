import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-seventh held-out set (the official API client SDKs of payment,
// messaging and SaaS providers, Node, Python and PHP; 2026-12-07: docs/detection.md "Held-out set
// twenty-seven"), each judged by the principle that rejects it, with synthetic lines of the same
// shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { pick, key } = seededDraws('held-out-twenty-seven');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const b64url = (s: string) => Buffer.from(s).toString('base64url');

describe('held-out set twenty-seven', () => {
  it("a record's version token (optimistic concurrency) is no credential; a drawn token beside it is found", () => {
    const path = 'doc/models/refund-payment-response.md';
    const drawn = () => rand(43, B64URL.slice(0, 62), pick) + '7o';
    const response = (name: string, v: string) => `    "status": "COMPLETED",\n    "${name}": "${v}"\n`;
    assert.deepEqual(shown(response('version_token', drawn()) + response('versionToken', drawn()), path), []);
    const k = drawn();
    assert.deepEqual(shown(response('version_token', drawn()) + response('refresh_token', k), path), [k]);
  });

  it('a PEM block ending long before the length its DER declares is an excerpt; a whole key is found', () => {
    const path = 'sdk/rest/push/v1/credential.py';
    // 30 82 04 a5 (a SEQUENCE of 1,189 bytes), version 0, then the modulus' INTEGER: a 2,048-bit RSA key.
    const opening = 'MIIEpQIBAAKCAQEA';
    const excerpt = `-----BEGIN RSA PRIVATE KEY----- ${opening}${rand(48, B64, pick)}. -----END RSA PRIVATE KEY-----`;
    const doc = `        :param private_key: [APN only] The URL-encoded private key. For example, \`${excerpt}\`\n`;
    assert.deepEqual(shown(doc, path), []);
    const escaped = `        :param private_key: For example, \`-----BEGIN RSA PRIVATE KEY-----${opening}${rand(48, B64, pick)}\\\\n.-----END RSA PRIVATE KEY-----\`\n`;
    assert.deepEqual(shown(escaped, path), []);
    const body = opening + rand(1588 - opening.length - 2, B64, pick) + '==';
    const whole = `-----BEGIN RSA PRIVATE KEY-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END RSA PRIVATE KEY-----`;
    const found = shown(`${doc}PRIVATE_KEY = """${whole}"""\n`, path);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.includes(body.slice(0, 64)));
  });

  it("a JWT whose times all fall before JWTs existed was signed under a test's frozen clock; one of a real time is found", () => {
    const path = 'test/app.test.ts';
    const header = b64url('{"alg":"RS256","typ":"JWT"}');
    const frozen = `${header}.${b64url('{"iat":-30,"exp":570,"iss":1}')}.${rand(342, B64URL, pick)}`;
    const found = (text: string) =>
      scanText(text, { path })
        .filter((f) => f.ruleId === 'secret/jwt' && f.confidence >= DEFAULT_MIN_CONFIDENCE)
        .map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found(`const BEARER =\n  "${frozen}";\n`), []);
    const live = `${header}.${b64url('{"iat":1765000000,"exp":1765000600,"iss":48213}')}.${rand(342, B64URL, pick)}`;
    assert.deepEqual(found(`const BEARER =\n  "${frozen}";\nconst INSTALLATION_BEARER =\n  "${live}";\n`), [live]);
  });

  it("base64 of a JSON object's opening (a JWT's header cut before its payload) is encoded text; a drawn token there is found", () => {
    const path = 'documents/oauth.md';
    const cut = b64url('{"typ":"JWT","alg":"RS256","jti":"Hq4').replace(/=+$/, '');
    const response = (v: string) => `{\n  "token_type": "Bearer",\n  "access_token": "${v}",\n  "expires_in": 7862400\n}\n`;
    assert.deepEqual(shown(response(cut), path), []);
    const k = key();
    assert.deepEqual(shown(response(cut) + response(k), path), [k]);
  });
});
