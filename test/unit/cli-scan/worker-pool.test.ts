import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFiles } from '../../../cli/src/scan/pool';
import { runInWorkers } from '../../../core/files';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { tempProject } from '../../helpers/temp-project';

// core's one pool of scan worker threads (core/files/worker-pool.ts), with a real worker script.
const WORKER = join(__dirname, 'workers/pool-task.js');
const TIMEOUT_MS = 30_000;

/** Fails instead of hanging: a pool that never settles is the bug these tests look for. */
function settles<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle in ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

describe('core worker pool', function () {
  this.timeout(60_000);

  it('streams each task’s items and result back, on several threads, every task once', async () => {
    const tasks = Array.from({ length: 20 }, (_, i) => `echo:${i}`);
    const items: string[] = [];
    const done = new Map<number, string>();
    const outcome = await settles(runInWorkers<string, string, string>(tasks, { entry: WORKER, threads: 3 }, { item: (_, it) => items.push(it), done: (i, r) => done.set(i, r) }), 'the pool');
    assert.deepEqual(outcome, { cancelled: false, lost: [] });
    assert.deepEqual([...done.keys()].sort((a, b) => a - b), tasks.map((_, i) => i));
    for (const [i, r] of done) assert.equal(r, String(i));
    assert.equal(items.length, 40);
    // A task's items arrive before its result, in the order it emitted them.
    assert.ok(items.indexOf('echo:5:1') < items.indexOf('echo:5:2'));
  });

  it('with `here`, this thread takes tasks between the workers’ answers: every task once, a throw here reported lost', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) => (i === 1 ? 'throw' : `echo:${i}`));
    const hereTook: number[] = [];
    const done = new Map<number, string>();
    const here = (t: string) => {
      hereTook.push(tasks.indexOf(t));
      if (t === 'throw') throw new Error('thrown in this thread');
      return `here:${t.slice('echo:'.length)}`;
    };
    const outcome = await settles(runInWorkers<string, string, string>(tasks, { entry: WORKER, threads: 1, inFlight: 1, here }, { done: (i, r) => done.set(i, r) }), 'the pool');
    assert.equal(outcome.cancelled, false);
    // The worker is given task 0 as it starts; this thread takes the next at once.
    assert.equal(hereTook[0], 1);
    assert.ok(hereTook.length > 1, 'this thread went on after the task that threw');
    assert.deepEqual(outcome.lost.map((l) => l.index), [1]);
    assert.match(outcome.lost[0]!.error.message, /thrown in this thread/);
    assert.deepEqual([...done.keys()].sort((a, b) => a - b), tasks.map((_, i) => i).filter((i) => i !== 1));
    for (const [i, r] of done) assert.equal(r, hereTook.includes(i) ? `here:${i}` : String(i));
    assert.ok(done.get(0) === '0', 'the worker answered task 0');
  });

  it('a cancellation reaches the task in flight and no further task starts', async () => {
    const token = { isCancellationRequested: false };
    const done = new Map<number, string>();
    const outcome = await settles(
      runInWorkers<string, string, string>(['wait', 'echo:never'], { entry: WORKER, threads: 1, inFlight: 1, token }, { item: () => (token.isCancellationRequested = true), done: (i, r) => done.set(i, r) }),
      'the cancelled pool',
    );
    assert.equal(outcome.cancelled, true);
    assert.deepEqual([...done], [[0, 'cancelled']]);
  });

  it('a task that throws is reported lost with its error; the worker goes on with the next', async () => {
    const done = new Map<number, string>();
    const outcome = await settles(runInWorkers<string, string, string>(['echo:a', 'throw', 'echo:b'], { entry: WORKER, threads: 1, inFlight: 1 }, { done: (i, r) => done.set(i, r) }), 'the pool');
    assert.deepEqual(outcome.lost.map((l) => l.index), [1]);
    assert.match(outcome.lost[0]!.error.message, /task failed on purpose/);
    assert.deepEqual([...done.values()].sort(), ['a', 'b']);
  });

  it('a worker that exits mid-task is an error naming the lost task, not a hang', async () => {
    const outcome = await settles(runInWorkers<string, string, string>(['exit'], { entry: WORKER, threads: 1 }, { done: () => assert.fail('no result expected') }), 'the pool');
    assert.deepEqual(outcome.lost.map((l) => l.index), [0]);
    assert.match(outcome.lost[0]!.error.message, /exited \(code 7\)/);
  });

  it('a worker past its heap limit is an error, and the other worker finishes the rest', async () => {
    const tasks = ['oom', ...Array.from({ length: 6 }, (_, i) => `echo:${i}`)];
    const done = new Map<number, string>();
    const outcome = await settles(runInWorkers<string, string, string>(tasks, { entry: WORKER, threads: 2, inFlight: 1, limits: { youngGenerationMb: 4, oldGenerationMb: 24 } }, { done: (i, r) => done.set(i, r) }), 'the pool');
    assert.deepEqual(outcome.lost.map((l) => l.index), [0]);
    assert.match(outcome.lost[0]!.error.message, /memory|heap/i);
    assert.equal(done.size, 6);
  });

  it('a worker script that cannot load is an error for its tasks, not a hang', async () => {
    const outcome = await settles(runInWorkers<string, string, string>(['echo:x'], { entry: join(__dirname, 'workers/no-such-worker.js'), threads: 1 }, { done: () => assert.fail('no result expected') }), 'the pool');
    assert.deepEqual(outcome.lost.map((l) => l.index), [0]);
  });

  it('`rotation-guard scan` scans again on its own thread the files of a worker that died: nothing lost', async () => {
    const dir = tempProject('rg-pool-dies-').dir;
    try {
      const files = Array.from({ length: 40 }, (_, i) => {
        mkdirSync(join(dir, `d${i % 4}`), { recursive: true });
        const file = join(dir, `d${i % 4}`, `f${i}.env`);
        writeFileSync(file, i === 11 ? `OPENAI_API_KEY=${fakeOpenAiKey()}\n` : `N=${i}\n`);
        return file;
      });
      const results = await settles(scanFiles(files, { maxBytes: 1 << 20, jobs: 2, entry: join(__dirname, 'workers/scan-dies.js') }), 'the scan');
      assert.deepEqual(results.map((r) => r.file), files);
      assert.deepEqual(results.flatMap((r, i) => (r.findings.length ? [i] : [])), [11]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
