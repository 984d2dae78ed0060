import { strict as assert } from 'node:assert';
import { envAccessFor, replacementRange } from '../../../core/env-access/plan';

describe('reference syntax per file format', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['app/support.prompty', '', '${env:OPENAI_API_KEY}'],
    ['templates/answer.j2', '', '{{ env.OPENAI_API_KEY }}'],
    ['litellm/config.yaml', 'model_list:\n  - model_name: gpt\n    litellm_params:\n', 'os.environ/OPENAI_API_KEY'],
    ['.github/workflows/ci.yml', '', '${{ secrets.OPENAI_API_KEY }}'],
    ['home/.continue/config.yaml', '', '${{ secrets.OPENAI_API_KEY }}'],
    ['docker-compose.yml', 'services:\n', '${OPENAI_API_KEY}'],
    ['.mcp.json', '', '${OPENAI_API_KEY}'],
    ['bot.py', '', 'os.environ["OPENAI_API_KEY"]'],
    ['bot.ts', '', 'process.env.OPENAI_API_KEY'],
    ['src/components/Chat.vue', '', 'import.meta.env.OPENAI_API_KEY'],
    ['run.sh', '', '"${OPENAI_API_KEY}"'],
    ['prompts/system.md', '', '{{OPENAI_API_KEY}}'],
    ['.env', '', undefined],
    ['.env.production', '', undefined],
  ];
  for (const [path, around, expected] of cases) {
    it(`${path} → ${expected ?? 'no reference (env files hold values)'}`, () => {
      assert.equal(envAccessFor(path, 'OPENAI_API_KEY', around)?.text, expected);
    });
  }

  it('code replaces the quotes with an expression; templates keep them', () => {
    const text = 'key = "abc"';
    const py = envAccessFor('a.py', 'K')!;
    assert.deepEqual(replacementRange(text, 7, 10, py), [6, 11]);
    const yaml = envAccessFor('a.yaml', 'K')!;
    assert.deepEqual(replacementRange(text, 7, 10, yaml), [7, 10]);
    assert.deepEqual(replacementRange('key = "abc\'', 7, 10, py), [7, 10], 'mismatched quotes are left alone');
  });
});
