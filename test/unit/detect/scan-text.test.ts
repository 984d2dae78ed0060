import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { fake } from '../../helpers/fake-keys';

const scan = (text: string, path = 'prompt.txt') => scanText(text, { path });

describe('scanText: provider keys', () => {
  const cases: Array<[string, () => string, string]> = [
    ['secret/openai-api-key', fake.openaiProject, 'OPENAI_API_KEY'],
    ['secret/openai-api-key', fake.openaiLegacy, 'OPENAI_API_KEY'],
    ['secret/anthropic-api-key', fake.anthropic, 'ANTHROPIC_API_KEY'],
    ['secret/anthropic-admin-key', fake.anthropicAdmin, 'ANTHROPIC_ADMIN_KEY'],
    ['secret/google-api-key', fake.google, 'GEMINI_API_KEY'],
    ['secret/huggingface-token', fake.huggingface, 'HF_TOKEN'],
    ['secret/groq-api-key', fake.groq, 'GROQ_API_KEY'],
    ['secret/replicate-api-token', fake.replicate, 'REPLICATE_API_TOKEN'],
    ['secret/perplexity-api-key', fake.perplexity, 'PERPLEXITY_API_KEY'],
    ['secret/xai-api-key', fake.xai, 'XAI_API_KEY'],
    ['secret/openrouter-api-key', fake.openrouter, 'OPENROUTER_API_KEY'],
    ['secret/langsmith-api-key', fake.langsmith, 'LANGSMITH_API_KEY'],
    ['secret/pinecone-api-key', fake.pinecone, 'PINECONE_API_KEY'],
    ['secret/langfuse-secret-key', fake.langfuseSecret, 'LANGFUSE_SECRET_KEY'],
  ];
  for (const [ruleId, make, envVar] of cases) {
    it(`finds ${ruleId} (${make.name}) at its exact position, without the value in the message`, () => {
      const key = make();
      const text = `System: you are helpful.\nUse this key: ${key} when calling tools.\n`;
      const fs = scan(text);
      assert.equal(fs.length, 1, JSON.stringify(fs.map((f) => f.ruleId)));
      const f = fs[0]!;
      assert.equal(f.ruleId, ruleId);
      assert.equal(f.envVar, envVar);
      assert.equal(text.slice(f.start, f.end), key);
      assert.equal(f.line, 2);
      assert.equal(f.column, 'Use this key: '.length + 1);
      assert.equal(f.endLine, 2);
      assert.equal(f.endColumn, f.column + key.length);
      assert.ok(!f.message.includes(key) && !f.preview.includes(key) && !f.fingerprint.includes(key));
    });
  }
});

describe('scanText: generic assignments', () => {
  it('finds a password assigned in Python code and suggests an env var from the name', () => {
    const pw = fake.password();
    const fs = scan(`DB_PASSWORD = "${pw}"\n`, 'app.py');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.ruleId, 'secret/hardcoded-password');
    assert.equal(fs[0]!.envVar, 'DB_PASSWORD');
  });

  it('finds an api_key in YAML', () => {
    const fs = scan(`llm:\n  api_key: "${fake.awsSecret().replace(/[/+]/g, 'x')}"\n`, 'config.yaml');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.ruleId, 'secret/generic-api-key');
  });

  it('ignores references and placeholders', () => {
    const text = [
      'api_key: ${OPENAI_API_KEY}',
      'api_key: ${env:OPENAI_API_KEY}',
      'api_key: os.environ/OPENAI_API_KEY',
      'const key = process.env.OPENAI_API_KEY;',
      'token: "{{ env.TOKEN }}"',
      'token: ${{ secrets.GH_TOKEN }}',
      'password: op://vault/db/password',
      'OPENAI_API_KEY=sk-...',
      'OPENAI_API_KEY=<your-key>',
      'api_key = "YOUR_API_KEY"',
      'password: changeme',
      'password = "xxxxxxxxxx"',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    ].join('\n');
    assert.deepEqual(scan(text, 'config.yaml').map((f) => `${f.line}:${f.ruleId}`), []);
  });

  it('honours rotation-guard:allow on the line and on the line above', () => {
    const k1 = fake.openaiProject();
    const k2 = fake.openaiProject();
    const k3 = fake.openaiProject();
    const text = `a = "${k1}" # rotation-guard:allow test fixture\n# rotation-guard:allow revoked already\nb = "${k2}"\nc = "${k3}"\n`;
    const fs = scan(text, 'x.py');
    assert.deepEqual(fs.map((f) => f.line), [4]);
  });
});
