import { strict as assert } from 'node:assert';
import { envAccessSiteAt, envAccessSites } from '../../../core/env-access/sites';
import { envAccessFor } from '../../../core/env-access/plan';

const names = new Set(['OPENAI_API_KEY', 'DB_PASSWORD']);
const found = (text: string) => envAccessSites(text, names).map((s) => [s.name, text.slice(s.start, s.end)]);

describe('reference sites (env var names in each format\'s reference syntax)', () => {
  it('finds the name in every syntax the quick fix writes', () => {
    for (const path of ['a.prompty', 'p.jinja', 'litellm/config.yaml', '.github/workflows/ci.yml', 'compose.yaml', 'a.py', 'a.ts', 'Chat.vue', 'run.sh', 'Dockerfile']) {
      const around = path.includes('litellm') ? 'model_list:\n  litellm_params:' : '';
      const plan = envAccessFor(path, 'OPENAI_API_KEY', around);
      assert.ok(plan, path);
      assert.deepEqual(found(`x = ${plan.text}\n`), [['OPENAI_API_KEY', 'OPENAI_API_KEY']], `${path}: ${plan.text}`);
    }
  });

  it('finds the common siblings, and only the names asked about', () => {
    const text = [
      'a = os.environ.get("DB_PASSWORD")',
      "b = os.getenv('OPENAI_API_KEY')",
      "c = process.env['DB_PASSWORD']",
      'd = ${DB_PASSWORD:?}',
      'e = $OPENAI_API_KEY and $HOME and ${PATH}',
      'f = OPENAI_API_KEY_OLD and process.env.OPENAI_API_KEY_2',
    ].join('\n');
    assert.deepEqual(
      found(text).map(([n]) => n),
      ['DB_PASSWORD', 'OPENAI_API_KEY', 'DB_PASSWORD', 'DB_PASSWORD', 'OPENAI_API_KEY'],
    );
  });

  it('gives the site under an offset, searching only that line', () => {
    const text = 'first line\nkey: os.environ/OPENAI_API_KEY\n';
    const at = text.indexOf('API_KEY');
    assert.deepEqual(envAccessSiteAt(text, names, at), { name: 'OPENAI_API_KEY', start: text.indexOf('OPENAI'), end: text.indexOf('OPENAI') + 14 });
    assert.equal(envAccessSiteAt(text, names, 3), undefined);
    assert.deepEqual(envAccessSites(text, new Set()), []);
  });
});
