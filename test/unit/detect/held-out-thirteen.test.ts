import { strict as assert } from 'node:assert';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a thirteenth held-out set (twelve public repositories of LLM observability,
// evaluation and prompt tooling: apps with compose files and Helm charts, SDKs, recorded chat
// fixtures; 2026-12-07: docs/detection.md "Held-out set thirteen"), each judged by the principle
// that rejects it, with synthetic lines of the same shape and, beside each, a value in the same
// place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-thirteen');
const id = (n: number) => rand(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', pick);

describe('held-out set thirteen', () => {
  it("an API object's id (OpenAI's `call_…` and `fc_…`, joined by `|`; Anthropic's `toolu_…`) names an object; a drawn token under the same name is found", () => {
    const fixture = (v: string) => `{\n  "interactions": [\n    { "token": "${v}", "status": "done" }\n  ]\n}\n`;
    assert.deepEqual(shown(fixture(`call_${id(24)}|fc_${id(50)}`), 'tests/__fixtures__/session.interactions.json'), []);
    assert.deepEqual(shown(fixture(`toolu_${id(24)}`), 'tests/__fixtures__/session.interactions.json'), []);
    const k = key();
    assert.deepEqual(shown(fixture(k), 'tests/__fixtures__/session.interactions.json'), [k]);
  });

  it('a shell variable expanded inside a value (`url=$url`, `secret-$provider`) is built where the script runs; a literal there is found', () => {
    assert.deepEqual(shown('fail "URL does not contain the password: url=$url"\n', 'charts/app/tests/e2e.sh'), []);
    assert.deepEqual(shown('helm upgrade app . \\\n  --set app.providers.$provider.clientSecret.value=secret-$provider \\\n  --wait\n', 'charts/app/tests/sso.sh'), []);
    const k = key();
    assert.deepEqual(shown(`helm upgrade app . \\\n  --set app.providers.github.clientSecret.value=${k} \\\n  --wait\n`, 'charts/app/tests/sso.sh'), [k]);
  });

  it('a namespaced key of three or more names (`app:traces-v2:discoverCache`, `ops:{snapshot}:live`) is a storage key; a drawn value under a key name is found', () => {
    assert.deepEqual(shown('const STORAGE_KEY = "app:traces-v2:discoverCache";\n', 'src/features/traces/cache.ts'), []);
    assert.deepEqual(shown('export const SNAPSHOT_LIVE_KEY = "ops:{snapshot}:live";\n', 'src/server/snapshot.ts'), []);
    const k = key();
    assert.deepEqual(shown(`const STORAGE_KEY = "${k}";\n`, 'src/features/traces/cache.ts'), [k]);
  });

  it('a list of name=value pairs (OTLP exporter headers) ends each value at the comma; a drawn token in the list is found', () => {
    assert.deepEqual(shown('o := OTel{ExporterHeaders: "X-Auth-Token=tok,X-Team=obs"}\n', 'pkg/config/otel.go'), []);
    assert.deepEqual(shown('export OTEL_EXPORTER_OTLP_HEADERS="Authorization=MW_API_KEY,X-Trace-Source=app"\n', 'docs/otel.sh'), []);
    const k = key();
    assert.deepEqual(shown(`o := OTel{ExporterHeaders: "X-Auth-Token=${k},X-Team=obs"}\n`, 'pkg/config/otel.go'), [k]);
  });

  it('code read as a value (a generic type, a template substitution, a dict literal, a format spec under `pass_rate`, a regular expression, a header glob) is not a credential; a literal in the same place is found', () => {
    assert.deepEqual(shown('- The `secrets` map rides the wire as `secrets: Record<string,string>`\n', 'docs/design/notes.md'), []);
    assert.deepEqual(shown('  const env = `credentialBindings=[${(request.connection?.credentials ?? []).join(",")}]`;\n', 'src/engines/setup.ts'), []);
    assert.deepEqual(shown('    "- Pass secrets directly via `secrets={\'KEY_NAME\': \'value\'}`\\n"\n', 'langsmith/client.py'), []);
    assert.deepEqual(shown('print(f"    {evaluator.name}: {evaluator.pass_rate:.1f}% pass rate")\n', 'src/experiment/run.py'), []);
    assert.deepEqual(shown('rg "APP_TOKEN|NEXT_PUBLIC_.*APP|Authorization=.*app|Authorization=.*pyap"\n', 'references/troubleshooting.md'), []);
    assert.deepEqual(shown('// in-process gateway. Header-based auth: x-litellm-* -> Credential.\n', 'cmd/root.go'), []);
    const k = key();
    assert.deepEqual(shown(`secrets = {'OPENAI_API_KEY': '${k}'}\n`, 'src/client.py'), [k]);
  });

  it("names, not values: a header's name with a brand's camel case, a camelCase storage key ending in `Id`, a Secret's data key under `…PasswordKey`, a CSV row's fields, a DNS ownership proof; values found beside them", () => {
    assert.deepEqual(shown('const headerInlineCredentials = "X-LangWatch-Inline-Credentials"\n', 'adapters/dispatcher.go'), []);
    assert.deepEqual(shown('const authUpgradeOrgKey = "authUpgradeOrgId"\n', 'src/components/ListOfOrgs.tsx'), []);
    assert.deepEqual(shown('postgresql:\n  auth:\n    adminPasswordKey: "postgres-password"\n', 'charts/app/values.yaml'), []);
    assert.deepEqual(shown('HC094,train,provider,positive,The booking waits until the authorization number is issued,prior_authorization,infusion_therapy,Pre-service authorization blocks it.\n', 'docs/examples/routing.csv'), []);
    assert.deepEqual(shown(`Add a TXT record.\n\nToken: acme-verify=${id(16)}\n`, 'docs/security/domain-verification.mdx'), []);
    const k = key();
    assert.deepEqual(shown(`const headerInlineCredentials = "${k}"\n`, 'adapters/dispatcher.go'), [k]);
    assert.deepEqual(shown(`postgresql:\n  auth:\n    adminPassword: "${k}"\n`, 'charts/app/values.yaml'), [k]);
    // A drawn value under a password key's name (a key that encrypts passwords) is still a value.
    assert.deepEqual(shown(`postgresql:\n  auth:\n    adminPasswordKey: "${k}"\n`, 'charts/app/values.yaml'), [k]);
  });

  it("a program's test file in a deployment folder (`infra/…/config_test.go`) is a test's input; the same weak default in the folder's program is reported where it runs", () => {
    const go = 'package config\n\nvar cfg = Config{\n\tPassword:            "testpass",\n}\n';
    assert.deepEqual(shown(go, 'infra/store/internal/config/validate_test.go'), []);
    assert.deepEqual(shown(go, 'infra/store/internal/config/validate.go'), ['testpass']);
    // A workflow named for its tests still runs in CI.
    assert.deepEqual(shown('services:\n  db:\n    env:\n      POSTGRES_PASSWORD: postgres\n', '.github/workflows/run-tests.yml'), ['postgres']);
  });

  it('in tests, a value typed from words and counting runs after a short vendor prefix (`sk-lw-newrotatedkey1234`) sits below the threshold; a drawn one there is found', () => {
    const test = (v: string) => `it('rotates', async () => {\n  opts.onSuccess?.({ apiKey: "${v}" });\n});\n`;
    for (const typed of ['sk-lw-newrotatedkey1234', 'sq-lw-notpatternshaped12345', 'tok-live-abc123', 'sk-lw-RUNTIME-ONLY']) {
      assert.deepEqual(shown(test(typed), 'src/__tests__/key-rotation.test.tsx'), [], typed);
    }
    const drawn = `sk-lw-${id(24)}`;
    assert.deepEqual(shown(test(drawn), 'src/__tests__/key-rotation.test.tsx'), [drawn]);
    // Where it runs, the same typed value is still reported: a person may choose it.
    assert.deepEqual(shown(test('sk-lw-newrotatedkey1234'), 'src/settings/api-keys.tsx'), ['sk-lw-newrotatedkey1234']);
  });
  it("recall: a value assigned to a subscript's key (`os.environ[\"API_KEY\"] = …`, `cfg['api_key']`, Ruby's `config[:api_key]`, PHP's `$settings['api_key']`, escaped in a notebook) is found; code and placeholders there are not", () => {
    const k = key();
    assert.deepEqual(shown(`import os\nos.environ["MY_SERVICE_API_KEY"] = "${k}"\n`, 'app/settings.py'), [k]);
    assert.deepEqual(shown(`cfg['api_key'] = '${k}'\n`, 'app/settings.py'), [k]);
    assert.deepEqual(shown(`config[:api_key] = '${k}'\n`, 'config/initializers/client.rb'), [k]);
    assert.deepEqual(shown(`<?php\n$settings['api_key'] = '${k}';\n`, 'config/settings.php'), [k]);
    const cell = (line: string) => JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, source: ['import os\n', line] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    assert.deepEqual(shown(cell(`os.environ["MY_SERVICE_API_KEY"] = "${k}"\n`), 'quickstart.ipynb'), [k]);
    // A JSON key inside a notebook's cell (`\"api_key\": \"…\"`, escaped in the notebook's own JSON).
    assert.deepEqual(shown(cell(`cfg = {"api_key": "${k}"}\n`), 'quickstart.ipynb'), [k]);
    assert.deepEqual(shown('os.environ["OPENAI_API_KEY"] = "your-api-key-here"\nheaders["Authorization"] = f"Bearer {token}"\ndata["password"] = request.form["password"]\n', 'app/settings.py'), []);
  });

  it('a test class by the xUnit conventions (`TracingTests.cs` in `App.Core.Tests/`, `UserServiceTest.java`) is a test; the same default in the program is reported where it runs', () => {
    const cs = '            ["password"] = "hunter2",\n';
    assert.deepEqual(shown(cs, 'runtime/csharp/App.Core.Tests/TracingTests.cs'), []);
    assert.deepEqual(shown(cs, 'runtime/csharp/App.Core/Tracing.cs'), ['hunter2']);
    assert.deepEqual(shown('    String password = "hunter2";\n', 'src/main/java/app/UserServiceTest.java'), []);
    assert.deepEqual(shown('    String password = "hunter2";\n', 'src/main/java/app/Contest.java'), ['hunter2']);
  });
  it("a provider's format filled with a typed pattern (counting, alphabet and interleaved runs) in a test is a test's fake; a drawn key there, and the same pattern where it runs, are found", () => {
    const counting = 'AIza' + '0123456789' + 'abcdefghijklmnopqrstuv' + '-_X';
    const interleaved = 'A1B2C3D4E5F6G7H8I9J0' + 'K1L2M3N4O5P6Q7R8S9T0';
    const cases = (google: string, secret: string) => `var samples = []string{\n\t"${google}",\n\t"AWS_SECRET_ACCESS_KEY=${secret}",\n}\n`;
    assert.deepEqual(shown(cases(counting, interleaved), 'cli/internal/redact/redact_test.go'), []);
    const drawn = 'AIza' + id(35);
    const drawnSecret = id(40);
    assert.deepEqual(shown(cases(drawn, drawnSecret), 'cli/internal/redact/redact_test.go'), [drawn, drawnSecret]);
    assert.deepEqual(shown(cases(counting, interleaved), 'cli/internal/redact/samples.go'), [counting, interleaved]);
    // A generic value typed so (`00112233…`, `a1b2c3d4…`) in a test is typed too.
    assert.deepEqual(shown(`const testRunToken = "${'00112233445566778899aabbccddeeff'.repeat(2)}"\n`, 'adapters/relay_test.go'), []);
  });
});
