import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import type { ScanWorkerInput, ScanWorkerMessage } from './scanWorker';

/** The worker's young generation: small, because a scan allocates fast and keeps almost nothing. */
const YOUNG_GENERATION_MB = 8;

/** dist/server-scan-worker.js beside the server bundle, when it is there (tests that bundle the server elsewhere scan in-thread). */
export function scanWorkerEntry(dir = __dirname): string | undefined {
  const entry = join(dir, 'server-scan-worker.js');
  return existsSync(entry) ? entry : undefined;
}

export interface WorkerScanHandlers {
  onFile: (uri: string, diagnostics: Diagnostic[]) => Promise<void>;
  onProgress: (percent: number, message: string) => void;
  log: (message: string) => void;
}

/** Runs scanWorker.ts; a cancelled token tells it to stop after the file it is on. */
export function scanInWorker(entry: string, input: ScanWorkerInput, h: WorkerScanHandlers, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    let settled = false;
    let published = Promise.resolve();
    const cancelPoll = setInterval(() => {
      if (token.isCancellationRequested) worker.postMessage({ type: 'cancel' });
    }, 20);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(cancelPoll);
      // Publish everything the worker sent, and let its heap go, before answering.
      void published.then(() => worker.terminate()).then(fn, fn);
    };
    worker.on('message', (m: ScanWorkerMessage) => {
      switch (m.type) {
        case 'file':
          published = published.then(() => h.onFile(m.uri, m.diagnostics)).catch((err: Error) => h.log(`scan: publishing ${m.uri} failed: ${err.message}`));
          break;
        case 'progress':
          h.onProgress(m.percent, m.message);
          break;
        case 'log':
          h.log(m.message);
          break;
        case 'done':
          finish(() => resolve(m.result));
          break;
        case 'error':
          finish(() => reject(new Error(`workspace scan failed: ${m.message}`)));
          break;
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`workspace scan worker exited (${code}) before it finished`))));
  });
}
