// LSP wiring only: capabilities, handler registration, and the custom messages of protocol.ts.
// The analysis itself lives in core/ (pure) and the small modules next to this file.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanText } from '../../core/detect';
import { tuneV8ForScanning } from '../../core/v8-tuning';
import type { KnownSecrets } from '../../core/detect/types';
import { secretCodeActions } from './codeActions';
import { loadKnownSecrets } from './knownSecrets';
import { formatNameFor, pathToUri, uriToPath } from './paths';
import { PolicyFeatures } from './policyFeatures';
import { findingToDiagnostic } from './secretDiagnostics';
import { SettingsCache } from './settings';
import { Validator } from './validator';
import { workspaceFiles } from './workspaceScan';
import {
  KnownSecretsNotification,
  RefreshNotification,
  ScanWorkspaceRequest,
  SecretsStateRequest,
  StatusNotification,
} from '../../protocol/src/protocol';

tuneV8ForScanning(); // see v8-tuning.ts: scanning on every keystroke gains from early type feedback

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const log = (msg: string) => connection.console.log(msg);

let workspaceFolders: string[] = [];
let clientSupportsFolders = false;
let knownSecrets: KnownSecrets | undefined;
let knownFromClient: KnownSecretsNotification.Params | undefined;
const findingCounts = new Map<string, number>();

process.on('uncaughtException', (err) => connection.console.error(`uncaught exception: ${err.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));

const policy = new PolicyFeatures({ log, now: () => new Date() });

const validator = new Validator({
  connection,
  settings,
  knownSecrets: () => knownSecrets,
  policyDiagnostics: (doc, path) => policy.diagnostics(doc, path),
  log,
  onFindings: (uri, count) => {
    findingCounts.set(uri, count);
    sendStatus();
  },
});

function sendStatus(): void {
  const total = [...findingCounts.values()].reduce((a, b) => a + b, 0);
  const params: StatusNotification.Params = { state: total ? 'warn' : 'ok', message: total ? `${total} problem(s) in open files` : 'no problems in open files', findings: total };
  void connection.sendNotification(StatusNotification.method, params);
}

async function refreshKnownSecrets(): Promise<void> {
  try {
    knownSecrets = await loadKnownSecrets(workspaceFolders, knownFromClient);
  } catch (err) {
    connection.console.error(`could not load known-secret fingerprints: ${(err as Error).message}`);
  }
}

function revalidateAll(): void {
  for (const doc of documents.all()) validator.schedule(doc, (u) => documents.get(u), true);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  settings.setClientSupportsConfiguration(!!params.capabilities.workspace?.configuration);
  clientSupportsFolders = !!params.capabilities.workspace?.workspaceFolders;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (workspaceFolders.length === 0 && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) workspaceFolders = [root];
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-'] },
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'rotation-guard', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  // The getter throws when the client cannot send folder changes, so only ask for them if it can.
  if (clientSupportsFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
      for (const f of e.added) {
        const p = uriToPath(f.uri);
        if (p) workspaceFolders.push(p);
      }
      void refreshKnownSecrets().then(revalidateAll);
    });
  }
  await refreshKnownSecrets();
  revalidateAll();
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  revalidateAll();
});


documents.onDidOpen((e) => validator.schedule(e.document, (u) => documents.get(u), true));
documents.onDidChangeContent((e) => validator.schedule(e.document, (u) => documents.get(u)));
documents.onDidClose((e) => {
  validator.cancel(e.document.uri);
  settings.forget(e.document.uri);
  findingCounts.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  sendStatus();
});
documents.onDidSave((e) => {
  // A saved ledger or policy changes what counts as known, current or overdue.
  const path = uriToPath(e.document.uri) ?? '';
  if (policy.isPolicy(path)) void refreshKnownSecrets().then(revalidateAll);
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const s = await settings.get(doc.uri);
  const formatName = formatNameFor(doc.uri, doc.languageId);
  const policyOf = (secretId: string) => policy.secretsState(workspaceFolders, new Date(), undefined, (u) => documents.get(u)).find((x) => x.id === secretId)?.policyUri;
  return [...secretCodeActions(doc, formatName, params, s, policyOf), ...policy.codeActions(doc, params)];
});

connection.onHover((params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? policy.hover(doc, params.position) : null;
});

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? policy.completions(doc, params.position) : [];
});

connection.onCodeLens((params) => {
  const doc = documents.get(params.textDocument.uri);
  return doc ? policy.codeLenses(doc) : [];
});

connection.onDidChangeWatchedFiles(() => {
  policy.clearCache();
  void refreshKnownSecrets().then(revalidateAll);
});

connection.onNotification(RefreshNotification.method, () => {
  policy.clearCache();
  void refreshKnownSecrets().then(revalidateAll);
});

connection.onNotification(KnownSecretsNotification.method, (params: KnownSecretsNotification.Params) => {
  knownFromClient = params;
  void refreshKnownSecrets().then(revalidateAll);
});

connection.onRequest(SecretsStateRequest.method, (params: SecretsStateRequest.Params): SecretsStateRequest.Result => {
  const now = params.now ? new Date(params.now) : new Date();
  const policyPath = params.policyUri ? uriToPath(params.policyUri) : undefined;
  return { secrets: policy.secretsState(workspaceFolders, now, policyPath, (u) => documents.get(u)) };
});

connection.onRequest(ScanWorkspaceRequest.method, async (params: ScanWorkspaceRequest.Params, token): Promise<ScanWorkspaceRequest.Result> => {
  const folders = params.folders?.length ? params.folders : workspaceFolders;
  let filesScanned = 0;
  let findings = 0;
  let skipped = 0;
  for (const folder of folders) {
    const s = await settings.get(pathToUri(folder));
    const files = workspaceFiles(folder, s.exclude, s.maxFileSizeKB * 1024, (p, why) => {
      skipped++;
      log(`scan: skipped ${p} (${why})`);
    }, () => token.isCancellationRequested);
    for await (const file of files) {
      filesScanned++;
      const uri = pathToUri(file.path);
      if (documents.get(uri)) continue; // open documents are validated live
      const found = scanText(file.text, { path: file.path, ...(knownSecrets ? { knownSecrets } : {}) });
      const doc = TextDocument.create(uri, 'plaintext', 0, file.text);
      const diagnostics = found.map((f) => findingToDiagnostic(doc, file.path, f));
      const policyDiags = policy.diagnostics(doc, file.path);
      if (policyDiags) diagnostics.push(...policyDiags);
      findings += diagnostics.length;
      await connection.sendDiagnostics({ uri, diagnostics });
    }
  }
  log(`scan: ${filesScanned} files, ${findings} findings, ${skipped} skipped`);
  return { filesScanned, findings, skipped };
});

documents.listen(connection);
connection.listen();
