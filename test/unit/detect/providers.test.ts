import { strict as assert } from 'node:assert';
import { providerForName } from '../../../core/detect/judge/names';
import { PROVIDERS } from '../../../core/detect/rules/providers';
import { contextRules } from '../../../core/detect/rules/context';
import { ALL_RULES } from '../../../core/detect/rules/all';
import { scanText } from '../../../core/detect';

// A Together-shaped key built at run time (tgp_v1_ + 43 base64url characters).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const togetherKey = (n: number) => `tgp_v1_${Array.from({ length: n }, (_, i) => ALPHABET[(i * 37 + 11) % 64]).join('')}`;

describe('the provider table', () => {
  it('a pattern rule of a provider in the table suggests one of the env vars the table names (prefixed keys are rules of their own)', () => {
    const checked: string[] = [];
    for (const r of ALL_RULES) {
      const p = PROVIDERS.find((x) => x.id === r.id);
      if (!p || !r.envVar || !p.envVars.length) continue;
      assert.ok(p.envVars.includes(r.envVar), `${r.id}: the rule suggests ${r.envVar}, the table ${p.envVars.join(', ')}`);
      checked.push(r.id);
    }
    for (const id of ['secret/openai-api-key', 'secret/anthropic-api-key', 'secret/huggingface-token']) assert.ok(checked.includes(id), `${id} was compared`);
  });

  it('has one row per provider id', () => {
    const ids = PROVIDERS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('the context rule and the name classifier agree on the key shape (Together: 43-64 characters)', () => {
    const byName = providerForName('TOGETHER_API_KEY')!;
    assert.equal(byName.id, 'secret/together-api-key');
    assert.ok(byName.shape!.test(togetherKey(43)));
    assert.ok(!byName.shape!.test(togetherKey(40).slice(7)), 'a 40-character value is not a Together key');
    assert.ok(contextRules.some((r) => r.id === 'secret/together-api-key'));
    const found = scanText(`together_api_key = "${togetherKey(43)}"\n`, { path: 'a.py' });
    assert.deepEqual(found.map((f) => f.ruleId), ['secret/together-api-key']);
  });

  it('every context rule comes from a row with keywords and a key shape', () => {
    for (const r of contextRules) {
      const p = PROVIDERS.find((x) => x.id === r.id)!;
      assert.ok(p.keywords && p.key, r.id);
      assert.deepEqual(r.anchors, [...p.keywords]);
    }
  });
});
