import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-first held-out set (twelve public repositories of cloud-native and
// platform code: CDK and Vercel examples, a local cloud emulator, two Kubernetes operators, the
// official Docker images' docs, two desktop app frameworks, a log store, Dapr's runtime and
// quickstarts, Temporal's Go samples; 2026-12-07: docs/detection.md "Held-out set twenty-one"),
// each judged by the principle that rejects it, with synthetic lines of the same shape and, beside
// each, a value in the same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-twenty-one');
const HEX = '0123456789abcdef';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CRYPT = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('held-out set twenty-one', () => {
  it("SigV4's Credential= field (a key id and its scope, or a template of one) is not a secret; a drawn value under the name is, and a key id inside is found by its own rule", () => {
    assert.deepEqual(shown('    + f"Credential={key_id}/20240101/{region}/{service}/aws4_request, "\n', 'emulator/aws/request.py'), []);
    assert.deepEqual(shown('header = re.sub(pattern, rf"Credential=\\1/\\2/{region}/", header)\n', 'emulator/aws/handlers/region.py'), []);
    const k = key();
    assert.deepEqual(shown(`header = re.sub(pattern, rf"Credential=${k}", header)\n`, 'emulator/aws/handlers/region.py'), [k]);
    const keyId = `AKIA${rand(16, BASE32, pick)}`;
    assert.deepEqual(shown(`    + f"Credential=${keyId}/20240101/{region}/{service}/aws4_request, "\n`, 'emulator/aws/request.py'), [keyId]);
  });

  it("a public key's DER (SubjectPublicKeyInfo) as a Secret's data is public; the private key's DER beside it is found", () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const priv = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const manifest = (name: string, value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: broker-keys\ntype: Opaque\ndata:\n  ${name}: ${value}\n`;
    assert.deepEqual(shown(manifest('key.pub', pub), 'tests/broker/keys.yaml'), []);
    assert.equal(shown(manifest('key.priv', priv), 'tests/broker/keys.yaml').length, 1);
  });

  it('an instruction opening the value (ReplaceThisWith…) is a placeholder; a drawn value in its place is found', () => {
    assert.deepEqual(shown('SESSION_SECRET=ReplaceThisWith48RandomBytesInBase64Url\n', 'apps/flags/.env.example'), []);
    assert.deepEqual(shown('COOKIE_SECRET=ReplaceItWith24RandomBytesBase64Str\n', 'apps/flags/.env.example'), []);
    const k = key();
    assert.deepEqual(shown(`SESSION_SECRET=${k}\n`, 'apps/flags/.env.example'), [k]);
  });

  it('a value stepping through the alphabet at a fixed period in a test is typed; a drawn value as long is found, and the typed one where it runs', () => {
    let typed = '';
    for (let i = 0; i < 24; i++) typed += String.fromCharCode(97 + (i % 26)) + String.fromCharCode(65 + (i % 26)) + String(i % 10);
    const head = rand(24, undefined, pick);
    assert.deepEqual(shown(`#     "Token": "${head}${typed}"\n`, 'tests/states/test_context.py'), []);
    // Where it runs, a typed value keeps its confidence, as set thirteen's typed patterns do.
    assert.deepEqual(shown(`TOKEN = "${head}${typed}"\n`, 'emulator/states/context.py'), [`${head}${typed}`]);
    const drawn = rand(96, undefined, pick);
    assert.deepEqual(shown(`#     "Token": "${drawn}"\n`, 'tests/states/test_context.py'), [drawn]);
  });

  it('a value the text names a digest right after, `(sha256 hash)`, is the hash; the same place without the note is a password', () => {
    const digest = rand(64, HEX, pick);
    assert.deepEqual(shown(`exports[\`masks the password 1\`] = \`"pass:${digest} (sha256 hash)"\`;\n`, 'test/snapshots/util.js.snap'), []);
    const k = key();
    assert.deepEqual(shown(`exports[\`masks the password 1\`] = \`"pass:${k} --keychain build"\`;\n`, 'test/snapshots/util.js.snap'), [k]);
  });

  it('Jsonnet is program source: an expression under a credential name is code; a quoted literal there is found', () => {
    const sha = rand(40, HEX, pick);
    assert.deepEqual(shown(`  githubAppToken: $.step.new('get app token', 'org/actions/create-app-token@${sha}'),\n`, 'ci/workflows/common.libsonnet'), []);
    const k = key();
    assert.deepEqual(shown(`  githubAppToken: '${k}',\n`, 'ci/workflows/common.libsonnet'), [k]);
  });

  it("a token's delimiter is text that separates tokens; a token constant beside it is found", () => {
    assert.deepEqual(shown('const shardTokenDelimiter = ";shard-token" //#nosec G101\n', 'pkg/ruler/ruler.go'), []);
    const k = key();
    assert.deepEqual(shown(`const shardToken = "${k}"\n`, 'pkg/ruler/ruler.go'), [k]);
  });

  it("an htpasswd line (user, colon, the password's crypt hash) is a hash; a password in the same place is found", () => {
    const line = `admin:$apr1$${rand(8, CRYPT, pick)}$${rand(22, CRYPT, pick)}`;
    assert.deepEqual(shown(`    htpasswd_contents: '${line}',\n`, 'environments/logs/main.jsonnet'), []);
    const k = key();
    assert.deepEqual(shown(`    htpasswd_password: '${k}',\n`, 'environments/logs/main.jsonnet'), [k]);
  });
});
