import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { mask } from '../../../core/values/mask';

describe('mask', () => {
  it('keeps the prefix and the last two characters of a long key', () => {
    assert.equal(mask(`sk-proj-${'a'.repeat(40)}Xy`), 'sk-p…Xy');
  });

  it('reveals at most three characters of a mid-length value and none of a short one', () => {
    assert.equal(mask('hunter2hunter2xyz'), 'hu…z');
    assert.equal(mask('hunter2hunter'), '…');
  });

  it('never reveals more than a quarter of any value (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 200 }), (v) => {
        const shown = Array.from(mask(v)).length - 1;
        return shown <= Math.floor(Array.from(v).length / 4);
      }),
    );
  });
});
