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

/** Results in the order of `files`. Small inputs are scanned on this thread. */
export async function scanFiles(files: string[], opts: PoolOptions): Promise<FileResult[]> {
  const jobs = opts.jobs > 0 ? opts.jobs : Math.min(availableParallelism(), 8);
  if (jobs <= 1 || files.length < BATCH * 2) return files.map((f) => scanFile(f, opts.maxBytes));
  const entry = opts.entry ?? __filename;
  const results: FileResult[][] = new Array(Math.ceil(files.length / BATCH));
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(jobs, results.length) }, () => {
        const w = new Worker(`require(${JSON.stringify(entry)});`, { eval: true, workerData: { role: ROLE } });
        workers.push(w);
        return new Promise<void>((resolveDone, reject) => {
          let current = -1;
          const feed = () => {
            if (next >= results.length) {
              resolveDone();
              return;
            }
            current = next++;
            w.postMessage({ files: files.slice(current * BATCH, (current + 1) * BATCH), maxBytes: opts.maxBytes } satisfies Request);
          };
          w.on('message', (r: FileResult[]) => {
            results[current] = r;
            feed();
          });
          w.on('error', reject);
          w.on('exit', (code) => {
            if (next < results.length || current >= 0 && !results[current]) reject(new Error(`scan worker exited with code ${code}`));
          });
          feed();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
