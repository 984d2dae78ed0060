// The workspace scan in a worker thread (bundled alone as dist/server-scan-worker.js): the same
// diagnosis as the editor's (diagnoser.ts), with its own young generation capped so scanning ten
// thousand files does not grow the language server's heap, and freed when the scan ends. The
// main thread stays free for edits meanwhile. Messages: see ScanWorkerMessage.
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
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

export type ScanWorkerMessage =
  | { type: 'file'; uri: string; diagnostics: Diagnostic[] }
  | { type: 'progress'; percent: number; message: string }
  | { type: 'log'; message: string }
  | { type: 'done'; result: ScanWorkspaceRequest.Result }
  | { type: 'error'; message: string };

async function main(port: NonNullable<typeof parentPort>, input: ScanWorkerInput): Promise<void> {
  tuneV8ForScanning();
  let cancelled = false;
  port.on('message', (m: { type?: string }) => {
    if (m?.type === 'cancel') cancelled = true;
  });
  const post = (m: ScanWorkerMessage) => port.postMessage(m);
  const log = (message: string) => post({ type: 'log', message });
  const now = () => new Date(input.nowIso);
  const open = new Map(input.open.map((d) => [d.uri, TextDocument.create(d.uri, d.languageId, d.version, d.text)]));
  const policy = new PolicyFeatures({ log, now });
  const index = workspacePolicySet({ folders: () => input.folders, openDoc: (u) => open.get(u), features: policy, now });
  const references = new ReferenceFeatures(index);
  const knownSecrets = loadKnownSecrets(index.get().policies);
  const settingsFor = (uri: string) => Promise.resolve(input.settingsByFolder[uri] ?? Object.values(input.settingsByFolder)[0]!);
  const result = await scanWorkspace(
    input.folders,
    {
      settingsFor: (uri) => settingsFor(uri),
      context: { knownSecrets, policyDiagnostics: (doc, path) => policy.diagnostics(doc, path), referenceDiagnostics: (doc, path) => references.diagnostics(doc, path), log },
      isOpen: (uri) => open.has(uri),
      publish: async (uri, diagnostics) => post({ type: 'file', uri, diagnostics }),
      log,
      report: (percent, message) => post({ type: 'progress', percent, message }),
    },
    { get isCancellationRequested() { return cancelled; }, onCancellationRequested: () => ({ dispose: () => undefined }) },
  );
  post({ type: 'done', result });
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as ScanWorkerInput).catch((err: Error) => port.postMessage({ type: 'error', message: err.stack ?? err.message } satisfies ScanWorkerMessage));
}

