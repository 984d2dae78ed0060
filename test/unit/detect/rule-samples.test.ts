import { strict as assert } from 'node:assert';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { ALL_RULES } from '../../../core/detect/rules/all';
import { RULE_MODULES } from '../../../core/detect/rules/modules';
import type { TrueSample } from '../../../core/detect/rules/samples';
import type { PatternRule } from '../../../core/detect/rules/rule';
import { fromPattern, seededPick } from '../../helpers/fake-keys';

// Every rule with its samples beside it (gitleaks' model): a rule without true and false samples
// fails here, each true sample (a value generated from its shape, never committed) must be found
// by that rule's id, and each false sample (a near miss written out) must not.

/** The text of a true sample; the seed makes the generated value the same on every run. */
export function trueSampleText(rule: PatternRule, sample: TrueSample, k: number): string {
  const shape = sample.shape ?? rule.pattern.source;
  const value = fromPattern(shape, seededPick(`${rule.id}|${shape}|${k}`));
  return (sample.in ?? '{value}').replace('{value}', () => value);
}

const label = (r: PatternRule) => `${r.id} (${r.title})`;

describe('rules with their samples', () => {
  it('every rule of ALL_RULES is registered with its samples, in the same order', () => {
    assert.equal(RULE_MODULES.length, ALL_RULES.length);
    RULE_MODULES.forEach((m, i) => assert.equal(m.rule, ALL_RULES[i], `${label(ALL_RULES[i]!)} is not at ${i} of RULE_MODULES`));
  });

  it('every rule has true and false samples', () => {
    const lacking = RULE_MODULES.filter((m) => !m.samples.true.length || !m.samples.false.length).map((m) => label(m.rule));
    assert.deepEqual(lacking, []);
  });

  for (const { rule, samples } of RULE_MODULES) {
    it(`${label(rule)}: finds its true samples and none of its false ones`, () => {
      samples.true.forEach((s, k) => {
        const text = trueSampleText(rule, s, k);
        const ids = scanText(`${text}\n`, { path: s.path ?? 'config.txt' }).map((f) => f.ruleId);
        assert.ok(ids.includes(rule.id), `true sample ${k} (${s.in ?? 'value alone'}, shape ${s.shape ?? 'the pattern'}) is not found as ${rule.id}: ${ids.join(', ') || 'no finding'}`);
      });
      samples.false.forEach((s, k) => {
        const [text, path] = typeof s === 'string' ? [s, 'config.txt'] : [s.text, s.path];
        const floor = typeof s !== 'string' && s.belowDefault ? DEFAULT_MIN_CONFIDENCE : 0;
        const ids = scanText(`${text}\n`, { path }).filter((f) => f.confidence >= floor).map((f) => f.ruleId);
        assert.ok(!ids.includes(rule.id), `false sample ${k} ${JSON.stringify(text)} is found as ${rule.id}${floor ? ' at default confidence' : ''}`);
      });
    });
  }
});
