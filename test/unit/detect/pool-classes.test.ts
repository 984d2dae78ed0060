import { strict as assert } from 'node:assert';
import { assertFoundOnce, assertNoneShown, B64URL, shown } from '../../helpers/detect-kit';
import { fake, rand } from '../../helpers/fake-keys';

// Classes of false findings read by hand on the pool of issue #21 (bench/realworld/labels.json),
// each as a synthetic line of the same shape; and the values that must still be found next to them.

describe('pool classes (issue #21): code read as a value', () => {
  it('call chains, f-strings, printf formats, slots, composite literals and conditions are code', () => {
    assertNoneShown([
      ['   * `createGateway({ apiKey: token }).transcription(modelId)` — the token rides along\n', 'src/provider.ts'],
      ['  ApproximateTokenCounter(chars_per_token=4.0).count(messages)\n', 'releasenotes/notes/add-counters.yaml'],
      ['        self.headers = {"Authorization": f"{self.api_key}"}\n', 'tools/linear.py'],
      ['        "Authorization": f"Client-ID {self.access_key}",\n', 'tools/unsplash.py'],
      ['\t"server=%s;port=%d;user id=%s;password=%s;database=%s",\n', 'tool/exesql.go'],
      ['        "password": <decrypted password>,\n', 'services/user_account.py'],
      ['\ttoken := restAPIJSONPathToken{recursive: pendingRecursive}\n', 'connector/rest_api.go'],
      ['        if prod_keys != dry_run_keys:\n', 'comparator.py'],
      ['const sessionKeyPlan = "__planexecute_plan"\n', 'planexecute/plan.go'],
      ['      "TokenChunker:BumpyStarsPress": {\n', 'templates/pipeline.json'],
      ['mdb = "mongodb+srv://<username>:<encoded_password>@cluster0.example.net/?authMechanism=SCRAM-SHA-256&retrywrites=false"\n', 'cookbook/cosmos.py'],
    ]);
  });

  it('minified bundles are judged by provider formats only', () => {
    const line = `!function(e,t){var password=e.password||"${rand(12)}";return t}(window,document);\n`;
    assert.deepEqual(shown(line, 'web/public/pdfjs-dist/pdf.worker.min.js'), []);
    const key = fake.openaiProject();
    assert.deepEqual(shown(`!function(e){e.k="${key}"}(window);\n`, 'vendor/app.min.js'), ['secret/openai-api-key']);
  });
});

describe('pool classes (issue #21): test dummies and doc examples sit below the default threshold', () => {
  it('typed values in tests and docs: dummy words, phrases of words, word-and-counter sentinels', () => {
    assertFoundOnce([
      ['    value: encrypt("Bearer secret-token-12345"),\n', 'worker/src/__tests__/webhooks.test.ts'],
      ['  rotated = provider(signing_key_material="freshly-rotated-in-key-material-32b+")\n', 'tests/unit/test_auth.py'],
      ['    password = "cfg606-password"\n', 'test/unit_test/test_conn.py'],
      ['  password: "Backdoor2026!",\n', 'web/src/__tests__/server/scim.servertest.ts'],
      ["  password: 'securepassword123',\n", 'content/cookbook/mcp-elicitation.mdx'],
    ], { shown: false });
  });

  it('a generated value in a test, and a recorded JWT in a fixture, stay at their confidence', () => {
    assert.deepEqual(shown(`    client_secret = "${rand(32)}"\n`, 'tests/test_oauth.py'), ['secret/generic-api-key']);
    const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${rand(60, B64URL)}.${rand(43, B64URL)}`;
    assert.ok(shown(`data: {"headers": {"Authorization": "Bearer ${jwt}"}}\n`, 'tests/fixtures/response.txt').length >= 1);
  });
});
