import { strict as assert } from 'node:assert';
import { seededDraws, shownValues } from './shown';

// Value classes read on a twenty-second held-out set (twelve public starter apps and UI kits for LLM
// products: chat templates, quickstarts, an assistant UI kit, a copilot framework with its showcase
// harness, an agent framework's examples; 2026-12-07: docs/detection.md "Held-out set twenty-two"),
// each judged by the principle that rejects it, with synthetic lines of the same shape and, beside
// each, a value in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-twenty-two');

describe('held-out set twenty-two', () => {
  it("a TypeScript optional member's type is a type, as after `name:`; a literal in the same file is found", () => {
    const path = 'api-surface/assistant-ui__react-a2a.ts';
    assert.deepEqual(shown('  authorizationCode?: A2AAuthorizationCodeOAuthFlow | undefined;\n', path), []);
    assert.deepEqual(shown('  password?: A2APasswordOAuthFlow | undefined;\n', path), []);
    const k = key();
    assert.deepEqual(shown(`  password: '${k}',\n`, path), [k]);
    assert.deepEqual(shown(`  authorizationCode?: '${k}',\n`, path), [k]);
  });

  it('a constant path (names joined by ::) is code in a script without an extension; a literal default there is found', () => {
    const path = 'showcase/bin/railway';
    assert.deepEqual(shown('  def initialize(token: Railway::Auth.ghcr_token, http: nil)\n', path), []);
    const k = key();
    assert.deepEqual(shown(`  def initialize(token: '${k}', http: nil)\n`, path), [k]);
  });
});
