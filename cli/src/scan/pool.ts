import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanFile, type FileResult } from './scan-file';

/**
 * Scans many files on worker threads. The worker runs the same bundle (dist/cli.js): it is
 * started with an eval stub that `require`s the bundle, so the CLI's `require.main === module`
 * entry point stays inactive, and this module, seeing the worker role below, serves requests.
 */
const ROLE = 'rotation-guard/scan-worker/v1';
const BATCH = 16;

interface Request {
  files: string[];
  maxBytes: number;
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE && parentPort) {
  const port = parentPort;
  port.on('message', (req: Request) => {
    port.postMessage(req.files.map((f) => scanFile(f, req.maxBytes)));
  });
}

export interface PoolOptions {
  maxBytes: number;
  jobs: number;
  /** Script the workers load; the running bundle by default. */
  entry?: string;
}

/**
 * Results in the order of `files`. Small inputs are scanned on this thread. Otherwise `jobs - 1`
 * workers and this thread share the batches: this thread has the bundle loaded already, and a
 * worker costs a bundle load and its own JIT warm-up, which on a 2-core machine ate most of the
 * gain of a second worker. Each worker holds two batches, so it has work while this thread is
 * busy scanning and cannot answer its messages.
 */
export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const jobs = opts.jobs > 0 ? opts.jobs : Math.min(availableParallelism(), 8);
  if (jobs <= 1 || files.length < BATCH * 2) return files.map((f) => scanFile(f, opts.maxBytes));
  const entry = opts.entry ?? __filename;
  const batches = Math.ceil(files.length / BATCH);
  const results: FileResult[][] = new Array(batches);
  const batch = (b: number) => files.slice(b * BATCH, (b + 1) * BATCH);
  let next = 0;
  const take = () => (next < batches ? next++ : -1);
  const workers: Worker[] = [];
  try {
    const workersDone = Array.from({ length: Math.min(jobs - 1, batches) }, () => {
      const w = new Worker(`require(${JSON.stringify(entry)});`, { eval: true, workerData: { role: ROLE } });
      workers.push(w);
      return new Promise<void>((resolveDone, reject) => {
        const pending: number[] = []; // batches sent, in the order the worker answers them
        const feed = () => {
          while (pending.length < 2) {
            const b = take();
            if (b < 0) break;
            pending.push(b);
            w.postMessage({ files: batch(b), maxBytes: opts.maxBytes } satisfies Request);
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
        results[b] = batch(b).map((f) => scanFile(f, opts.maxBytes));
        await new Promise<void>((r) => setImmediate(r)); // let the workers' answers in
      }
    })();
    await Promise.all([...workersDone, here]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
