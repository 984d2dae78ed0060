import { strict as assert } from 'node:assert';
import { PARALLEL_BREAK_EVEN_BYTES, threadsFor, threadsForFiles } from '../../../cli/src/scan/pool';

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
  it('asks file sizes only until the answer is settled, and answers as threadsFor the total', () => {
    const files = Array.from({ length: 40 }, (_, i) => `f${i}`);
    for (const [cpus, each] of [[2, 10 * MiB], [2, 20 * MiB], [4, 10 * MiB], [1, 100 * MiB], [8, 1 * MiB]] as const) {
      const asked: string[] = [];
      const n = threadsForFiles(files, cpus, (f) => (asked.push(f), each));
      assert.equal(n, threadsFor(each * files.length, cpus), `${cpus} CPUs, ${each} bytes each`);
      // Stops at the first file that reaches the break-even; every file below it; none on one CPU.
      const needed = cpus === 1 ? 0 : Math.min(files.length, Math.ceil(PARALLEL_BREAK_EVEN_BYTES / Math.min(cpus, 8) / each));
      assert.equal(asked.length, needed, `${cpus} CPUs, ${each} bytes each`);
    }
  });
});
