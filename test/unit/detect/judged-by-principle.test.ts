import { strict as assert } from 'node:assert';
import { isPlaceholder } from '../../../core/detect/judge/placeholders';
import { assertFoundOnce, assertNoneShown, B64URL, found, shown } from '../../helpers/detect-kit';
import { rand } from '../../helpers/fake-keys';

// False-positive classes left on the pool of issue #21 after its first round, each written by hand
// as a near miss of the same shape (never a pool value), beside the credential of the same form
// that must stay found. Every rule here is a principle, not a list of the pool's strings.
const b64url = (s: string) => Buffer.from(s).toString('base64url');
// The signature has the length its algorithm fixes (HS256 43 characters, RS256 342 with a 2048-bit key: rules/structural/jwt-signature.ts).
const jwt = (header: { alg: string; [claim: string]: string }, payload: object) => `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${rand(header.alg === 'RS256' ? 342 : 43, B64URL)}`;

describe('judged by principle (issue #21): comments and the word pass', () => {
  it('`pass` followed by another word, or in a comment, is not a password name', () => {
    assertNoneShown([
      ['\t// Pre-pass: loop-control macro expansion. Loop and Branch are\n', 'internal/flow/scheduler.go'],
      ['// Unknown kinds pass through (parity with: flow_api.py:1234).\n', 'internal/handler/schema.go'],
      ['    "en": {"pass_obj": "dobjpass", "subj": "nsubj"},\n', 'rag/ner/relations.py'],
      ['      table.add_row("Pass Rate", f"{self.pass_rate:.1f}%")\n', 'eval/judge.py'],
      ['\t\t// Decrypt using password "Summer"\n', 'internal/common/crypto_test.go'],
      ['    2. User name and password: -u/--user and -p/--password\n', 'internal/cli/usage.go'],
    ]);
  });

  it('a password config name, the code form password "value" and a quoted key in a comment stay found', () => {
    assert.deepEqual(shown(`DB_PASS = "${rand(16)}"\n`, 'settings.py'), ['secret/hardcoded-password']);
    assert.deepEqual(shown(`smtp_pass_main := "${rand(16)}"\n`, 'mail/config.go'), ['secret/hardcoded-password']);
    assert.deepEqual(shown(`\t// conn.pass = "${rand(16)}"\n`, 'db/conn.go'), ['secret/hardcoded-password']);
    assert.deepEqual(shown(`\tconn.Login(user, password "${rand(14)}")\n`, 'db/login.go'), ['secret/hardcoded-password']);
    assert.deepEqual(shown(`#     Config(client_id="abc", client_secret="${rand(32)}")\n`, 'connectors/box.py'), ['secret/generic-api-key']);
  });
});

describe('judged by principle (issue #21): code, identifiers and labels', () => {
  it('identifiers, C# null-forgiving defaults, n8n expressions, storage slot names and translated labels are not values', () => {
    assertNoneShown([
      ['    public Task RunAsync(CancellationToken cancellationToken = default!)\n', 'src/Agents/Handler.cs'],
      ["\t\t\t\tAuthorization: '=Token {{$credentials.apiKey}}',\n", 'nodes/credentials/Service.credentials.ts'],
      ['const PANEL_STATE_STORAGE_KEY = "panel3-collapsed:tools";\n', 'web/src/components/Panel.tsx'],
      ["      authCode: 'IMAP-Passwort/Mail-Passwort',\n", 'web/src/locales/de.ts'],
      ["        authMethods: 'Anmeldeverfahren',\n", 'web/src/locales/de.ts'],
      ['        this.plainTextSecret = plainTextSecretAsBytes;\n', 'data/corpus.txt'],
      ['        var settings = MistralAIChatExecutionSettings.FromExecutionSettings(executionSettings);\n', 'src/Connectors/MistralClient.cs'],
      ["    req.headers.set('authorization', 'AWS4-HMAC-SHA256 Credential=fixture');\n", 'src/signing.test.ts'],
      ['    sas_token="sp=r&st=2026-01-01T00:00:00Z&se=2026-12-31T00:00:00Z&spr=https&sv=2024-11-04&sr=c&sig=xyz789",\n', 'tests/unit/test_blob.py'],
    ]);
  });

  it('a Mistral key after its provider name, and a random storage key, stay found', () => {
    assert.deepEqual(shown(`MISTRAL_API_KEY=${rand(32)}\n`, '.env'), ['secret/mistral-api-key']);
    assert.deepEqual(shown(`AZURE_STORAGE_KEY = "${rand(30)}"\n`, 'config.py').length, 1);
    const sig = encodeURIComponent(Buffer.from(rand(32)).toString('base64'));
    assert.deepEqual(shown(`sas_token = "sv=2024-11-04&ss=b&srt=sco&sp=rl&se=2026-12-31T00:00:00Z&sig=${sig}"\n`, 'app/blob.py'), ['secret/generic-api-key']);
  });
});

describe('judged by principle (issue #21): minified bundles', () => {
  it('a minifier\'s `a:b@c` is no URL password in a bundle; a provider key there and the same URL in source stay found', () => {
    const url = `proto://${rand(4, 'abcdefghijklmnopqrstuvwxyz')}:${rand(16)}@${rand(6, 'abcdefghijklmnopqrstuvwxyz')}`;
    const line = `var e=function(t){return"${url}"+t};\n`;
    assert.deepEqual(shown(line, '.yarn/releases/yarn-9.9.9.cjs'), []);
    assert.deepEqual(shown(line, 'src/client.js'), ['secret/url-credentials']);
    assert.deepEqual(shown(`var e={k:"ghp_${rand(36)}"};\n`, 'dist/app.min.js'), ['secret/github-token']);
  });
});

describe('judged by principle (issue #21): what a JWT says about itself', () => {
  const HS = { alg: 'HS256', typ: 'JWT' };
  it('a token for an example subject, a test issuer or key id, or a reserved domain sits below the default threshold', () => {
    const examples = [
      jwt(HS, { sub: '1234567890' }),
      jwt(HS, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
      jwt({ alg: 'RS256', typ: 'JWT', kid: 'test-key-id' }, { iss: 'test@test.iam.gserviceaccount.com', scope: 'cloud-platform' }),
      jwt(HS, { iss: 'https://auth.example.com', sub: rand(12) }),
      jwt(HS, { sub: 'user-42', aud: 'api.test' }),
    ];
    assertFoundOnce(examples.map((t) => [`const token = '${t}'\n`, 'src/auth.test.ts']), { shown: false });
    // Outside tests and docs the claims alone do not clear it: a real token can carry them.
    for (const t of examples) assert.deepEqual(shown(`const token = '${t}'\n`, 'src/auth.ts'), ['secret/jwt']);
  });

  it('a Supabase anon key is public by design; a service-role key and a session token stay found', () => {
    const anon = jwt(HS, { iss: 'supabase', ref: rand(20, 'abcdefghijklmnopqrstuvwxyz'), role: 'anon', iat: 1700000000, exp: 2000000000 });
    assert.deepEqual(shown(`SUPABASE_ANON_KEY = "${anon}"\n`, 'cli/constants.py'), []);
    const service = jwt(HS, { iss: 'supabase', ref: rand(20, 'abcdefghijklmnopqrstuvwxyz'), role: 'service_role', iat: 1700000000 });
    assert.ok(shown(`const k = "${service}"\n`, 'src/db.ts').includes('secret/jwt'));
    const session = jwt(HS, { session_id: `${rand(8, 'abcdef0123456789')}-${rand(4, 'abcdef0123456789')}`, sub: `usr_${rand(16)}`, iat: 1750000000 });
    assert.ok(shown(`  string: '{"jwt":"${session}"}'\n`, 'tests/cassettes/session.yaml').includes('secret/jwt'));
  });
});

describe('judged by principle (issue #21): descriptive placeholder words', () => {
  it('a determiner before the field noun describes a value (someuser, somepassword, anysecret)', () => {
    for (const v of ['somepassword', 'some_password', 'any-secret', 'the_token', 'someuser', 'our-api-key', 'other_password']) assert.ok(isPlaceholder(v), v);
    assert.deepEqual(shown('const url = "postgres://someuser:somepassword@db.internal:5432/app"\n', 'src/db.ts'), []);
  });

  it('a generated value holding such a word by chance is not a placeholder', () => {
    assert.equal(isPlaceholder(`${rand(12)}someKey${rand(12)}9`), false);
    assert.deepEqual(shown(`const url = "postgres://app:${rand(20)}@db.internal:5432/app"\n`, 'src/db.ts'), ['secret/url-credentials']);
  });
});

describe('public/firebase-web-api-key (issue #21): a Firebase web config is public by design', () => {
  const key = () => `AIza${rand(35, B64URL)}`;

  it('true samples: the key of a web config object and of google-services.json is information, below the default threshold', () => {
    const web = `const firebaseConfig = {\n  apiKey: "${key()}",\n  authDomain: "demo-app-4f2.firebaseapp.com",\n  projectId: "demo-app-4f2",\n  storageBucket: "demo-app-4f2.appspot.com",\n  messagingSenderId: "${rand(12, '0123456789')}",\n  appId: "1:${rand(12, '0123456789')}:web:${rand(22, 'abcdef0123456789')}"\n};\n`;
    const android = `{\n  "project_info": {\n    "project_number": "${rand(12, '0123456789')}",\n    "firebase_url": "https://demo-app-4f2.firebaseio.com",\n    "project_id": "demo-app-4f2"\n  },\n  "client": [{ "api_key": [{ "current_key": "${key()}" }] }]\n}\n`;
    for (const [text, path] of [[web, 'web/src/firebase.ts'], [android, 'android/app/google-services.json']] as const) {
      assert.deepEqual(shown(text, path), [], path);
      const info = found(text, path).filter((f) => f.ruleId === 'public/firebase-web-api-key');
      assert.equal(info.length, 1, path);
      assert.equal(info[0]!.severity, 'info');
    }
  });

  it('false samples: the same key shape outside such a config stays a Google API key', () => {
    assert.deepEqual(shown(`GEMINI_API_KEY=${key()}\n`, '.env'), ['secret/google-api-key']);
    assert.deepEqual(shown(`client = genai.Client(api_key="${key()}")  # projectId is read elsewhere\n`, 'app.py'), ['secret/google-api-key']);
  });
});
