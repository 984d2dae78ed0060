import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { runInWorkers, type ResidentWorkers } from '../../core/files';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../../protocol/src/settings';
import type { DiagnoseContext } from './diagnoser';
import { pathToUri, uriToPath } from './paths';
import type { ScanWorkerInput, ScanWorkerItem } from './scanWorker';
import type { FileStamp } from './workspaceFileCache';
import { scanWorkspace, type WorkspacePass } from './workspaceScan';

/** The worker's young generation: small, because a scan allocates fast and keeps almost nothing. */
const YOUNG_GENERATION_MB = 8;

/**
 * How long the scan worker is kept after a pass of the workspace pull (`PassOptions.keepWorker`):
 * the pulls that follow one another (VS Code's client pulls again 2 s after an answer that had
 * news, and Scan Workspace in a pulling client is a pull pass) start it once instead of once each
 * (a start is ~200 ms of CPU, and a new thread's scan code is cold). Shorter than the pull's
 * re-sweep (RESWEEP_MS, 10 s), so an idle editor's server gives the worker's memory back between
 * re-sweeps instead of holding it for as long as the editor is open.
 */
export const SCAN_WORKER_IDLE_MS = 8_000;

/** dist/server-scan-worker.js beside the server bundle, when it is there (tests that bundle the server elsewhere scan in-thread). */
export function scanWorkerEntry(dir = __dirname): string | undefined {
  const entry = join(dir, 'server-scan-worker.js');
  return existsSync(entry) ? entry : undefined;
}

export interface PassHandlers {
  /** A file read: its diagnostics, or undefined when it was skipped as binary. */
  onFile: (uri: string, diagnostics: Diagnostic[] | undefined, stamp: FileStamp) => Promise<void> | void;
  onProgress: (percent: number, message: string) => void;
  log: (message: string) => void;
}

/** What a pass reads from the server (ServerState): settings, open documents and what the diagnosis knows. */
export interface PassState {
  settings: { get: (uri: string) => Promise<Settings> };
  documents: { get: (uri: string) => TextDocument | undefined; all: () => TextDocument[] };
  policy: { isPolicy: (path: string) => boolean };
  now: () => Date;
  env: NodeJS.ProcessEnv;
  allowedPaths: readonly string[];
  liveVerdicts: ReadonlyMap<string, 'live' | 'refused' | 'unknown'>;
  deps: { scanWorkerEntry?: string };
  diagnoseContext: () => DiagnoseContext;
  /** The scan worker kept between the workspace pull's passes (SCAN_WORKER_IDLE_MS). */
  scanWorkers: ResidentWorkers;
}

/** How a pass treats the files around it. */
export interface PassOptions {
  /** The workspace pull's cache (workspaceScan.ts `known`). */
  known?: Map<string, FileStamp | null>;
  /**
   * Open documents are read from disk like closed files (Create Policy from Findings: the policy
   * lists what the files hold), instead of being left to their live validation.
   */
  readOpenFromDisk?: boolean;
  /**
   * Take the worker a recent pass left (`PassState.scanWorkers`) and leave it there for the next
   * for SCAN_WORKER_IDLE_MS: the workspace pull, whose passes recur. A one-off pass (Scan
   * Workspace in a client that takes pushed diagnostics, Create Policy) starts its own worker and
   * ends it, so the server's memory is back where it was when the pass answers.
   */
  keepWorker?: boolean;
}

/**
 * One workspace pass (workspaceScan.ts) for "Scan Workspace", the workspace pull and Create Policy
 * from Findings: the one task of core's scan pool (the pool `rotation-guard scan` uses) when the
 * bundle has the worker, so the main thread keeps answering; else in this thread, yielding between
 * files. A cancelled token stops it after the file it is on; a worker that dies is an error.
 */
export async function runWorkspacePass(state: PassState, folders: string[], h: PassHandlers, token: CancellationToken, opts: PassOptions = {}): Promise<WorkspacePass> {
  const { known, readOpenFromDisk = false, keepWorker = false } = opts;
  const entry = state.deps.scanWorkerEntry === undefined ? scanWorkerEntry() : state.deps.scanWorkerEntry || undefined;
  if (!entry) {
    const isOpen = readOpenFromDisk ? () => false : (uri: string) => !!state.documents.get(uri);
    const deps = { settingsFor: (uri: string) => state.settings.get(uri), context: state.diagnoseContext(), isOpen, log: h.log, report: h.onProgress };
    return scanWorkspace(folders, { ...deps, publish: async (uri, d, stamp) => h.onFile(uri, d, stamp), ...(known ? { known } : {}) }, token);
  }
  const settingsByFolder: Record<string, Settings> = {};
  for (const f of folders) settingsByFolder[pathToUri(f)] = await state.settings.get(pathToUri(f));
  const open = state.documents.all().map((d) => ({ uri: d.uri, version: d.version, languageId: d.languageId, text: state.policy.isPolicy(uriToPath(d.uri) ?? '') ? d.getText() : '' }));
  const input: ScanWorkerInput = { folders, settingsByFolder, open, nowIso: state.now().toISOString(), env: state.env, liveVerdicts: [...state.liveVerdicts], allowedPaths: state.allowedPaths, ...(known ? { known } : {}), ...(readOpenFromDisk ? { readOpenFromDisk } : {}) };
  let published = Promise.resolve();
  let result: WorkspacePass | undefined;
  const item = (_: number, m: ScanWorkerItem) => {
    switch (m.type) {
      case 'file':
        published = published.then(() => h.onFile(m.uri, m.diagnostics, m.stamp)).catch((err: Error) => h.log(`scan: publishing ${m.uri} failed: ${err.message}`));
        break;
      case 'progress':
        h.onProgress(m.percent, m.message);
        break;
      case 'log':
        h.log(m.message);
        break;
    }
  };
  const outcome = await runInWorkers<ScanWorkerInput, ScanWorkerItem, WorkspacePass>([input], { entry, threads: 1, limits: { youngGenerationMb: YOUNG_GENERATION_MB }, token, ...(keepWorker ? { resident: state.scanWorkers } : {}) }, { item, done: (_, r) => (result = r) });
  // Everything the worker sent is handled before the pass answers.
  await published;
  if (outcome.lost.length) throw new Error(`workspace scan failed: ${outcome.lost[0]!.error.message}`);
  if (!result) throw new Error('workspace scan worker stopped before it finished');
  return result;
}
