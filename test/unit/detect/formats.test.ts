import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { fake } from '../../helpers/fake-keys';

// Each format reports the value's position in the ORIGINAL text.
function only(text: string, path: string, value: string): void {
  const fs = scanText(text, { path });
  const hit = fs.find((f) => text.slice(f.start, f.end) === value);
  assert.ok(hit, `${path}: expected the value to be found; got ${JSON.stringify(fs.map((f) => [f.ruleId, f.line, f.column]))}`);
}

describe('format awareness', () => {
  it('notebook (.ipynb): key inside a JSON-escaped source string', () => {
    const key = fake.anthropic();
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: [`client = Anthropic(api_key=\"${key}\")\n`] }] }, null, 1);
    only(nb, 'demo.ipynb', key);
  });

  it('notebook (.ipynb): a generic password inside escaped quotes', () => {
    const pw = fake.password();
    const nb = JSON.stringify({ cells: [{ source: [`db_password = "${pw}"\n`] }] });
    only(nb, 'n.ipynb', pw);
  });

  it('JSONL trace: bearer token inside an escaped header', () => {
    const key = fake.openaiProject();
    const line = JSON.stringify({ request: { headers: `Authorization: Bearer ${key}` } });
    only(`${line}\n${line.replace(key, 'redacted')}\n`, 'trace.jsonl', key);
  });

  it('Kubernetes Secret: base64 value under data:', () => {
    const b64 = Buffer.from(fake.password()).toString('base64');
    const y = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: ${b64}\n  username: YWRtaW4=\n`;
    const fs = scanText(y, { path: 'secret.yaml' });
    assert.deepEqual(fs.map((f) => [f.ruleId, y.slice(f.start, f.end)]), [['secret/kubernetes-secret', b64]]);
  });

  it('.prompty front matter: api_key in the model configuration', () => {
    const key = fake.openaiProject();
    only(`---\nname: support\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    api_key: ${key}\n---\nsystem:\nYou are helpful.\n`, 'support.prompty', key);
  });

  it('.env file: unquoted and quoted values; findings are still reported', () => {
    const k = fake.groq();
    const pw = fake.password();
    const text = `# local\nGROQ_API_KEY=${k}\nDB_PASSWORD="${pw}"\nLOG_LEVEL=debug\n`;
    only(text, '.env', k);
    only(text, '.env', pw);
  });

  it("Jinja default('…') in a template", () => {
    const key = fake.openaiProject();
    only(`{{ api_key | default('${key}') }}\n`, 'prompt.j2', key);
  });

  it("curl -H 'Authorization: …' and curl -u user:password", () => {
    const tok = fake.githubPat();
    const pw = `${fake.password()}x`;
    only(`curl -H 'Authorization: token ${tok}' https://api.github.com/user\n`, 'README.md', tok);
    only(`curl -u deploy:${pw} https://registry.example.com/v2/\n`, 'README.md', pw);
  });

  it('YAML and JSON configs (LiteLLM, Continue)', () => {
    const key = fake.anthropic();
    only(`model_list:\n  - model_name: claude\n    litellm_params:\n      model: anthropic/claude-3-5-sonnet\n      api_key: "${key}"\n`, 'config.yaml', key);
    only(JSON.stringify({ models: [{ title: 'x', provider: 'anthropic', apiKey: key }] }, null, 2), 'config.json', key);
  });

  it('database URLs with passwords', () => {
    const pw = fake.password().replace(/[!#$%@]/g, 'Q');
    only(`DATABASE_URL=postgres://svc:${pw}@db.internal:5432/app\n`, '.env', pw);
  });

  it('PEM private keys (including JSON-escaped ones in service-account files)', () => {
    const body = Buffer.from(Array.from({ length: 96 }, (_, i) => (i * 37) % 256)).toString('base64');
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    const fs = scanText(`key: |\n${pem}\n`, { path: 'k.yaml' });
    assert.equal(fs[0]?.ruleId, 'secret/private-key');
    const json = JSON.stringify({ type: 'service_account', private_key: `${pem}\n` });
    assert.equal(scanText(json, { path: 'sa.json' })[0]?.ruleId, 'secret/private-key');
  });
});
