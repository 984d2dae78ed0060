// LSP wiring only: capabilities, handler registration, and the custom messages of protocol.ts.
// The analysis lives in core/ (pure) and the small modules next to this file. Nothing runs on
// import: the entry point (server.ts) or a test makes a connection and calls createServer.
import {
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import { sep } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnownSecrets } from '../../core/detect';
import { secretCodeActions } from './codeActions';
import { documentReport } from './diagnosticResults';
import { serverCommandHandlers } from './commands';
import { loadKnownSecrets } from './knownSecrets';
import { formatNameFor, pathToUri, uriToPath } from './paths';
import { PolicyFeatures } from './policyFeatures';
import { PolicyNavigation } from './policyNavigation';
import { ReferenceFeatures } from './referenceFeatures';
import { ExposureJudge } from './session/exposures';
import { workspacePolicySet } from './session/policies';
import { secretsState } from './session/secretsState';
import { workspaceCommands } from './session/workspaceCommands';
import { SettingsCache } from './settings';
import { problemKeys, Validator } from './validator';
import { scanWorkspace } from './workspaceScan';
import { WorkspacePull, type WorkspacePullMode } from './workspacePull';
import { scanInWorker, scanWorkerEntry } from './scanInWorker';
import type { Settings } from '../../protocol/src/settings';
import {
  ExposureNotification,
  KnownSecretsNotification,
  RefreshNotification,
  ScanWorkspaceRequest,
  SecretsStateRequest,
  ServerCommands,
  StatusNotification,
  type ServerCommandId,
} from '../../protocol/src/protocol';

export interface ServerDeps {
  /** The clock for staleness (tests pin it). */
  now?: () => Date;
  /** Environment for stores (pass, keychain) and the fingerprint key. */
  env?: NodeJS.ProcessEnv;
  /** The old fixed debounce, only for the benchmark's same-run baseline. */
  fixedDebounceMs?: number;
  /** `rescan`: the workspace pull diagnoses every file on every pull and never holds — the old behaviour, only for the benchmark's same-run baseline (ROTATION_GUARD_WORKSPACE_PULL). */
  workspacePull?: WorkspacePullMode;
  /** The scan worker's script; by default dist/server-scan-worker.js when present; '' scans in this thread. */
  scanWorkerEntry?: string;
}

export interface ServerHandle {
  dispose(): void;
}

/** Registers every handler on `connection` (not yet listening); the caller calls `connection.listen()`. */
export function createServer(connection: Connection, deps: ServerDeps = {}): ServerHandle {
  const now = deps.now ?? (() => new Date());
  const env = deps.env ?? process.env;
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const log = (msg: string) => connection.console.log(msg);
  const policy = new PolicyFeatures({ log, now });
  const documentsGet = (u: string) => documents.get(u);
  const secretIndex = workspacePolicySet({ folders: () => workspaceFolders, openDoc: documentsGet, features: policy, now, env });
  const references = new ReferenceFeatures(secretIndex);
  const navigation = new PolicyNavigation({ index: secretIndex, folders: () => workspaceFolders, openDoc: documentsGet, warn: (m) => void connection.window.showWarningMessage(m) });

  let workspaceFolders: string[] = [];
  let clientSupportsFolders = false;
  let pullDiagnostics = false;
  let refreshSupport = false;
  let progressSupport = false;
  let workspaceTrusted = false;
  let knownSecrets: KnownSecrets | undefined;
  let knownFromClient: KnownSecretsNotification.Params | undefined;
  /** The fingerprints of `knownSecrets` (no values), to tell whether a reload changed them. */
  let knownSecretsKey = '';
  /** Each file's problems as incident keys (problemKeys): the status counts distinct keys. */
  const findingKeys = new Map<string, readonly string[]>();
  /** Files (not open) the last workspace scan published problems for. */
  const scanReported = new Set<string>();

  function sendStatus(): void {
    const keys = new Set<string>();
    for (const list of findingKeys.values()) for (const k of list) keys.add(k);
    const total = keys.size;
    void connection.sendNotification(StatusNotification.type, { state: total ? 'warn' : 'ok', message: total ? `${total} problem(s) (the same value in several files counts once)` : 'no problems', findings: total });
  }
  const exposures = new ExposureJudge({ policies: secretIndex, folders: () => workspaceFolders, env, workspaceTrusted: () => workspaceTrusted, send: (p) => void connection.sendNotification(ExposureNotification.type, p), recorded: () => refresh(), log });
  const onFindings = (uri: string, problems: readonly string[], diagnostics?: readonly Diagnostic[]) => {
    if (diagnostics) exposures.judge(uri, diagnostics);
    if (problems.length) findingKeys.set(uri, problems);
    else findingKeys.delete(uri);
    sendStatus();
  };

  // "Is this key live?" answers of this session, by fingerprint (never values).
  const liveVerdicts = new Map<string, 'live' | 'refused' | 'unknown'>();
  const validator = new Validator({
    liveVerdict: (fp) => liveVerdicts.get(fp),
    connection,
    settings,
    knownSecrets: () => knownSecrets,
    policyDiagnostics: (doc, path) => policy.diagnostics(doc, path),
    referenceDiagnostics: (doc, path) => references.diagnostics(doc, path),
    log,
    onFindings,
    ...(deps.fixedDebounceMs !== undefined ? { fixedDebounceMs: deps.fixedDebounceMs } : {}),
  });

  // workspace/diagnostic: cached per file and held while idle (VS Code's client re-pulls every 2 s).
  const workspacePull = new WorkspacePull({
    folders: () => workspaceFolders,
    settingsFor: (uri) => settings.get(uri),
    isOpen: (uri) => !!documents.get(uri),
    always: (path) => policy.isPolicy(path),
    diagnoseDecoded: (uri, decoded, isCancelled, folderSettings) => validator.diagnoseDecoded(uri, decoded, isCancelled, folderSettings),
    onFindings: (uri, diagnostics) => onFindings(uri, problemKeys(uri, diagnostics), diagnostics),
    worldKey: () => references.stateKey(),
    progress: () => progressFor(undefined),
    mode: deps.workspacePull ?? 'cached',
  });

  async function refreshKnownSecrets(): Promise<void> {
    try {
      knownSecrets = loadKnownSecrets(secretIndex.get().policies, knownFromClient, env);
    } catch (err) {
      connection.console.error(`could not load known-secret fingerprints: ${(err as Error).message}`);
    }
    // Only when the set changed (the load at startup usually finds what the first pull used), and
    // after the load, not before: a pull diagnosing meanwhile used the old known secrets.
    const key = knownSecrets ? JSON.stringify([[...knownSecrets.current], [...knownSecrets.retired]]) : '';
    if (key !== knownSecretsKey) workspacePull.invalidateAll();
    knownSecretsKey = key;
  }

  function revalidateAll(): void {
    if (pullDiagnostics) {
      // The request itself (languages.diagnostics.refresh() drops its promise, so a failure would be an
      // unhandled rejection); a client that cannot refresh pulls again on its own, so a log line is enough.
      if (refreshSupport) connection.sendRequest(DiagnosticRefreshRequest.type).catch((err: Error) => log(`workspace/diagnostic/refresh failed: ${err.message}`));
      return;
    }
    for (const doc of documents.all()) validator.schedule(doc, (u) => documents.get(u), true);
  }

  async function refresh(): Promise<void> {
    policy.clearCache();
    secretIndex.invalidate();
    await refreshKnownSecrets();
    workspacePull.invalidateAll(); // a policy or ledger change: after the reload, as above
    revalidateAll();
  }

  /**
   * The findings of the open documents under `folders`. Both walks leave open documents to their
   * own validation, yet the editor counts them with the rest: e2e journey 2 once read 9 problems
   * in the status bar against the scan's 8, because the editor trigger had opened
   * system-prompt.md (to read the value it fingerprints) while the scan ran, so its finding was
   * in the editor's count and not in the scan's. Diagnosed here, not read from the last result,
   * which a slow machine may not have yet.
   */
  async function openDocumentFindings(folders: string[], token: CancellationToken): Promise<{ files: number; findings: number }> {
    const inFolders = documents.all().filter((d) => {
      const p = uriToPath(d.uri);
      return !!p && folders.some((f) => p.startsWith(f.endsWith(sep) ? f : f + sep));
    });
    let findings = 0;
    for (const doc of inFolders) findings += (await validator.diagnose(doc, () => token.isCancellationRequested))?.length ?? 0;
    return { files: inFolders.length, findings };
  }

  async function runScan(params: ScanWorkspaceRequest.Params, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
    const folders = params.folders?.length ? params.folders : workspaceFolders;
    const result = await scanClosedFiles(folders, token);
    if (result.cancelled) return result;
    const open = await openDocumentFindings(folders, token);
    // The pushing walk already counted open files among those it read; the pull's cache holds none.
    return { ...result, findings: result.findings + open.findings, ...(pullDiagnostics ? { filesScanned: result.filesScanned + open.files } : {}) };
  }

  async function scanClosedFiles(folders: string[], token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
    // A client that pulls diagnostics gets the scan through its workspace pull (which shows its
    // own progress); pushing them as well would count each finding twice in VS Code.
    if (pullDiagnostics) return workspacePull.scanNow(token, log);
    const progress = await progressFor(undefined);
    progress.begin('Rotation Guard: scanning the workspace', 0, '', true);
    const cancel = {
      // The request's own token, or the Cancel button of the progress the server started.
      get isCancellationRequested() {
        return token.isCancellationRequested || (progress as { token?: CancellationToken }).token?.isCancellationRequested === true;
      },
      onCancellationRequested: token.onCancellationRequested,
    };
    const publishScanned = async (uri: string, diagnostics: Diagnostic[]) => {
      onFindings(uri, problemKeys(uri, diagnostics), diagnostics);
      // A clean file is published only to clear what an earlier scan reported there.
      if (!diagnostics.length && !scanReported.delete(uri)) return;
      if (diagnostics.length) scanReported.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics });
    };
    try {
      const entry = deps.scanWorkerEntry === undefined ? scanWorkerEntry() : deps.scanWorkerEntry || undefined;
      if (entry) {
        const settingsByFolder: Record<string, Settings> = {};
        for (const f of folders) settingsByFolder[pathToUri(f)] = await settings.get(pathToUri(f));
        const open = documents.all().map((d) => ({ uri: d.uri, version: d.version, languageId: d.languageId, text: policy.isPolicy(uriToPath(d.uri) ?? '') ? d.getText() : '' }));
        return await scanInWorker(entry, { folders, settingsByFolder, open, ...(knownFromClient ? { knownFromClient } : {}), nowIso: now().toISOString() }, { onFile: publishScanned, onProgress: (p, m) => progress.report(p, m), log }, cancel);
      }
      return await scanWorkspace(
        folders,
        {
          settingsFor: (uri) => settings.get(uri),
          diagnoseDecoded: (uri, decoded, isCancelled, folderSettings) => validator.diagnoseDecoded(uri, decoded, isCancelled, folderSettings),
          isOpen: (uri) => !!documents.get(uri),
          publish: publishScanned,
          log,
          report: (percent, message) => progress.report(percent, message),
        },
        cancel,
      );
    } finally {
      progress.done();
    }
  }

  const noProgress: WorkDoneProgressReporter = { begin: () => undefined, report: () => undefined, done: () => undefined } as unknown as WorkDoneProgressReporter;
  /** Server-initiated `$/progress` when the client supports it (editors other than VS Code rarely send a token). */
  async function progressFor(workDone: WorkDoneProgressReporter | undefined): Promise<WorkDoneProgressReporter> {
    if (workDone && (workDone as { token?: unknown }).token !== undefined) return workDone;
    if (!progressSupport) return workDone ?? noProgress;
    return connection.window.createWorkDoneProgress().catch(() => workDone ?? noProgress);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    settings.setClientSupportsConfiguration(!!caps.workspace?.configuration);
    settings.fromInitializationOptions(params.initializationOptions);
    clientSupportsFolders = !!caps.workspace?.workspaceFolders;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    progressSupport = !!caps.window?.workDoneProgress;
    workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted === true;
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
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'rotation-guard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
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
        void refresh();
      });
    }
    await refreshKnownSecrets();
    revalidateAll();
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params);
    workspacePull.invalidateAll();
    revalidateAll();
  });

  const latest = (u: string) => documents.get(u);
  documents.onDidOpen((e) => {
    if (!pullDiagnostics) validator.schedule(e.document, latest, true);
  });
  documents.onDidChangeContent((e) => {
    if (!pullDiagnostics) validator.schedule(e.document, latest);
  });
  documents.onDidClose((e) => {
    validator.cancel(e.document.uri);
    settings.forget(e.document.uri);
    findingKeys.delete(e.document.uri);
    workspacePull.wake(); // the file is the workspace pull's again
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    sendStatus();
  });
  documents.onDidSave((e) => {
    // A saved ledger or policy changes what counts as known, current or overdue.
    const path = uriToPath(e.document.uri) ?? '';
    if (policy.isPolicy(path)) void refresh();
    else workspacePull.wake();
  });

  /** The open document a request is about, or an error response the client can read. */
  function docFor(uri: string): TextDocument {
    const doc = documents.get(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}: send textDocument/didOpen first`);
    return doc;
  }

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = docFor(params.textDocument.uri);
    const version = doc.version;
    const items = await validator.diagnose(doc, () => token.isCancellationRequested || documents.get(doc.uri)?.version !== version);
    // Stopped early (the client cancelled, or a newer version arrived): an empty report would clear
    // the document's findings, so ask the client to pull again instead (LSP 3.17 ServerCancelled).
    if (!items) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed while it was being diagnosed', { retriggerRequest: true });
    onFindings(doc.uri, problemKeys(doc.uri, items), items);
    return documentReport(items, params.previousResultId);
  });

  connection.languages.diagnostics.onWorkspace((params, token) => workspacePull.pull(params, token));

  connection.onCodeAction(async (params) => {
    const doc = docFor(params.textDocument.uri);
    const s = await settings.get(doc.uri);
    const formatName = formatNameFor(doc.uri, doc.languageId);
    const policyOf = (secretId: string) => secretIndex.get().all.find((x) => x.id === secretId)?.policyUri;
    return [...secretCodeActions(doc, formatName, params, s, policyOf), ...references.codeActions(params), ...policy.codeActions(doc, params)];
  });

  const isPolicyDoc = (doc: TextDocument) => policy.isPolicy(uriToPath(doc.uri) ?? '');
  connection.onHover((params) => {
    const doc = docFor(params.textDocument.uri);
    return isPolicyDoc(doc) ? policy.hover(doc, params.position) : references.hover(doc, params.position);
  });
  connection.onDefinition((params) => {
    const doc = docFor(params.textDocument.uri);
    return isPolicyDoc(doc) ? navigation.definition(doc, params.position) : references.definition(doc, params.position);
  });
  connection.onReferences((params) => navigation.references(docFor(params.textDocument.uri), params.position, params.context.includeDeclaration));
  connection.onDocumentSymbol((params) => navigation.documentSymbols(docFor(params.textDocument.uri)));
  connection.onWorkspaceSymbol((params) => navigation.workspaceSymbols(params.query));
  connection.onPrepareRename((params) => navigation.prepareRename(docFor(params.textDocument.uri), params.position));
  connection.onRenameRequest((params) => navigation.rename(docFor(params.textDocument.uri), params.position, params.newName));
  connection.onCompletion((params) => policy.completions(docFor(params.textDocument.uri), params.position));
  connection.onCodeLens((params) => policy.codeLenses(docFor(params.textDocument.uri)));

  connection.onDidChangeWatchedFiles(() => {
    workspacePull.wake(); // at once: refresh() ends with invalidateAll after it reloads the ledgers
    void refresh();
  });
  connection.onNotification(RefreshNotification.type, () => void refresh());
  connection.onNotification(KnownSecretsNotification.type, (params) => {
    knownFromClient = params;
    void refreshKnownSecrets().then(revalidateAll);
  });

  connection.onRequest(SecretsStateRequest.type, (params) => secretsState(secretIndex, params, (p, id, lastRotated) => exposures.exposedIn(p, id, lastRotated)));

  connection.onRequest(ScanWorkspaceRequest.type, (params, token) => runScan(params, token));

  const handlers = serverCommandHandlers({
    connection,
    documents,
    settings,
    folders: () => workspaceFolders,
    refresh,
    scanWorkspace: () => runScan({}, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) }),
    log,
    env,
    workspaceTrusted: () => workspaceTrusted,
    progress: () => progressFor(undefined),
    rememberLive: (fp, status) => void liveVerdicts.set(fp, status),
    exposureRecorded: (id, fp, uri) => exposures.recorded(id, fp, uri),
    workspace: workspaceCommands({ folders: () => workspaceFolders, env, workspaceTrusted: () => workspaceTrusted, knownSecrets: () => knownSecrets, minConfidence: async (f) => (await settings.get(pathToUri(f))).minConfidence, progress: () => progressFor(undefined), refresh, log }),
  });
  connection.onExecuteCommand(async (params) => {
    const handler = handlers[params.command as ServerCommandId] as ((a: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command} (known: ${Object.values(ServerCommands).join(', ')})`);
    const arg = params.arguments?.[0];
    if (params.command !== ServerCommands.scanWorkspace && params.command !== ServerCommands.scanGitHistory && (!arg || typeof arg !== 'object')) throw new ResponseError(ErrorCodes.InvalidParams, `${params.command} takes one object argument`);
    return handler(arg ?? {});
  });

  // A held workspace pull ends (ServerCancelled) before the client's exit, so nothing waits on it.
  connection.onShutdown(() => workspacePull.dispose());

  documents.listen(connection);
  return {
    dispose() {
      workspacePull.dispose();
      for (const d of documents.all()) validator.cancel(d.uri);
    },
  };
}
