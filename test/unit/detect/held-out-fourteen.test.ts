import { strict as assert } from 'node:assert';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a fourteenth held-out set (twelve public repositories of LLM application
// stacks, gateways and ML platforms: Go services with vendored modules, Python SDKs, Java libraries,
// recorded HTTP fixtures; 2026-12-07: docs/detection.md "Held-out set fourteen"), each judged by the
// principle that rejects it, with synthetic lines of the same shape and, beside each, a value in the
// same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-fourteen');

describe('held-out set fourteen', () => {
  it("JSON's `\\u0026` is `&`: a name after it is the next query parameter (an empty `pageToken=` is a cursor's), and a value ends before the next `\\u0026name=`", () => {
    const replay = (q: string) => `{\n  "Request": {\n    "Method": "GET",\n    "URL": "https://storage.example.com/v1/b/bucket-0001/o?alt=json${q}\\u0026prettyPrint=false"\n  }\n}\n`;
    assert.deepEqual(shown(replay('\\u0026delimiter=\\u0026pageToken=\\u0026prefix=obj'), 'internal/storage/storage.replay'), []);
    assert.deepEqual(shown(replay(`\\u0026maxResults=1\\u0026pageToken=${rand(20, undefined, pick)}\\u0026prefix=obj`), 'internal/storage/storage.replay'), []);
    const k = key();
    // The drawn token is found, and only the token: the span stops at the escaped `&`.
    assert.deepEqual(shown(replay(`\\u0026access_token=${k}\\u0026prefix=obj`), 'internal/storage/storage.replay'), [k]);
  });

  it('a Python object reference (`module:attribute`, relative or of three names) in a lazy-import table is code; a drawn value under the same name is found', () => {
    const table = (v: string) => `LAZY_ATTRS = {\n    "Service": "._impl.service:Service",\n    "AuthToken": "${v}",\n}\n`;
    assert.deepEqual(shown(table('._impl.cloud.auth_token:AuthToken'), 'src/acme/__init__.py'), []);
    assert.deepEqual(shown(table('acme.cloud.auth_tokens:TokenStore'), 'src/acme/__init__.py'), []);
    const k = key();
    assert.deepEqual(shown(table(k), 'src/acme/__init__.py'), [k]);
  });

  it('`>=`, `<=` and `!=` compare: the operand after them is not a value given to a credential word; a literal assigned beside is found', () => {
    const go = (v: string) => `func seal(signingKey, publicKey []byte) []byte {\n\tsigningKeyCap, sealedKeyLen, publicKeyLen := cap(signingKey), len(signingKey), len(publicKey)\n\tif signingKeyCap >= sealedKeyLen+publicKeyLen {\n\t\treturn signingKey\n\t}\n${v}\treturn nil\n}\n`;
    assert.deepEqual(shown(go(''), 'internal/crypto/seal.go'), []);
    const k = key();
    assert.deepEqual(shown(go(`\tsigningKey := "${k}"\n`), 'internal/crypto/seal.go'), [k]);
  });

  it("a composite literal (a type's name and `{`) assigned in program source is code; a string literal there is found", () => {
    assert.deepEqual(shown("var (\n\tserverSecrets = keySet{[]byte{'x'}, []byte{'y'}}\n)\n", 'internal/transport/keys.go'), []);
    const k = key();
    assert.deepEqual(shown(`var (\n\tserverSecrets = "${k}"\n)\n`, 'internal/transport/keys.go'), [k]);
  });

  it("a string literal spelling a control character (a format's magic `…-v2\\x00`) is bytes, not a credential; a drawn constant is found", () => {
    assert.deepEqual(shown('const signingKeyMagic = "sealed-key-v2\\x00"\n', 'internal/seal/format.go'), []);
    const k = key();
    assert.deepEqual(shown(`const signingKeyMagic = "${k}"\n`, 'internal/seal/format.go'), [k]);
  });

  it('a Smithy shape ID (`namespace#Shape`) and three or more dotted names with a version digit (`auth2.session.refreshToken`) are names; drawn values under the same constants are found', () => {
    assert.deepEqual(shown('const (\n\tSchemeIDSessionToken = "acme.iam#sessionTokenAuth"\n)\n', 'auth/scheme.go'), []);
    assert.deepEqual(shown('const (\n\tsessionTokenKey = "auth2.session.refreshToken"\n)\n', 'auth/context.go'), []);
    const k = key();
    assert.deepEqual(shown(`const (\n\tSchemeIDSessionToken = "${k}"\n)\n`, 'auth/scheme.go'), [k]);
    assert.deepEqual(shown(`const (\n\tsessionTokenKey = "${k}"\n)\n`, 'auth/context.go'), [k]);
  });

  it("a connection string's `;` ends a setting's value: a placeholder there is judged alone, and a drawn key is found without the next setting", () => {
    const comment = (v: string) => `\t// Format: Protocol=https;AccountName=acct;AccountKey=${v};EndpointSuffix=core.example.net\n`;
    assert.deepEqual(shown(comment('key-goes-here'), 'blob/azure/open.go'), []);
    const k = key();
    assert.deepEqual(shown(comment(k), 'blob/azure/open.go'), [k]);
    // A whole connection string under a connection string's name is one value, not cut at its first setting.
    const whole = `Host=localhost;Username=app;Password=${k};Database=app_dev`;
    assert.deepEqual(shown(`env:\n  DB_CONNECTIONSTRING: "${whole}"\n`, '.github/workflows/db.yml'), [whole]);
  });

  it('the "your … here" template in leetspeak (`Y0urL1c3ns3H3re`) is a placeholder; a drawn licence key in the same command is found', () => {
    const row = (v: string) => `[{"instruction": "How do I add a licence?", "output": "Start it with -e APP_LICENSE_KEY=\\"${v}\\" or mount a file."}]\n`;
    assert.deepEqual(shown(row('Y0urL1c3ns3H3re'), 'data/docs.train.json'), []);
    const k = key();
    assert.deepEqual(shown(row(k), 'data/docs.train.json'), [k]);
  });
});
