import { strict as assert } from 'node:assert';
import { PARALLEL_BREAK_EVEN_BYTES, threadsFor } from '../../../cli/src/scan/pool';

// Worker threads start cold and each costs 35-70 MB RSS; below the break-even one thread is the
// default (figures in pool.ts).
describe('scan thread count', () => {
  const MiB = 1024 * 1024;
  it('uses one thread for inputs where a second thread saves little and costs the memory target', () => {
    assert.equal(threadsFor(50 * MiB, 2), 1);
    // The pool's largest repository (crewAI): two threads peaked over 150 MB RSS.
    assert.equal(threadsFor(250 * MiB, 2), 1);
    assert.equal(threadsFor(0, 8), 1);
  });
  it('uses every CPU (at most 8) once the input is large enough', () => {
    assert.equal(threadsFor(PARALLEL_BREAK_EVEN_BYTES / 2, 2), 2);
    assert.equal(threadsFor(800 * MiB, 2), 2);
    assert.equal(threadsFor(800 * MiB, 32), 8);
  });
  it('the break-even shrinks with more cores', () => {
    assert.equal(threadsFor(300 * MiB, 4), 4);
    assert.equal(threadsFor(300 * MiB, 2), 1);
  });
  it('one CPU means one thread', () => assert.equal(threadsFor(10_000 * MiB, 1), 1));
});
