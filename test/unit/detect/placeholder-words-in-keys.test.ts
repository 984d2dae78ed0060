import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect';
import { isPlaceholder, repeatedBlockShare } from '../../../core/detect/judge/placeholders';
import fc from 'fast-check';
import { fake, rand } from '../../helpers/fake-keys';

// A generated key of 150 characters contains "xxx", "Here" or "fake" now and then by chance; that
// must not turn it into a placeholder (the property test found this about once in 3000 keys).
describe('placeholder words inside generated keys', () => {
  for (const word of ['7xxx5', '_Here_', 'Fake', 'dummy', 'Sample']) {
    it(`a generated OpenAI key containing "${word}" is still found`, () => {
      const key = `sk-proj-${rand(30)}${word}${rand(74 - 30 - word.length)}T3BlbkFJ${rand(73)}A`;
      const text = `api: ${key}\n`;
      const hits = scanText(text, { path: 'p.txt' }).filter((f) => f.ruleId === 'secret/openai-api-key' && f.start === 5 && f.end === 5 + key.length);
      assert.equal(hits.length, 1);
    });
  }

  it('values that are written, not generated, stay placeholders', () => {
    assert.equal(isPlaceholder('ops_eyJzaWduSW5B..[Redacted]'), true);
    assert.equal(isPlaceholder('sk-your-api-key-here'), true);
    assert.equal(isPlaceholder('YOUR_OPENAI_API_KEY'), true);
    assert.equal(isPlaceholder('hf_fakefakefakefakefakefakefake12'), true);
  });

  it('one block typed again and again is a placeholder; a generated key never is (fast-check)', () => {
    assert.equal(isPlaceholder('abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234abcd1234'), true);
    assert.equal(isPlaceholder('1234567890abcdef1234567890abcdef1234567890abcdefextra'), true);
    assert.equal(isPlaceholder(`sk-${'Xy7q'.repeat(12)}`), true);
    const makers = Object.values(fake);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: makers.length - 1 }), (i) => {
        const key = makers[i]!();
        assert.ok(repeatedBlockShare(key) < 0.5, key.slice(0, 8));
      }),
      { numRuns: 3000 },
    );
  });
});
