// The workspace as a whole: "Scan Workspace" (pushed, in a worker thread when the bundle has one)
// and `workspace/diagnostic` (pulled, cached per file: workspacePull.ts).
import { sep } from 'node:path';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { ScanWorkspaceRequest } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';
import { runWorkspacePass } from '../scanInWorker';
import { scanResultOf } from '../workspaceScan';
import type { ServerState } from '../state';
import { cancelledByRequestOrProgress } from '../cancellation';

export function registerWorkspace(state: ServerState): void {
  state.connection.languages.diagnostics.onWorkspace((params, token) => state.workspacePull.pull(params, token));
  state.connection.onRequest(ScanWorkspaceRequest.type, (params, token) => runScan(state, params, token));
}

/** "Scan Workspace": the closed files of the folders, then the open documents among them. */
export async function runScan(state: ServerState, params: ScanWorkspaceRequest.Params, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  const folders = params.folders?.length ? params.folders : state.workspaceFolders;
  const result = await scanClosedFiles(state, folders, token);
  if (result.cancelled) return result;
  const open = await openDocumentFindings(state, folders, token);
  // The pushing walk already counted open files among those it read; the pull's cache holds none.
  return { ...result, findings: result.findings + open.findings, ...(state.client.pullDiagnostics ? { filesScanned: result.filesScanned + open.files } : {}) };
}

/**
 * The findings of the open documents under `folders`. Both walks leave open documents to their
 * own validation, yet the editor counts them with the rest: e2e journey 2 once read 9 problems
 * in the status bar against the scan's 8, because the editor trigger had opened
 * system-prompt.md (to read the value it fingerprints) while the scan ran, so its finding was
 * in the editor's count and not in the scan's. Diagnosed here, not read from the last result,
 * which a slow machine may not have yet.
 */
async function openDocumentFindings(state: ServerState, folders: string[], token: CancellationToken): Promise<{ files: number; findings: number }> {
  const inFolders = state.documents.all().filter((d) => {
    const p = uriToPath(d.uri);
    return !!p && folders.some((f) => p.startsWith(f.endsWith(sep) ? f : f + sep));
  });
  let findings = 0;
  for (const doc of inFolders) findings += (await state.diagnose(doc, () => token.isCancellationRequested))?.length ?? 0;
  return { files: inFolders.length, findings };
}

async function scanClosedFiles(state: ServerState, folders: string[], token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  const { connection, log } = state;
  // A client that pulls diagnostics gets the scan through its workspace pull (which shows its
  // own progress); pushing them as well would count each finding twice in VS Code.
  if (state.client.pullDiagnostics) return state.workspacePull.scanNow(token, log);
  const progress = await state.progress();
  progress.begin('Rotation Guard: scanning the workspace', 0, '', true);
  const publish = async (uri: string, diagnostics: Diagnostic[] | undefined) => {
    if (!diagnostics) return;
    state.setFindings(uri, diagnostics);
    // A clean file is published only to clear what an earlier scan reported there.
    if (!diagnostics.length && !state.scanReported.delete(uri)) return;
    if (diagnostics.length) state.scanReported.add(uri);
    await connection.sendDiagnostics({ uri, diagnostics });
  };
  try {
    return scanResultOf(await runWorkspacePass(state, folders, { onFile: publish, onProgress: (p, m) => progress.report(p, m), log }, cancelledByRequestOrProgress(token, progress)));
  } finally {
    progress.done();
  }
}
