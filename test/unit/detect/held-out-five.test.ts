import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { runsWhereItIs } from '../../../core/detect/judge/weak-defaults';
import { rand, seededPick } from '../../helpers/fake-keys';

// Value classes read on a fifth held-out set (thirteen public repositories nobody here had read,
// 2026-12-07: docs/detection.md "Held-out set five"), each judged by the principle that rejects
// it, with synthetic lines of the same shape and, beside each, a value in the same place that must
// still be found.
const shown = (text: string, path: string) =>
  scanText(text, { path }).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => text.slice(f.start, f.end));
const pick = seededPick('held-out-five');
const key = () => `${rand(22, undefined, pick)}7Qz`;

describe('held-out set five: code read as a value', () => {
  it("a call written in a string (a GraphQL field's arguments, a CSS function) is code; a key there is found", () => {
    for (const call of ['prompts(first:200)', 'traceLatencyMsQuantile(probability:0.99)', 'spans(first:1,rootSpansOnly:true)', 'datasets(filter:{\\"col\\":\\"name\\"})']) {
      assert.deepEqual(shown(`    "storageKey": "${call}",\n`, 'src/pages/q.graphql.ts'), [], call);
    }
    assert.deepEqual(shown('      tokenColor="var(--global-color-seafoam-1000)"\n', 'src/RetrieverOutput.tsx'), []);
    const k = key();
    assert.deepEqual(shown(`    "storageKey": "${k}",\n`, 'src/pages/q.ts'), [k]);
  });

  it('a GraphQL type reference with its non-null marker is a type, in a schema and in an operation kept as text', () => {
    assert.deepEqual(shown('type SystemApiKeyEdge {\n  apiKey: SystemApiKey!\n  node: Node!\n}\n', 'app/schema.graphql'), []);
    const op = '    "text": "mutation M(\\n  $input: CreateUserApiKeyInput!\\n) {\\n  createUserApiKey(input: $input) {\\n    jwt\\n  }\\n}\\n"\n';
    assert.deepEqual(shown(op, 'src/pages/__ops__/M.ts'), []);
    // A password that ends with an exclamation mark is still judged as a password.
    const pw = `${rand(14, undefined, pick)}9!`;
    assert.deepEqual(shown(`DB_PASSWORD="${pw}"\n`, 'deploy/.env'), [pw]);
  });

  it("a template's data path (Helm's .Values) and a private type name are names, not values", () => {
    assert.deepEqual(shown('{{- range $authSecrets := .Values.auth.secret }}\n', 'helm/templates/deployment.yaml'), []);
    assert.deepEqual(shown('def _state_api_key(state: _LegacyBedrockState) -> str:\n', 'src/lib/bedrock.py'), []);
  });

  it('three or more string literals in a row are a list, not a name and its value; f(name, value) still is', () => {
    assert.deepEqual(shown('_SIGNING_HEADERS = ("authorization", "x-amz-content-sha256", "x-amz-date")\n', 'src/providers/bedrock.py'), []);
    const k = key();
    assert.deepEqual(shown(`headers.set("authorization", "${k}")\n`, 'src/client.ts'), [k]);
  });

  it('markup in a value (a Mermaid note with <br/>), a control character spelled as an escape, an LDAP name', () => {
    const mermaid = '```mermaid\nsequenceDiagram\n    Token->>Token: Validate:<br/>- code exists<br/>- client_secret valid<br/>- code not expired\n```\n';
    assert.deepEqual(shown(mermaid, 'scripts/oidc-server/README.md'), []);
    assert.deepEqual(shown(`      '{"Authorization": "value\\\\u0001with\\\\u0001control\\\\u0001chars"}';\n`, 'src/schemas/headers.ts'), []);
    const dn = 'helm install x --set-string "auth.ldap.bindDn=CN=svc-phoenix,OU=Service Accounts,DC=corp,DC=com"\n';
    assert.deepEqual(shown(dn, 'deploy/install.sh'), []);
  });
});

describe('held-out set five: routes, documentation folders, evaluation data', () => {
  it("a password name's value of names joined by slashes is a route, not a user and password", () => {
    const unit = '{ "routes": { "main": [ { "match": { "uri": "/status/*" }, "action": { "pass": "routes/status" } } ] } }\n';
    assert.deepEqual(shown(unit, 'docker/nginx-unit.json'), []);
    // A pair under a name that holds both is still judged: the user name again is a weak default.
    assert.deepEqual(shown('      - NEO4J_AUTH=graph/graph\n', 'docker-compose.yml'), ['graph/graph']);
  });

  it('a folder named by a docs or test word joined to others is documentation (docs_src, internal_docs, integration_tests)', () => {
    for (const p of ['docs_src/security/tutorial.py', 'internal_docs/vignettes/users.py', 'example_notebooks/x.py', 'js/integration-tests/a.ts', 'bench/evals-benchmarks/src/x.ts']) {
      assert.equal(runsWhereItIs(p), false, p);
    }
    // A compose file runs wherever it sits, under any prefix (`ha-cluster-docker-compose.yml` in `compose_examples/`).
    for (const p of ['src/app/settings.py', 'contest/app.py', 'deploy/app.py', 'docs_src/compose.yaml', 'docker/compose_examples/ha-cluster-docker-compose.yml']) {
      assert.equal(runsWhereItIs(p), true, p);
    }
    assert.deepEqual(shown('engine = create_engine("postgresql+psycopg://postgres:postgres@localhost/db")\n', 'docs_src/dependencies/tutorial013.py'), []);
    assert.equal(shown('engine = create_engine("postgresql+psycopg://postgres:postgres@localhost/db")\n', 'app/db.py').length, 1);
  });

  it('an evaluation file is test data: typed stand-ins there sit below the threshold, a generated key is found', () => {
    const ev = '  "postgres://admin:s3cr3t_p4ss@db.internal.prod:5432/users_prod",\n  Authorization: "Bearer sk_live_abc123secretkey",\n';
    assert.deepEqual(shown(ev, 'src/tool_response_handling.eval.ts'), []);
    const k = key();
    assert.deepEqual(shown(`  "postgres://admin:${k}@db.internal.prod:5432/users_prod",\n`, 'src/tool_response_handling.eval.ts'), [k]);
  });

  it('a value with a space is typed, not generated: in a test it sits below the threshold', () => {
    assert.deepEqual(shown('    monkeypatch.setenv("APP_POSTGRES_PASSWORD", "p@ss w0rd&123=abc%")\n', 'tests/unit/test_config.py'), []);
  });
});
