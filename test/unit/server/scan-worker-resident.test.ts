import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ResidentWorkers, runInWorkers, workerPoolRuns, type WorkerPoolOptions } from '../../../core/files';

// The language server keeps its scan worker between workspace passes (core/files/worker-pool.ts
// ResidentWorkers, server/src/scanInWorker.ts): a burst of passes starts one thread, a worker
// that dies is replaced, a cancellation stops only the run it was sent in, and an idle worker ends.
const WORKER = join(__dirname, 'workers/resident-task.js');
const TIMEOUT_MS = 20_000;

function settles<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle in ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

type Why = 'idle' | 'died' | 'disposed';

/** A keeper whose retirements can be awaited. */
function keeper(idleMs: number) {
  const waiters: Array<(why: Why) => void> = [];
  const retired: Why[] = [];
  const workers = new ResidentWorkers({ idleMs, onRetire: (why) => (retired.push(why), waiters.shift()?.(why)) });
  const nextRetirement = () => settles(new Promise<Why>((r) => waiters.push(r)), 'a worker’s retirement');
  return { workers, retired, nextRetirement };
}

async function one(task: string, opts: Partial<WorkerPoolOptions>): Promise<{ result?: string; lost: number; cancelled: boolean; items: string[] }> {
  let result: string | undefined;
  const items: string[] = [];
  const outcome = await settles(runInWorkers<string, string, string>([task], { entry: WORKER, threads: 1, ...opts }, { item: (_, i) => items.push(i), done: (_, r) => (result = r) }), `the run of ${task}`);
  return { ...(result !== undefined ? { result } : {}), lost: outcome.lost.length, cancelled: outcome.cancelled, items };
}

describe('scan worker kept between passes (core ResidentWorkers)', function () {
  this.timeout(60_000);

  it('consecutive runs reuse one worker thread; without a keeper each run starts its own', async () => {
    const k = keeper(60_000);
    try {
      const started = workerPoolRuns.started;
      const threads = [];
      for (let i = 0; i < 4; i++) threads.push((await one('thread', { resident: k.workers })).result);
      assert.equal(new Set(threads).size, 1, `threads ${threads.join(', ')}`);
      assert.equal(workerPoolRuns.started, started + 1);
      const a = (await one('thread', {})).result;
      const b = (await one('thread', {})).result;
      assert.notEqual(a, b);
      assert.equal(workerPoolRuns.started, started + 3);
    } finally {
      await k.workers.dispose();
    }
  });

  it('an idle worker ends after the idle time, and the next run starts another', async () => {
    const k = keeper(100);
    try {
      const first = (await one('thread', { resident: k.workers })).result;
      assert.equal(await k.nextRetirement(), 'idle');
      const second = (await one('thread', { resident: k.workers })).result;
      assert.ok(first && second && first !== second, `${first} then ${second}`);
    } finally {
      await k.workers.dispose();
    }
  });

  it('a cancellation stops the run it was sent in; the kept worker serves the next run uncancelled', async () => {
    const k = keeper(60_000);
    try {
      const token = { isCancellationRequested: false };
      let first: string | undefined;
      const outcome = await settles(
        runInWorkers<string, string, string>(['wait'], { entry: WORKER, threads: 1, token, resident: k.workers }, { item: () => (token.isCancellationRequested = true), done: (_, r) => (first = r) }),
        'the cancelled run',
      );
      assert.equal(outcome.cancelled, true);
      const started = workerPoolRuns.started;
      const next = (await one('check', { resident: k.workers })).result;
      assert.equal(workerPoolRuns.started, started, 'the kept worker was not reused');
      assert.equal(next, `running:${first?.split(':')[1]}`, `first ${first}`);
    } finally {
      await k.workers.dispose();
    }
  });

  it('a worker that dies in a run is not kept; the next run starts another', async () => {
    const k = keeper(60_000);
    try {
      const before = (await one('thread', { resident: k.workers })).result;
      const died = await one('exit', { resident: k.workers });
      assert.equal(died.lost, 1);
      const started = workerPoolRuns.started;
      const after = (await one('thread', { resident: k.workers })).result;
      assert.equal(workerPoolRuns.started, started + 1);
      assert.ok(after && after !== before);
    } finally {
      await k.workers.dispose();
    }
  });

  it('a kept worker that dies while idle is dropped, and the next run starts another', async () => {
    const k = keeper(60_000);
    try {
      const first = (await one('exit-after', { resident: k.workers })).result;
      assert.equal(await k.nextRetirement(), 'died');
      const second = (await one('thread', { resident: k.workers })).result;
      assert.ok(first && second && first !== second, `${first} then ${second}`);
    } finally {
      await k.workers.dispose();
    }
  });

  it('dispose ends the idle workers; a run after it keeps nothing', async () => {
    const k = keeper(60_000);
    await one('thread', { resident: k.workers });
    await settles(k.workers.dispose(), 'dispose');
    assert.deepEqual(k.retired, ['disposed']);
    const started = workerPoolRuns.started;
    await one('thread', { resident: k.workers });
    await one('thread', { resident: k.workers });
    assert.equal(workerPoolRuns.started, started + 2);
    assert.deepEqual(k.retired, ['disposed', 'disposed', 'disposed']);
  });
});
