import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { rand } from '../../helpers/fake-keys';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twentieth held-out set (twelve public repositories of LLM agents and the
// tools beside them: two voice-agent frameworks, the MCP reference servers, three coding agents, a
// code-interpreting agent, a multi-agent framework, a vector database, a bot platform, an
// evaluation library, a trainer library; 2026-12-07: docs/detection.md "Held-out set twenty"), each
// judged by the principle that rejects it, with synthetic lines of the same shape and, beside each,
// a value in the same place that must still be found.
const shown = shownValues;
const { key, pick } = seededDraws('held-out-twenty');
const HEX = '0123456789abcdef';
const found = (text: string, path: string) => scanText(text, { path }).map((f) => [f.ruleId, text.slice(f.start, f.end), f.severity] as const);

describe('held-out set twenty', () => {
  it('code in program source: a negated expression and terminal-styled text under a credential name are not values; a literal there is found', () => {
    assert.deepEqual(shown('api_token = -torch.min(per_token_loss1, per_token_loss2)\n', 'trl/trainer/grpo_trainer.py'), []);
    assert.deepEqual(shown('api_token = -clamped_ratios * advantages * per_token_logps\n', 'trl/trainer/grpo_trainer.py'), []);
    assert.deepEqual(shown('    "pass": "\\033[102;30mpass\\033[0m",  # Green background, black text\n', 'aider/coders/search_replace.py'), []);
    assert.deepEqual(shown('    "token": "\\u001b[1mbold\\u001b[0m",\n', 'agents/cli/styles.ts'), []);
    const k = key();
    assert.deepEqual(shown(`api_token = '${k}'\n`, 'trl/trainer/grpo_trainer.py'), [k]);
    assert.deepEqual(shown(`    "pass": "${k}",  # Green background, black text\n`, 'aider/coders/search_replace.py'), [k]);
  });

  it("an agent's markers in capitals between runs of one symbol, a type annotation with its default, hexspeak in a hex key: not credentials; a drawn value in the same place is found", () => {
    assert.deepEqual(shown('RETRY_WITH_OUTPUT_TOKEN = "###SWE-AGENT-RETRY-WITH-OUTPUT###"\n', 'sweagent/agent/agents.py'), []);
    assert.deepEqual(shown('STOP_TOKEN = "[[STOP-GENERATION]]"\n', 'agent/loop.py'), []);
    assert.deepEqual(shown('openai_api_key: Union[str, Callable[[], str]] = (\n', 'notes/api.txt'), []);
    const typed = `${rand(14, HEX, pick)}deadbeef${rand(18, HEX, pick)}`;
    assert.deepEqual(shown(`api_key = '${typed}'\n`, 'website/examples/census.md'), []);
    const k = key();
    const drawn = rand(40, HEX, pick);
    assert.deepEqual(shown(`RETRY_WITH_OUTPUT_TOKEN = "${k}"\n`, 'sweagent/agent/agents.py'), [k]);
    assert.deepEqual(shown(`openai_api_key: "${k}"\n`, 'notes/api.txt'), [k]);
    assert.deepEqual(shown(`api_key = '${drawn}'\n`, 'website/examples/census.md'), [drawn]);
  });

  it("a password a person chose (words in leetspeak, symbols, a year) in a test reads as a real one and is found, as a weak default's word is not", () => {
    const chosen = 'Str0ng!P@ss#2024';
    assert.deepEqual(shown(`    input: JSON.stringify([{ password: '${chosen}', length: 16, hasAll: true }]),\n`, 'packages/zai/e2e/rate.test.ts'), [chosen]);
    assert.deepEqual(shown("    input: JSON.stringify([{ password: 'postgres', length: 8 }]),\n", 'packages/zai/e2e/rate.test.ts'), []);
  });

  it("a Mixpanel project token (public by design) is information, by its name or the SDK it is given to; the project's API secret is a credential", () => {
    const token = rand(32, HEX, pick);
    for (const [text, path] of [
      [`mixpanel_project_token = "${token}"\n`, 'aider/analytics.py'],
      [`mixpanel.init('${token}', { track_pageview: true });\n`, 'web/src/analytics.ts'],
      [`        project_token = "${token}"\n        self.mp = Mixpanel(project_token) if project_token else None\n`, 'aider/analytics.py'],
    ] as const) {
      assert.deepEqual(shown(text, path), [], text);
      assert.deepEqual(found(text, path), [['public/mixpanel-project-token', token, 'info']], text);
    }
    const secret = rand(32, HEX, pick);
    assert.deepEqual(shown(`mixpanel_api_secret = "${secret}"\n`, 'aider/analytics.py'), [secret]);
  });
});
