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

/** Total size of the files, for threadsFor; unreadable files count as empty. */
export function totalBytes(files: string[]): number {
  let sum = 0;
  for (const f of files) sum += statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  return sum;
}

export interface PoolOptions {
  maxBytes: number;
  /** Threads in all, this one included. */
  jobs: number;
  /** Script the workers load; dist/scan-worker.js beside this bundle by default. */
  entry?: string;
}

/**
 * Scans files, on `jobs - 1` worker threads and this one; results in the order of `files`.
 * This thread takes batches too: its code is loaded and warm already. Each worker holds two
 * batches, so it has work while this thread is busy scanning and cannot answer its messages.
 * Without a worker script (the sources run unbundled, as in unit tests) everything runs here.
 */
export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const order = warmUpOrder(files);
  const scanned = await scanInOrder(order.map((i) => files[i]!), opts);
  const results: FileResult[] = new Array(files.length);
  order.forEach((i, k) => (results[i] = scanned[k]!));
  return results;
}

async function scanInOrder(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const local = (list: string[]) => list.map((f) => scanFile(f, opts.maxBytes));
  const entry = opts.entry ?? join(__dirname, 'scan-worker.js');
  if (opts.jobs <= 1 || files.length < BATCH * 2 || !existsSync(entry)) return local(files);
  const batches = Math.ceil(files.length / BATCH);
  const results: FileResult[][] = new Array(batches);
  const batch = (b: number) => files.slice(b * BATCH, (b + 1) * BATCH);
  let next = 0;
  const take = () => (next < batches ? next++ : -1);
  const workers: Worker[] = [];
  try {
    const workersDone = Array.from({ length: Math.min(opts.jobs - 1, batches - 1) }, () => {
      const w = new Worker(entry);
      workers.push(w);
      return new Promise<void>((resolveDone, reject) => {
        const pending: number[] = []; // batches sent, in the order the worker answers them
        const feed = () => {
          while (pending.length < 2) {
            const b = take();
            if (b < 0) break;
            pending.push(b);
            w.postMessage({ files: batch(b), maxBytes: opts.maxBytes } satisfies ScanRequest);
          }
          if (!pending.length) resolveDone();
        };
        w.on('message', (r: FileResult[]) => {
          results[pending.shift()!] = r;
          feed();
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (pending.length) reject(new Error(`scan worker exited with code ${code}`));
        });
        feed();
      });
    });
    const here = (async () => {
      for (let b = take(); b >= 0; b = take()) {
        results[b] = local(batch(b));
        await new Promise<void>((r) => setImmediate(r)); // let the workers' answers in
      }
    })();
    await Promise.all([...workersDone, here]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
