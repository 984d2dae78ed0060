import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { runInWorkers } from '../../core/files';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import type { ScanWorkerInput, ScanWorkerItem } from './scanWorker';

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

/**
 * Runs scanWorker.ts as the one task of core's scan pool (the pool `rotation-guard scan` uses);
 * a cancelled token tells it to stop after the file it is on. A worker that dies is an error.
 */
export async function scanInWorker(entry: string, input: ScanWorkerInput, h: WorkerScanHandlers, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  let published = Promise.resolve();
  let result: ScanWorkspaceRequest.Result | undefined;
  const item = (_: number, m: ScanWorkerItem) => {
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
    }
  };
  const outcome = await runInWorkers<ScanWorkerInput, ScanWorkerItem, ScanWorkspaceRequest.Result>([input], { entry, threads: 1, limits: { youngGenerationMb: YOUNG_GENERATION_MB }, token }, { item, done: (_, r) => (result = r) });
  // Publish everything the worker sent before answering.
  await published;
  if (outcome.lost.length) throw new Error(`workspace scan failed: ${outcome.lost[0]!.error.message}`);
  if (!result) throw new Error('workspace scan worker stopped before it finished');
  return result;
}
