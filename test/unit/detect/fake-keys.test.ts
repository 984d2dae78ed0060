import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect/index';
import { fake, fromPattern, seededPick, SHAPES, type ShapeName } from '../../helpers/fake-keys';

// The one fake-keys module: each named shape must be what the rule it imitates finds, so a test
// that plants `fake.groq()` plants a key the scanner reports as a Groq key.
describe('test/helpers/fake-keys: one generator, shapes the rules find', () => {
  for (const name of Object.keys(SHAPES) as ShapeName[]) {
    it(`${name} is found as ${SHAPES[name].rule}`, () => {
      const found = scanText(`value = "${fake[name]()}"\n`, { path: 'config.py' });
      assert.deepEqual(
        found.map((f) => f.ruleId),
        [SHAPES[name].rule],
      );
    });
  }

  it('fromPattern writes strings its pattern matches, the same ones for the same seed', () => {
    for (const source of ['sk-(?:proj|admin)-[A-Za-z0-9_-]{40,300}', 'A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})', '(?<=(?<p>[a-f0-9]{32}))-us\\d{1,2}(?![A-Za-z0-9])', '[^\\s:@]{4,8}\\.x']) {
      const a = fromPattern(source, seededPick(source));
      assert.equal(a, fromPattern(source, seededPick(source)));
      assert.match(a, new RegExp(`^(?:${source.replace('(?<=', '(?:')})$`));
    }
  });
});
