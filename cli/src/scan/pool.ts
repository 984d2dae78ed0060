import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { warmUpOrder } from '../../../core/files';
import { scanFile, type FileResult } from './scan-file';

/** One message to a worker: scan these files. */
export interface ScanRequest {
  files: string[];
  maxBytes: number;
}

const BATCH = 16;

/**
 * A worker's young generation (MB): V8's default lets each thread's grow to 48 MB, which a scan,
 * allocating fast and keeping almost nothing, fills before it is collected. As the server's scan
 * worker (server/src/scanInWorker.ts).
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Input below which one thread is faster than several. A worker thread starts cold: it loads its
 * bundle, runs unoptimised code until the JIT has compiled the hot loops, and its compiler and
 * garbage-collector threads compete with both JavaScript threads for the cores. Measured on 2
 * cores (`rotation-guard scan --jobs N`, synthetic corpora): 50 MiB 0.65 s on one thread vs 0.72 s
 * on two; 100 MiB 1.09 vs 1.00 s; 200 MiB 1.94 vs 1.57 s. The break-even, ~64 MiB on 2 cores, is
 * assumed to shrink in proportion with more cores (background work has room there; not measured).
 */
export const PARALLEL_BREAK_EVEN_BYTES = 128 * 1024 * 1024;

/** Threads to use for `bytes` of input when the user did not say (`--jobs 0`). */
export function threadsFor(bytes: number, cpus = availableParallelism()): number {
  const n = Math.min(cpus, 8);
  return n > 1 && bytes * n >= PARALLEL_BREAK_EVEN_BYTES ? n : 1;
}

export interface PoolOptions {
  maxBytes: number;
  /** Threads in all, this one included; 0: threadsFor the files' total size. */
  jobs: number;
  /** Script the workers load; dist/scan-worker.js beside this bundle by default. */
  entry?: string;
}

/**
 * Files larger than this are scanned one at a time, all on this thread, before its share of
 * batches: scanning a multi-megabyte file takes tens of MB for a moment (a 3.5 MB JSON-lines
 * trace: +30 MB), and two such files at once on two threads added up to the peak RSS.
 */
export const LARGE_FILE_BYTES = 1024 * 1024;

/**
 * Scans files, on `jobs - 1` worker threads and this one; results in the order of `files`.
 * This thread takes batches too: its code is loaded and warm already, and it takes the large
 * files (LARGE_FILE_BYTES) while the workers start. Each worker holds two batches, so it has
 * work while this thread is busy scanning and cannot answer its messages. Without a worker
 * script (the sources run unbundled, as in unit tests) everything runs here.
 */
export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  const scan = (i: number) => (results[i] = scanFile(files[i]!, opts.maxBytes));
  const order = warmUpOrder(files);
  const entry = opts.entry ?? join(__dirname, 'scan-worker.js');
  // Unreadable files count as empty.
  const sizes = opts.jobs === 1 ? [] : files.map((f) => statSync(f, { throwIfNoEntry: false })?.size ?? 0);
  const jobs = opts.jobs || threadsFor(sizes.reduce((a, b) => a + b, 0));
  if (jobs <= 1 || files.length < BATCH * 2 || !existsSync(entry)) {
    order.forEach(scan);
    return results;
  }
  const large = order.filter((i) => sizes[i]! > LARGE_FILE_BYTES);
  const isLarge = new Set(large);
  const small = order.filter((i) => !isLarge.has(i));
  const batches = Math.ceil(small.length / BATCH);
  const batch = (b: number) => small.slice(b * BATCH, (b + 1) * BATCH);
  let next = 0;
  const take = () => (next < batches ? next++ : -1);
  const workers: Worker[] = [];
  try {
    const workersDone = Array.from({ length: Math.min(jobs - 1, batches) }, () => {
      const w = new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      workers.push(w);
      return new Promise<void>((resolveDone, reject) => {
        const pending: number[][] = []; // batches sent, in the order the worker answers them
        const feed = () => {
          while (pending.length < 2) {
            const b = take();
            if (b < 0) break;
            const list = batch(b);
            pending.push(list);
            w.postMessage({ files: list.map((i) => files[i]!), maxBytes: opts.maxBytes } satisfies ScanRequest);
          }
          if (!pending.length) resolveDone();
        };
        w.on('message', (r: FileResult[]) => {
          pending.shift()!.forEach((i, k) => (results[i] = r[k]!));
          feed();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (pending.length) reject(new Error(`scan worker exited with code ${code}`));
        });
        feed();
      });
    });
    const letAnswersIn = () => new Promise<void>((r) => setImmediate(r));
    const here = (async () => {
      for (const i of large) {
        scan(i);
        await letAnswersIn();
      }
      for (let b = take(); b >= 0; b = take()) {
        batch(b).forEach(scan);
        await letAnswersIn();
      }
    })();
    await Promise.all([...workersDone, here]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
