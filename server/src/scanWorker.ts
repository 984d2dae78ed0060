// A workspace pass (workspaceScan.ts: Scan Workspace, the workspace pull, Create Policy) in a
// worker thread of core's scan pool (bundled alone as dist/server-scan-worker.js): the editor's
// diagnosis, with its own young generation capped so scanning ten thousand files does not grow
// the language server's heap, and freed when the worker ends: after a one-off pass, or once the
// pull has sent none for SCAN_WORKER_IDLE_MS (scanInWorker.ts). The main thread stays free for
// edits meanwhile. Its one task is a whole pass; files, progress and log lines stream back as
// items (ScanWorkerItem); a kept worker carries nothing of a pass into the next but what the
// modules cache by value (the value judgement's memo, fingerprints).
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serveTasks, type TaskContext } from '../../core/files';
import { tuneV8ForScanning } from '../../core/runtime';
import type { Settings } from '../../protocol/src/settings';
import { loadKnownSecrets } from './knownSecrets';
import { PolicyFeatures } from './policyFeatures';
import { ReferenceFeatures } from './referenceFeatures';
import { workspacePolicySet } from './session/policies';
import type { FileStamp } from './workspaceFileCache';
import { scanWorkspace, type WorkspacePass } from './workspaceScan';

/** What the diagnosis reads besides the files, as the main thread has it; known values are read from the ledgers with its `env` (a pass started before the server's first load still knows them). */
export interface ScanWorkerInput {
  folders: string[];
  settingsByFolder: Record<string, Settings>;
  /** Open documents: validated live by the main thread, skipped here; open policies are read from their buffers. */
  open: Array<{ uri: string; version: number; text: string; languageId: string }>;
  nowIso: string;
  env: NodeJS.ProcessEnv;
  liveVerdicts: Array<[string, 'live' | 'refused' | 'unknown']>;
  allowedPaths: readonly string[];
  /** The workspace pull's cache (workspaceScan.ts `known`). */
  known?: Map<string, FileStamp | null>;
  /** Open documents are read from disk like the rest (scanInWorker.ts `PassOptions`); open policies still feed the policy set. */
  readOpenFromDisk?: boolean;
}

/** A file read: its diagnostics, or none when it was skipped as binary. */
export type ScanWorkerItem = { type: 'file'; uri: string; stamp: FileStamp; diagnostics?: Diagnostic[] } | { type: 'progress'; percent: number; message: string } | { type: 'log'; message: string };

async function pass(input: ScanWorkerInput, ctx: TaskContext<ScanWorkerItem>): Promise<WorkspacePass> {
  const log = (message: string) => ctx.emit({ type: 'log', message });
  const now = () => new Date(input.nowIso);
  const open = new Map(input.open.map((d) => [d.uri, TextDocument.create(d.uri, d.languageId, d.version, d.text)]));
  const policy = new PolicyFeatures({ log, now, allowedPaths: () => input.allowedPaths });
  const index = workspacePolicySet({ folders: () => input.folders, openDoc: (u) => open.get(u), features: policy, now, env: input.env });
  const references = new ReferenceFeatures(index);
  const verdicts = new Map(input.liveVerdicts);
  const settingsFor = (uri: string) => Promise.resolve(input.settingsByFolder[uri] ?? Object.values(input.settingsByFolder)[0]!);
  return scanWorkspace(
    input.folders,
    {
      settingsFor,
      context: { knownSecrets: loadKnownSecrets(index.get().policies, input.env), policyDiagnostics: (doc, path) => policy.diagnostics(doc, path), referenceDiagnostics: (doc, path) => references.diagnostics(doc, path), liveVerdict: (fp) => verdicts.get(fp), log },
      isOpen: input.readOpenFromDisk ? () => false : (uri) => open.has(uri),
      publish: async (uri, diagnostics, stamp) => ctx.emit({ type: 'file', uri, stamp, ...(diagnostics ? { diagnostics } : {}) }),
      log,
      report: (percent, message) => ctx.emit({ type: 'progress', percent, message }),
      ...(input.known ? { known: input.known } : {}),
    },
    { get isCancellationRequested() { return ctx.cancelled(); }, onCancellationRequested: () => ({ dispose: () => undefined }) },
  );
}

tuneV8ForScanning();
serveTasks<ScanWorkerInput, ScanWorkerItem, WorkspacePass>(pass);
