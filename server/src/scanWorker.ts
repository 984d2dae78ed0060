// The workspace scan in a worker thread of core's scan pool (bundled alone as
// dist/server-scan-worker.js): the same diagnosis as the editor's (diagnoser.ts), with its own
// young generation capped so scanning ten thousand files does not grow the language server's
// heap, and freed when the scan ends. The main thread stays free for edits meanwhile. Its one
// task is a whole scan; files, progress and log lines stream back as items (ScanWorkerItem).
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serveTasks, type TaskContext } from '../../core/files';
import { tuneV8ForScanning } from '../../core/runtime';
import type { Settings } from '../../protocol/src/settings';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { loadKnownSecrets } from './knownSecrets';
import { PolicyFeatures } from './policyFeatures';
import { ReferenceFeatures } from './referenceFeatures';
import { workspacePolicySet } from './session/policies';
import { scanWorkspace } from './workspaceScan';

export interface ScanWorkerInput {
  folders: string[];
  settingsByFolder: Record<string, Settings>;
  /** Open documents: validated live by the main thread, skipped here; open policies are read from their buffers. */
  open: Array<{ uri: string; version: number; text: string; languageId: string }>;
  nowIso: string;
}

export type ScanWorkerItem = { type: 'file'; uri: string; diagnostics: Diagnostic[] } | { type: 'progress'; percent: number; message: string } | { type: 'log'; message: string };

async function scan(input: ScanWorkerInput, ctx: TaskContext<ScanWorkerItem>): Promise<ScanWorkspaceRequest.Result> {
  const log = (message: string) => ctx.emit({ type: 'log', message });
  const now = () => new Date(input.nowIso);
  const open = new Map(input.open.map((d) => [d.uri, TextDocument.create(d.uri, d.languageId, d.version, d.text)]));
  const policy = new PolicyFeatures({ log, now });
  const index = workspacePolicySet({ folders: () => input.folders, openDoc: (u) => open.get(u), features: policy, now });
  const references = new ReferenceFeatures(index);
  const knownSecrets = loadKnownSecrets(index.get().policies);
  const settingsFor = (uri: string) => Promise.resolve(input.settingsByFolder[uri] ?? Object.values(input.settingsByFolder)[0]!);
  return scanWorkspace(
    input.folders,
    {
      settingsFor: (uri) => settingsFor(uri),
      context: { knownSecrets, policyDiagnostics: (doc, path) => policy.diagnostics(doc, path), referenceDiagnostics: (doc, path) => references.diagnostics(doc, path), log },
      isOpen: (uri) => open.has(uri),
      publish: async (uri, diagnostics) => ctx.emit({ type: 'file', uri, diagnostics }),
      log,
      report: (percent, message) => ctx.emit({ type: 'progress', percent, message }),
    },
    { get isCancellationRequested() { return ctx.cancelled(); }, onCancellationRequested: () => ({ dispose: () => undefined }) },
  );
}

tuneV8ForScanning();
serveTasks<ScanWorkerInput, ScanWorkerItem, ScanWorkspaceRequest.Result>(scan);
