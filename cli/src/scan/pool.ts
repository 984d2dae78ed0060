import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runInWorkers, warmUpOrder, type WorkerHeapLimits } from '../../../core/files';
import { allowYoungGenerationGrowth } from '../../../core/runtime';
import { scanFile, type FileResult } from './scan-file';

/** One task of a scan worker (cli/src/scan/worker.ts): scan these files, one result each. */
export interface ScanTask {
  files: string[];
  maxBytes: number;
}

/**
 * Files per task. A task per file was a message each way per file (1,846 on the 50 MiB corpus),
 * each waking the other thread; 16 files (~0.4 MiB of the corpus) make the messages 16 times
 * fewer and still leave the threads' shares even at the end of a scan.
 */
export const FILES_PER_TASK = 16;

/**
 * Inputs this small are scanned on this thread: starting a worker (its isolate, its bundle, a
 * cold JIT) costs more than they take.
 */
const IN_THREAD_FILES = 32;

/**
 * Heap limits of a scan worker (MB): a thread that scans allocates fast and keeps almost nothing,
 * and without limits V8 grows its young generation to 32 MB and its old one to several times what
 * is live, per thread. A file that needs more than the old generation allows (a scan holds a few
 * times a file's size for a moment) kills its worker; it is scanned again on this thread.
 */
export const SCAN_WORKER_LIMITS: WorkerHeapLimits = { youngGenerationMb: 6, oldGenerationMb: 64 };

/**
 * Input below which the default is one thread. A worker thread starts cold: it loads its bundle,
 * runs unoptimised code until the JIT has compiled the hot loops, and its compiler and
 * garbage-collector threads compete with both JavaScript threads for the cores. Measured on 2
 * cores (`rotation-guard scan --jobs N`, synthetic corpora): 50 MiB 0.65 s on one thread vs 0.72 s
 * on two; 100 MiB 1.09 vs 1.00 s; 200 MiB 1.94 vs 1.57 s. Each thread also costs memory: on the
 * pool's largest repository (crewAI, 244 MiB in 27,000 files) one thread peaked at 113-120 MB
 * RSS, two at 153-189 MB, over issue #21's 150 MB. So the break-even is where the time saved is
 * worth that: ~512 MiB on 2 cores (a few tenths of a second saved below it), assumed to shrink in
 * proportion with more cores. `--jobs N` chooses otherwise.
 */
export const PARALLEL_BREAK_EVEN_BYTES = 1024 * 1024 * 1024;

/** Threads to use for `bytes` of input when the user did not say (`--jobs 0`). */
export function threadsFor(bytes: number, cpus = availableParallelism()): number {
  const n = Math.min(cpus, 8);
  return n > 1 && bytes * n >= PARALLEL_BREAK_EVEN_BYTES ? n : 1;
}

/**
 * `threadsFor` the files' total size, asking each file's size only while the answer is open: none
 * on one CPU, and no more once the total reaches the break-even (a large repository's sizes past
 * its first few hundred MiB change nothing). Below the break-even every file is asked: the walk
 * lists files from `readdir` types, without sizes, and an estimate would change which inputs get
 * worker threads. An unreadable file counts as empty.
 */
export function threadsForFiles(files: readonly string[], cpus = availableParallelism(), sizeOf: (file: string) => number = statSize): number {
  const n = Math.min(cpus, 8);
  if (n <= 1) return 1;
  let bytes = 0;
  for (const f of files) {
    bytes += sizeOf(f);
    if (bytes * n >= PARALLEL_BREAK_EVEN_BYTES) return n;
  }
  return 1;
}

const statSize = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

export interface PoolOptions {
  maxBytes: number;
  /** Threads that scan: 1 is this one, more are workers; 0: threadsFor the files' total size. */
  jobs: number;
  /** Script the workers load; dist/scan-worker.js beside this bundle by default. */
  entry?: string;
}

/**
 * Scans files, results in the order of `files`. One thread (the default below the break-even)
 * scans here; with more, this thread takes tasks of FILES_PER_TASK files too, between the
 * answers of `threads - 1` workers in core's pool (core/files/worker-pool.ts), which scan under
 * SCAN_WORKER_LIMITS. The files of a task whose worker died are scanned again here: nothing is
 * lost, and a genuine error in scanning one is raised here as any other. Without a worker script
 * (the sources run unbundled, as in unit tests) and for a handful of files everything runs here.
 */
export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  const scan = (i: number) => (results[i] = scanFile(files[i]!, opts.maxBytes));
  const order = warmUpOrder(files);
  const entry = opts.entry ?? join(__dirname, 'scan-worker.js');
  // A handful of files, or no worker script, run here whatever their size: no size is asked then.
  const here = files.length < IN_THREAD_FILES || !existsSync(entry);
  const threads = opts.jobs || (here ? 1 : threadsForFiles(files));
  // The young generation's size for this thread's scan (core/runtime/v8-tuning.ts).
  const young = allowYoungGenerationGrowth();
  if (threads <= 1 || here) {
    for (const i of order) {
      scan(i);
      young();
    }
    young(true);
    return results;
  }
  const tasks: ScanTask[] = [];
  for (let k = 0; k < order.length; k += FILES_PER_TASK) tasks.push({ files: order.slice(k, k + FILES_PER_TASK).map((i) => files[i]!), maxBytes: opts.maxBytes });
  const put = (t: number, r: FileResult[]) => r.forEach((one, j) => (results[order[t * FILES_PER_TASK + j]!] = one));
  const inThread = (t: ScanTask) => {
    const r = t.files.map((f) => scanFile(f, t.maxBytes));
    young();
    return r;
  };
  const outcome = await runInWorkers<ScanTask, never, FileResult[]>(tasks, { entry, threads: threads - 1, limits: SCAN_WORKER_LIMITS, here: inThread }, { done: put });
  young(true);
  for (const { index } of outcome.lost) for (let k = index * FILES_PER_TASK; k < Math.min(order.length, (index + 1) * FILES_PER_TASK); k++) scan(order[k]!);
  return results;
}
