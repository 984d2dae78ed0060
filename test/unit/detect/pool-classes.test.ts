import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { fake, rand } from '../../helpers/fake-keys';

// Classes of false findings read by hand on the pool of issue #21 (bench/realworld/labels.json),
// each as a synthetic line of the same shape; and the values that must still be found next to them.
const shown = (text: string, path: string) => scanText(text, { path }).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => f.ruleId);

describe('pool classes (issue #21): code read as a value', () => {
  it('call chains, f-strings, printf formats, slots, composite literals and conditions are code', () => {
    const cases: Array<[string, string]> = [
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
    ];
    for (const [text, path] of cases) assert.deepEqual(shown(text, path), [], text);
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
    const cases: Array<[string, string]> = [
      ['    value: encrypt("Bearer secret-token-12345"),\n', 'worker/src/__tests__/webhooks.test.ts'],
      ['  rotated = provider(signing_key_material="freshly-rotated-in-key-material-32b+")\n', 'tests/unit/test_auth.py'],
      ['    password = "cfg606-password"\n', 'test/unit_test/test_conn.py'],
      ['  password: "Backdoor2026!",\n', 'web/src/__tests__/server/scim.servertest.ts'],
      ["  password: 'securepassword123',\n", 'content/cookbook/mcp-elicitation.mdx'],
    ];
    for (const [text, path] of cases) {
      assert.deepEqual(shown(text, path), [], text);
      assert.equal(scanText(text, { path }).length, 1, `still found with --min-confidence 0: ${text}`);
    }
  });

  it('a generated value in a test, and a recorded JWT in a fixture, stay at their confidence', () => {
    assert.deepEqual(shown(`    client_secret = "${rand(32)}"\n`, 'tests/test_oauth.py'), ['secret/generic-api-key']);
    const seg = (n: number) => rand(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
    const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${seg(60)}.${seg(43)}`;
    assert.ok(shown(`data: {"headers": {"Authorization": "Bearer ${jwt}"}}\n`, 'tests/fixtures/response.txt').length >= 1);
  });
});
