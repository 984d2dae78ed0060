import type { Worker } from 'node:worker_threads';

/** Loaded at the first pool or worker, not with the bundle: a one-thread scan never needs it (~3 ms of its start). */
const workerThreads = (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads');

/**
 * The one pool of scan worker threads: `rotation-guard scan` (a task per file) and the language
 * server's workspace scan (one task: the whole walk) both run their work here, each with the
 * worker script its own bundle provides (scripts/build.mjs bundles them apart, so a worker loads
 * what it runs and nothing else). Results stream back as each task finishes (and, within a task,
 * as items), a cancellation reaches the tasks in flight, and a worker that dies (an exception, a
 * heap limit) ends the run with the tasks it held named as lost, never a hang.
 */

/** V8 heap limits of each worker thread (MB). */
export interface WorkerHeapLimits {
  youngGenerationMb?: number;
  /** Past this the worker dies (ERR_WORKER_OUT_OF_MEMORY) and its tasks are reported lost. */
  oldGenerationMb?: number;
}

/** `T` and `R` are the tasks and results of `here`; without it, nothing. */
export interface WorkerPoolOptions<T = never, R = never> {
  /** The worker script (a bundle that calls serveTasks). */
  entry: string;
  threads: number;
  /** Each worker's start-up input (its `workerData`). */
  workerData?: unknown;
  limits?: WorkerHeapLimits;
  /** Tasks each worker holds at once: one to work on and the next, so it never waits for this thread. */
  inFlight?: number;
  /** Polled; once set no task is started and the tasks in flight are told to stop. */
  token?: { readonly isCancellationRequested: boolean };
  /**
   * Where this run takes its workers from and gives them back to when it ends well, so a burst of
   * runs starts a worker once (the language server's workspace pull). Absent: each run starts its
   * own and ends them (the CLI scan, one-off passes).
   */
  resident?: ResidentWorkers;
  /**
   * This thread takes tasks too, between turns of its event loop (the workers' answers come in
   * between two of its tasks): its code is loaded and already warm, where each worker starts cold
   * (its isolate, its bundle compiled, its JIT's warm-up: ~0.3 s of CPU for a scan worker on the
   * 50 MiB corpus). `threads` counts the workers alone. A task that throws here is reported lost
   * with its error, as a worker's would be.
   */
  here?(task: T): R;
}

export interface PoolHandlers<I, R> {
  /** Something a task reports before it is done (a file's diagnostics, progress, a log line). */
  item?: (index: number, item: I) => void;
  done: (index: number, result: R) => void;
}

export interface PoolOutcome {
  cancelled: boolean;
  /**
   * Tasks not done: those a worker took and did not finish because it died or failed on them, and,
   * when every worker died, those none was left to start. After a cancellation, tasks never
   * started are neither done nor lost.
   */
  lost: Array<{ index: number; error: Error }>;
}

type ToWorker<T> = { type: 'task'; id: number; task: T } | { type: 'cancel' };
type FromWorker<I, R> = { type: 'item'; id: number; item: I } | { type: 'done'; id: number; result: R } | { type: 'failed'; id: number; message: string };

/** Runs of the pool and worker threads started in this process: lets a test see that a caller went through it, and whether it reused a worker. */
export const workerPoolRuns = { count: 0, started: 0 };

/**
 * Worker threads kept between runs of the pool for `idleMs`, then ended, so their memory returns.
 * Only a worker whose run ended well comes back (every task it took answered); one that died or
 * failed to start is gone, and the next run starts another. An idle worker holds no event loop
 * open. A worker serves one run at a time.
 */
export class ResidentWorkers {
  private readonly idle = new Map<string, Array<{ worker: Worker; timer: NodeJS.Timeout; gone: () => void }>>();
  private disposed = false;

  constructor(private readonly opts: { idleMs: number; onRetire?: (why: 'idle' | 'died' | 'disposed') => void }) {}

  /** An idle worker started with the same script, limits and data, if there is one. */
  take(key: string): Worker | undefined {
    const kept = this.idle.get(key)?.pop();
    if (!kept) return undefined;
    clearTimeout(kept.timer);
    kept.worker.off('exit', kept.gone).off('error', kept.gone);
    kept.worker.ref();
    return kept.worker;
  }

  give(key: string, worker: Worker): void {
    if (this.disposed) {
      void worker.terminate();
      return this.opts.onRetire?.('disposed');
    }
    const list = this.idle.get(key) ?? [];
    this.idle.set(key, list);
    const drop = () => {
      const i = list.findIndex((k) => k.worker === worker);
      if (i >= 0) list.splice(i, 1);
      return i >= 0;
    };
    const gone = () => {
      if (drop()) this.opts.onRetire?.('died');
    };
    const timer = setTimeout(() => {
      worker.off('exit', gone).off('error', gone);
      drop();
      const retired = () => this.opts.onRetire?.('idle');
      void worker.terminate().then(retired, retired);
    }, this.opts.idleMs);
    timer.unref();
    // An idle worker that dies (its 'error', then 'exit') is dropped; the next run starts another.
    worker.once('exit', gone).once('error', gone);
    worker.unref();
    list.push({ worker, timer, gone });
  }

  /** Ends the idle workers; a worker still in a run ends with it. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(
      all.map(async ({ worker, timer, gone }) => {
        clearTimeout(timer);
        worker.off('exit', gone).off('error', gone);
        await worker.terminate().catch(() => undefined);
        this.opts.onRetire?.('disposed');
      }),
    );
  }
}

const CANCEL_POLL_MS = 20;

export function runInWorkers<T, I, R>(tasks: readonly T[], opts: WorkerPoolOptions<T, R>, on: PoolHandlers<I, R>): Promise<PoolOutcome> {
  workerPoolRuns.count++;
  const inFlight = Math.max(1, opts.inFlight ?? 2);
  const lost: PoolOutcome['lost'] = [];
  let next = 0;
  let cancelled = false;
  let lastDeath: Error | undefined;
  /** Workers in this run (a worker given back to `resident` leaves it: another run's cancellation is not ours to send). */
  const workers = new Set<Worker>();
  const resourceLimits = {
    ...(opts.limits?.youngGenerationMb ? { maxYoungGenerationSizeMb: opts.limits.youngGenerationMb } : {}),
    ...(opts.limits?.oldGenerationMb ? { maxOldGenerationSizeMb: opts.limits.oldGenerationMb } : {}),
  };
  const key = JSON.stringify([opts.entry, resourceLimits, opts.workerData ?? null]);
  const startWorker = () => {
    workerPoolRuns.started++;
    return new (workerThreads().Worker)(opts.entry, { workerData: opts.workerData, resourceLimits });
  };
  const oneWorker = () =>
    new Promise<void>((finished) => {
      const w = opts.resident?.take(key) ?? startWorker();
      workers.add(w);
      const held = new Set<number>();
      let over = false;
      const end = (err?: Error) => {
        if (over) return;
        over = true;
        workers.delete(w);
        if (err) {
          lastDeath = err;
          for (const index of held) lost.push({ index, error: err });
        }
        held.clear();
        if (!err && opts.resident) {
          w.off('message', onMessage).off('error', end).off('exit', onExit);
          opts.resident.give(key, w);
          return finished();
        }
        void w.terminate().then(() => finished(), () => finished());
      };
      const feed = () => {
        while (!cancelled && held.size < inFlight && next < tasks.length) {
          const id = next++;
          held.add(id);
          w.postMessage({ type: 'task', id, task: tasks[id]! } satisfies ToWorker<T>);
        }
        if (!held.size) end();
      };
      const onMessage = (m: FromWorker<I, R>) => {
        if (m.type === 'item') return on.item?.(m.id, m.item);
        held.delete(m.id);
        if (m.type === 'done') on.done(m.id, m.result);
        else lost.push({ index: m.id, error: new Error(m.message) });
        feed();
      };
      const onExit = (code: number) => end(new Error(`scan worker exited (code ${code}) with ${held.size} unfinished task(s)`));
      w.on('message', onMessage);
      w.on('error', end);
      w.on('exit', onExit);
      feed();
    });
  const poll = setInterval(() => {
    if (cancelled || !opts.token?.isCancellationRequested) return;
    cancelled = true;
    for (const w of workers) w.postMessage({ type: 'cancel' } satisfies ToWorker<T>);
  }, CANCEL_POLL_MS);
  const threads = Math.max(1, Math.min(opts.threads, tasks.length));
  const here = opts.here;
  const inThread = async () => {
    if (!here) return;
    while (!cancelled && !opts.token?.isCancellationRequested && next < tasks.length) {
      const id = next++;
      let result: R;
      try {
        result = here(tasks[id]!);
      } catch (err) {
        lost.push({ index: id, error: err instanceof Error ? err : new Error(String(err)) });
        continue;
      }
      on.done(id, result);
      await new Promise<void>((r) => setImmediate(r));
    }
  };
  return Promise.all([...Array.from({ length: tasks.length ? threads : 0 }, oneWorker), inThread()]).then(
    () => {
      clearInterval(poll);
      const wasCancelled = cancelled || !!opts.token?.isCancellationRequested;
      if (!wasCancelled) for (; next < tasks.length; next++) lost.push({ index: next, error: new Error(`no scan worker left to run it (${lastDeath?.message ?? 'all exited'})`) });
      lost.sort((a, b) => a.index - b.index);
      return { cancelled: wasCancelled, lost };
    },
    (err: unknown) => {
      clearInterval(poll);
      throw err;
    },
  );
}

/** What a task handler gets besides its task: report items, and learn of a cancellation. */
export interface TaskContext<I> {
  emit: (item: I) => void;
  cancelled: () => boolean;
  /** The pool's `workerData`. */
  data: unknown;
}

/**
 * The worker side: answers each task with `handle`'s result, in the order the tasks came. An
 * exception in a task fails that task alone (reported as lost with its message).
 */
export function serveTasks<T, I, R>(handle: (task: T, ctx: TaskContext<I>) => R | Promise<R>): void {
  const { parentPort: port, workerData } = workerThreads();
  if (!port) throw new Error('a scan worker script runs as a worker thread of the scan pool');
  // A cancellation stops the tasks this worker has been given so far; a worker kept for the next
  // run (ResidentWorkers) serves that run's tasks uncancelled.
  let cancellations = 0;
  let chain = Promise.resolve();
  port.on('message', (m: ToWorker<T>) => {
    if (m.type === 'cancel') {
      cancellations++;
      return;
    }
    const given = cancellations;
    const ctx: TaskContext<I> = { emit: (item) => port.postMessage({ type: 'item', id: m.id, item } satisfies FromWorker<I, R>), cancelled: () => cancellations !== given, data: workerData };
    chain = chain.then(async () => {
      try {
        port.postMessage({ type: 'done', id: m.id, result: await handle(m.task, ctx) } satisfies FromWorker<I, R>);
      } catch (err) {
        port.postMessage({ type: 'failed', id: m.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FromWorker<I, R>);
      }
    });
  });
}
