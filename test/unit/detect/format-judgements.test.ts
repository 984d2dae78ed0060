import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MIN_CONFIDENCE } from '../../../core/detect';
import { passwordHashFormat } from '../../../core/detect/rules/password-hashes';
import { signatureMismatch } from '../../../core/detect/rules/structural/jwt-signature';
import { B64URL, found, shown } from '../../helpers/detect-kit';
import { rand } from '../../helpers/fake-keys';

// Issue #21, held-out set five: values whose own documented format says what they are. Every
// token and hash here is generated at test time.

const b64url = (s: string) => Buffer.from(s).toString('base64url');
const header = (alg: string) => b64url(JSON.stringify({ alg, typ: 'JWT' }));
const payload = () => b64url(JSON.stringify({ sub: rand(12), iat: 1700000000 + Number(rand(5, '0123456789')) }));
const token = (alg: string, sigChars: number) => `${header(alg)}.${payload()}.${rand(sigChars, B64URL)}`;
const only = (text: string, path: string) => found(text, path).map((f) => [f.ruleId, f.confidence >= DEFAULT_MIN_CONFIDENCE, f.message] as const);

describe('JWT signatures judged by their algorithm (issue #21, set five)', () => {
  it('each algorithm has the signature length RFC 7518 fixes', () => {
    const fits: [string, number][] = [['HS256', 43], ['HS384', 64], ['HS512', 86], ['RS256', 342], ['RS256', 512], ['RS512', 683], ['PS256', 342], ['ES256', 86], ['ES384', 128], ['ES512', 176], ['EdDSA', 86], ['EdDSA', 152]];
    for (const [alg, n] of fits) assert.equal(signatureMismatch(header(alg), rand(n, B64URL)), undefined, `${alg} ${n}`);
    const misfits: [string, number][] = [['HS256', 6], ['HS256', 17], ['HS256', 86], ['RS256', 43], ['ES256', 43], ['HS512', 43]];
    for (const [alg, n] of misfits) assert.match(signatureMismatch(header(alg), rand(n, B64URL)) ?? '', new RegExp(`${n}-character signature`), `${alg} ${n}`);
    assert.equal(signatureMismatch(header('XY999'), rand(6, B64URL)), undefined, 'an algorithm RFC 7518 does not name is not judged');
    assert.equal(signatureMismatch(b64url(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A256GCM' })), rand(6, B64URL)), undefined, 'an encrypted token is not judged');
  });

  it('a token whose signature cannot be its algorithm\'s is reported below the default threshold, saying why', () => {
    for (const text of [`const t = "${token('HS256', 17)}";\n`, `const t = "${header('HS256')}.${payload()}.${rand(6, B64URL)}";\n`]) {
      const fs = only(text, 'test/auth.test.ts');
      assert.equal(fs.length, 1, text);
      assert.equal(fs[0]![0], 'secret/jwt');
      assert.equal(fs[0]![1], false);
      assert.match(fs[0]![2], /cannot be an HS256 signature \(always 43 characters\)/);
    }
    const bearer = only(`headers = {"Authorization": "Bearer ${token('HS256', 20)}"}\n`, 'tests/test_api.py');
    assert.deepEqual(bearer.map(([id, shownAtDefault]) => [id, shownAtDefault]), [['secret/authorization-header', false]]);
    assert.match(bearer[0]![2], /in an Authorization header .*20-character signature/);
  });

  it('an unsigned token (alg none, empty signature) is left as found: a server that accepts it takes it as a session', () => {
    assert.deepEqual(shown(`const t = "${header('none')}.${payload()}.";\n`, 'src/session.ts'), ['secret/jwt']);
  });

  it('real-shape tokens stay at their confidence, wherever they are', () => {
    for (const [alg, n] of [['HS256', 43], ['RS256', 342], ['ES256', 86]] as const) {
      assert.deepEqual(shown(`const t = "${token(alg, n)}";\n`, 'src/session.ts'), ['secret/jwt'], alg);
      assert.deepEqual(shown(`Authorization: Bearer ${token(alg, n)}\n`, 'tests/fixtures/response.txt'), ['secret/authorization-header'], alg);
    }
  });
});

describe('password hashes (issue #21, set five)', () => {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const CRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const hashes = (): [string, string][] => [
    [`$argon2id$v=19$m=65536,t=3,p=4$${rand(22, B64)}$${rand(43, B64)}`, 'PHC'],
    [`$scrypt$ln=16,r=8,p=1$${rand(22, B64)}$${rand(43, B64)}`, 'PHC'],
    [`$pbkdf2-sha256$29000$${rand(22, CRYPT)}$${rand(43, CRYPT)}`, 'PHC'],
    [`$2b$12$${rand(53, CRYPT)}`, 'bcrypt'],
    [`$6$rounds=5000$${rand(16, CRYPT)}$${rand(86, CRYPT)}`, 'SHA-512'],
    [`$1$${rand(8, CRYPT)}$${rand(22, CRYPT)}`, 'MD5'],
    [`pbkdf2_sha256$870000$${rand(22)}$${rand(43, B64)}=`, 'Django'],
    [`pbkdf2:sha256:600000$${rand(16)}$${rand(64, '0123456789abcdef')}`, 'Werkzeug'],
    [`{SSHA}${rand(32, B64)}`, 'LDAP'],
    // Held-out set fifteen: Django's legacy hashers and phpass (WordPress, phpBB).
    [`md5$${rand(12)}$${rand(32, '0123456789abcdef')}`, 'Django legacy'],
    [`sha1$${rand(5)}$${rand(40, '0123456789abcdef')}`, 'Django legacy'],
    [`$P$B${rand(30, CRYPT)}`, 'phpass'],
    [`$H$9${rand(30, CRYPT)}`, 'phpass'],
    // Held-out set sixteen: a known function's identifier opening a hash whose fields do not fit
    // its lengths (a parser's test of a truncated or broken hash) is a hash's text all the same.
    [`$2b$12$${rand(20, CRYPT)}`, 'Modular Crypt Format'],
    [`$argon2id$v=19$m=65536,t=1,p=1$abc$def`, 'Modular Crypt Format'],
  ];

  it('each documented format is recognised; a password or key is not', () => {
    for (const [h, format] of hashes()) assert.match(passwordHashFormat(h) ?? '', new RegExp(format), h.slice(0, 12));
    assert.equal(passwordHashFormat(`$$2y$$10$$${rand(53, CRYPT)}`), 'bcrypt', "a compose file's $$");
    for (const v of [rand(32), `${rand(8)}$${rand(12)}`, `$${rand(6, 'abcdefghij')}$${rand(8)}$${rand(12)}`, `$argon2id$${rand(30)}`, `p@ss$word${rand(14)}`, `md5$${rand(8)}$${rand(31, '0123456789abcdef')}`, `$P$B${rand(20, CRYPT)}`]) assert.equal(passwordHashFormat(v), undefined, v.slice(0, 10));
  });

  it('a hash assigned to a password is reported below the default threshold, saying it is a hash', () => {
    for (const [h] of hashes()) {
      const fs = only(`fake_users_db = {"johndoe": {"hashed_password": "${h}"}}\n`, 'docs_src/security/tutorial004.py');
      assert.ok(fs.length <= 1, h.slice(0, 12));
      for (const [, shownAtDefault, message] of fs) {
        assert.equal(shownAtDefault, false, h.slice(0, 12));
        assert.match(message, /password hash .*can be cracked offline/);
      }
    }
    assert.deepEqual(shown(`DB_PASSWORD = "${rand(20)}"\n`, 'app/settings.py'), ['secret/hardcoded-password'], 'a password stays a password');
  });
});

describe('published emulator keys (issue #21, set five)', () => {
  const FIXTURE = join(__dirname, '../../../../test/fixtures/published-example-keys.txt');
  const keys = readFileSync(FIXTURE, 'utf8').split('\n').filter((l) => l.length === 88);

  it("the Cosmos DB and Azurite emulators' well-known keys are not reported; the same shape otherwise is", () => {
    assert.equal(keys.length, 2);
    for (const key of keys) assert.deepEqual(found(`COSMOS = "AccountEndpoint=https://localhost:8081/;AccountKey=${key};"\n`, 'tests/integration/test_cosmos.py'), []);
    const other = `${rand(86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}==`;
    assert.deepEqual(shown(`AccountKey=${other}\n`, 'config.txt'), ['secret/azure-storage-key']);
  });
});
