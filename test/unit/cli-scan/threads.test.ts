import { strict as assert } from 'node:assert';
import { PARALLEL_BREAK_EVEN_BYTES, threadsFor } from '../../../cli/src/scan/pool';

// Worker threads start cold; below the break-even one thread finishes first (figures in pool.ts).
describe('scan thread count', () => {
  const MiB = 1024 * 1024;
  it('uses one thread for inputs a second thread cannot speed up', () => {
    assert.equal(threadsFor(50 * MiB, 2), 1);
    assert.equal(threadsFor(0, 8), 1);
  });
  it('uses every CPU (at most 8) once the input is large enough', () => {
    assert.equal(threadsFor(PARALLEL_BREAK_EVEN_BYTES / 2, 2), 2);
    assert.equal(threadsFor(200 * MiB, 2), 2);
    assert.equal(threadsFor(200 * MiB, 32), 8);
  });
  it('the break-even shrinks with more cores', () => {
    assert.equal(threadsFor(40 * MiB, 4), 4);
    assert.equal(threadsFor(40 * MiB, 2), 1);
  });
  it('one CPU means one thread', () => assert.equal(threadsFor(10_000 * MiB, 1), 1));
});
