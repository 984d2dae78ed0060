import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { fake, rand } from '../../helpers/fake-keys';

// The six classes of false findings seen on public LLM repositories (issue #11), each built from
// synthetic lines of the same shape; and the values that must still be found next to them.
const ids = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);
const values = (text: string, path: string) => scanText(text, { path }).map((f) => text.slice(f.start, f.end));
const fence = (lang: string, body: string) => `Some prose.\n\n\`\`\`${lang}\n${body}\n\`\`\`\n`;
const notebook = (cells: Array<{ cell_type: string; source: string[]; outputs?: unknown[] }>) => JSON.stringify({ cells, metadata: {} }, null, 1);

describe('real-code classes: 1. code outside code files is judged as code', () => {
  it('fenced Python and shell in Markdown/MDX: calls, lookups and $VAR are not values', () => {
    for (const path of ['README.md', 'docs/page.mdx']) {
      assert.deepEqual(ids(fence('python', 'client = Client(api_key=Secret.from_env_var("SOME_API_KEY"))'), path), [], path);
      assert.deepEqual(ids(fence('py', "SOME_TOKEN = userdata.get('SOME_TOKEN')"), path), [], path);
      assert.deepEqual(ids(fence('python', 'db_password = os.getenv("DB_PASSWORD")'), path), [], path);
      assert.deepEqual(ids(fence('bash', 'curl https://api.example.test --header "x-api-key: $SOME_API_KEY"'), path), [], path);
    }
  });

  it('notebook code cells are code; a literal in them and a key in an output are still found', () => {
    const pw = fake.password();
    const key = fake.anthropic();
    const nb = notebook([
      { cell_type: 'code', source: ["SOME_API_KEY = userdata.get('SOME_API_KEY')\n", `db_password = "${pw}"\n`], outputs: [] },
      { cell_type: 'code', source: ['print(k)\n'], outputs: [{ output_type: 'stream', text: [`${key}\n`] }] },
    ]);
    assert.deepEqual(values(nb, 'demo.ipynb').sort(), [key, pw].sort());
  });

  it('code and shell commands inside JSON string values', () => {
    const flow = JSON.stringify({ nodes: [{ code: 'const token = getToken(ctx);\nconst auth = headers.authorization;\nreturn fetch(url)' }] });
    assert.deepEqual(ids(flow, 'flow.json'), []);
    const cmd = JSON.stringify({ steps: ['curl -H "Authorization: Bearer $SOME_TOKEN" https://api.example.test'] });
    assert.deepEqual(ids(cmd, 'steps.json'), []);
  });
});

describe('real-code classes: 2. annotations, defaults and doc types', () => {
  it('type annotations and doc types are not values', () => {
    assert.deepEqual(ids('def f(token: Secret | None = None):\n    pass\n', 'a.py'), []);
    assert.deepEqual(ids('    :vartype credentials: ~pkg.models.Credentials\n', 'a.py'), []);
    assert.deepEqual(ids(fence('python', '    :vartype credentials: ~pkg.models.Credentials'), 'api.md'), []);
  });

  it('destructuring and member calls are code, in code files and in prose', () => {
    assert.deepEqual(ids('const { credentialsApi, baseUrl } = useApiContext()\n', 'a.tsx'), []);
    assert.deepEqual(ids('const [words, _, token_indices] = this.combineTokens(ids)\n', 'a.js'), []);
    assert.deepEqual(ids('{ [this.primaryKey]: this.prefixed(key) }\n', 'a.ts'), []);
    assert.deepEqual(ids('`Token count before: ~${totalTokensBefore} tokens`\n', 'a.ts'), []);
  });
});

describe('real-code classes: 3. placeholders and dummies', () => {
  it('angle-bracket, brace and prose placeholders', () => {
    for (const v of ['<YOUR_SOMEVENDOR_API_KEY>', '<your-access-key>', '<your_AOAI_key>', '{from environment variables}'])
      assert.deepEqual(ids(`    apiKey: ${v}\n`, 'docs/provider.mdx'), [], v);
    assert.deepEqual(ids('# SOME_STORAGE_ACCOUNT_KEY=<your-account-key>\n', '.env.example'), []);
    assert.deepEqual(ids('- `SOME_AUTH_TOKEN`: Your user auth token (needs scopes: `org:read`)\n', 'guide.md'), []);
    assert.deepEqual(ids('apiKey: API_KEY/OTHER_KEY/USERNAME:PASSWORD\n', 'config.yaml'), []);
  });

  it('dummy values made of test words and counting runs', () => {
    for (const v of ['token123', 'test-password', 'testpwd', 'sk-ant-test123456789', 'old-token-value-1234567890ab', 'TEST-test-invalid-key-format', 'testApiKey'])
      assert.deepEqual(ids(`const config = { api_key: "${v}" }\n`, 'a.test.ts'), [], v);
    assert.deepEqual(ids('headers: { Authorization: "Bearer token123" }\n', 'README.md'), []);
    const basic = (userPass: string) => Buffer.from(userPass).toString('base64');
    assert.deepEqual(ids(`headers: { authorization: 'Basic ${basic('user:pass')}' }\n`, 'a.test.ts'), []);
    assert.deepEqual(ids(`Authorization: Basic ${basic('user:pass')}\n`, 'req.http'), []);
    assert.deepEqual(ids(`Authorization: Basic ${basic(`deploy:${rand(6)}!${rand(8)}`)}\n`, 'req.http'), ['secret/authorization-header']);
  });

  it('a generated-looking value next to them is still found', () => {
    const v = `${rand(8)}7${rand(16)}`;
    assert.deepEqual(values(`const config = { api_key: "${v}" }\n`, 'a.ts'), [v]);
    // rotation-guard:allow reason: a test input that must be found
    assert.deepEqual(ids('password = "rootpasswd"\n', 'main.tf'), ['secret/hardcoded-password']);
  });
});

describe('real-code classes: 4. value boundaries', () => {
  it('an unquoted value stops at a quote, an escaped quote and the next command-line option', () => {
    assert.deepEqual(ids('run: echo "//registry.example.test/:_authToken=$NPM_TOKEN" >> ~/.npmrc\n', 'ci.yml'), []);
    assert.deepEqual(ids('npx server --access-token=YOUR_SOME_TOKEN --host=example.test\n', 'guide.md'), []);
    assert.deepEqual(ids('"args": "docker run -e SOME_TOKEN=\\"$SOME_TOKEN\\" -e OTHER=1 image"\n', 'mcp.json'), []);
  });

  it('an empty value does not take the comment after it', () => {
    assert.deepEqual(ids('# SOME_ALLOWED_SECRET_DOMAINS= #(comma-separated list, e.g. a.example.test,b.example.test)\n', '.env.example'), []);
    assert.deepEqual(ids('SOME_API_TOKEN= # set me\n', '.env.example'), []);
  });

  it('$VAR and ${VAR} inside a string are references', () => {
    assert.deepEqual(ids('auth_header: "Bearer ${SOME_TOKEN}"\n', 'config.yaml'), []);
    assert.deepEqual(ids('SOME_PASSWORD="prefix-$DB_PASSWORD_FROM_ENV"\n', 'run.sh'), []);
  });
});

describe('real-code classes: 5. provider prefixes inside larger tokens', () => {
  it('a prefix inside a base64 blob or an integrity hash is chance', () => {
    const blob = `${rand(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}+AP9${rand(60)}+/${rand(20)}`;
    assert.deepEqual(ids(`{"outputs": [{"data": {"image/png": "${blob}"}}]}\n`, 'n.ipynb'), []);
    assert.deepEqual(ids(`    "integrity": "sha512-${rand(30)}+AP6${rand(50)}==",\n`, 'package-lock.json'), []);
  });
});

describe('real-code classes: 6. credential words inside other names', () => {
  it('names that only hold a credential word', () => {
    assert.deepEqual(ids("const localStorageKeyOrderBy = 'docs_orderBy'\n", 'a.js'), []);
    assert.deepEqual(ids("process.env.SOME_ALLOWED_TOKEN_DOMAINS = ' a.example.test , b.example.test '\n", 'a.ts'), []);
    assert.deepEqual(ids("const c = await pipeline('token-classification', 'someorg/bert-base-NER')\n", 'a.js'), []);
    assert.deepEqual(ids("serviceDataAccessAuthIdentity: 'managed-identity-9f3a2b7c'\n", 'a.yaml'), []);
  });

  it('"pass" as a verb in prose, and lockfile dependency lines', () => {
    // rotation-guard:allow reason: prose test input (a Markdown line, here inside a TypeScript string)
    assert.deepEqual(ids('- All tests pass: `LocalClientThing` (8) and more.\n', 'TESTING.md'), []);
    assert.deepEqual(ids(' * Second-pass: Re-ranks the results of the first pass\n', 'a.ts'), []);
    assert.deepEqual(ids(" * and pass \"includeModel: true\" instead\n", 'a.ts'), []);
    assert.deepEqual(ids("      '@inquirer/password': 4.0.16(@types/node@24.13.2)\n", 'pnpm-lock.yaml'), []);
  });
});

describe('real-code classes: generated code and data seen in three more LLM repositories', () => {
  it('minified code, class-name tables, redaction markers, file names and JSON in strings', () => {
    assert.deepEqual(ids('const aQ={text:!0,search:!0,email:!0,password:!0,number:!0};function UP(e){}\n', 'report.html'), []);
    assert.deepEqual(ids('properties:{accept:sf,accessKey:Et,action:null,allow:null}\n', 'bundle.js.html'), []);
    assert.deepEqual(ids("types = {'AccessKey': 'AccessKeyAuthTypeConnectionProperties', 'UsernamePassword': 'UsernamePasswordAuthTypeProperties'}\n", 'models.py'), []);
    assert.deepEqual(ids('expected = "credential=**data_scrubbed** accountkey=**data_scrubbed**"\n', 'test_x.py'), []);
    assert.deepEqual(ids('"/usr/lib/python3/site-packages/hub/utils/_token.py:88: UserWarning: \\n",\n', 'n.ipynb'), []);
    assert.deepEqual(ids(`ENV SOME_AUTH='{"path": "./graphs/auth.mts:auth"}'\n`, 'test_config.py'), []);
    assert.deepEqual(ids('let mut res: *mut libc::passwd = ptr::null_mut();\n', 'chunks.txt'), []);
  });
});

describe('real-code classes: seen in two repositories read this session (autogen, langfuse)', () => {
  it('code around a value: a block comment closing after `default`, a logged Python repr, a template that counts, a CSS variable', () => {
    assert.deepEqual(ids('  Task Run(AgentId agentId/*, CancellationToken? cancellationToken = default*/);\n', 'IAgentRuntime.cs'), []);
    const repr = JSON.stringify({ output: 'Message(metrics=None, time=None, time_to_first_token=None, timer=None), references=None, created_at=1749650492)' });
    assert.deepEqual(ids(`${repr}\n`, 'traces/agno.json'), []);
    assert.deepEqual(ids('  return { token: `token-${++counter}`, expiresAt };\n', 'manager.test.ts'), []);
    assert.deepEqual(ids('  { token: "--background", label: "Background" },\n', 'Layout.tsx'), []);
  });

  it('names and labels: a storage slot, a signed URL\'s credential scope, a password field\'s label, a package patch path', () => {
    assert.deepEqual(ids('const STORAGE_KEY = "acme:json-view-preferences";\n', 'prefs.ts'), []);
    const signed = 'https://storage.example.test/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40proj-123.iam.gserviceaccount.com%2F20251104%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20251104T052053Z';
    assert.deepEqual(ids(`url = "${signed}"\n`, 'fixture.ts'), []);
    assert.deepEqual(ids('security:\n  - password: Acme Secret Key\n', 'api.yml'), []);
    assert.deepEqual(ids('security:\n  - password: "Acme Secret Key"\n', 'api.yml'), []);
    assert.deepEqual(ids('patchedDependencies:\n  some-auth@4.24.15: patches/some-auth@4.24.15.patch\n', 'pnpm-workspace.yaml'), []);
  });

  it('stand-ins: a dunder sentinel, a PEM with no key in it, a "not required" phrase, a user name in a URL', () => {
    assert.deepEqual(ids('  secretKey: "__BEDROCK_DEFAULT_CREDENTIALS__",\n', 'api.test.ts'), []);
    assert.deepEqual(ids('  private_key: "-----BEGIN PRIVATE KEY-----\\ntest\\n-----END PRIVATE KEY-----",\n', 'api.test.ts'), []);
    assert.deepEqual(ids('client = Client(api_key="NotRequiredSinceWeAreLocal")\n', 'local.py'), []);
    assert.deepEqual(ids('expect(msg).toBe("Redis connection to redis://password:secret@host:6379 failed");\n', 'errors.test.ts'), []);
  });

  it('next to them, real values are still found: a key after the same name, a password with spaces in an env file, a key inside a logged repr', () => {
    const key = fake.openaiProject();
    assert.deepEqual(values(`cancellationToken = "${key}";\n`, 'a.cs'), [key]);
    // Each word holds a digit (a random run of lower-case letters alone is a prose word, 0.3 % of
    // draws) and no letter thrice in a row (`XXX` is a placeholder's mark).
    let pw: string;
    do pw = `${rand(9)}3 ${rand(7)}8`;
    while (/(.)\1\1/i.test(pw));
    assert.deepEqual(values(`DB_PASSWORD=${pw}\n`, '.env'), [pw]);
    const secret = rand(40);
    assert.deepEqual(values(`{"output": "Config(timeout=30, api_key=${secret}, retries=3)"}\n`, 'trace.json'), [secret]);
  });
});

describe('real-code classes: keys are still found where they hide', () => {
  it('a provider key pasted into prose, a notebook output, a JSONL trace and a Markdown code block', () => {
    const key = fake.openaiProject();
    assert.deepEqual(values(`Use this key for the tool: ${key} and nothing else.\n`, 'prompts/system.md'), [key]);
    const nb = notebook([{ cell_type: 'code', source: ['print(os.environ)\n'], outputs: [{ output_type: 'stream', text: [`{'OPENAI_API_KEY': '${key}'}\n`] }] }]);
    assert.deepEqual(values(nb, 'leak.ipynb'), [key]);
    const trace = JSON.stringify({ request: { headers: { authorization: `Bearer ${key}` } } });
    assert.deepEqual(values(`${trace}\n`, 'traces.jsonl'), [key]);
    assert.deepEqual(values(fence('python', `client = OpenAI(api_key="${key}")`), 'README.md'), [key]);
  });

  it('a webhook signing secret is its own finding, not a Stripe key', () => {
    const v = `whsec_${rand(32)}`;
    assert.deepEqual(ids(`SOME_WEBHOOK_SECRET=${v}\n`, '.env'), ['secret/webhook-signing-secret']);
  });
});
