// The language server's state, in one object: what the client can do, the workspace folders,
// the known secrets, the open documents and the per-file problem keys, with the few operations
// every handler group shares (diagnose, count, refresh). The handlers live in handlers/ and
// receive this object; createServer.ts builds it and wires them.
import { DiagnosticRefreshRequest, ErrorCodes, ResponseError, TextDocuments, type Connection, type Diagnostic, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { KnownSecrets } from '../../core/detect';
import { ResidentWorkers } from '../../core/files';
import { ExposureNotification, StatusNotification } from '../../protocol/src/protocol';
import { diagnoseDocument, problemKeys, type DiagnoseContext } from './diagnoser';
import { loadKnownSecrets } from './knownSecrets';
import { PolicyFeatures } from './policyFeatures';
import { PolicyNavigation } from './policyNavigation';
import { ReferenceFeatures } from './referenceFeatures';
import { DiagnosisScheduler } from './scheduler';
import { ExposureJudge } from './session/exposures';
import { workspacePolicySet } from './session/policies';
import type { PolicySet } from '../../core/policy';
import { pathToUri, uriToPath } from './paths';
import { SettingsCache } from './settings';
import { WorkspacePull } from './workspacePull';
import { runWorkspacePass, SCAN_WORKER_IDLE_MS } from './scanInWorker';

export interface ServerDeps {
  /** The clock for staleness (tests pin it). */
  now?: () => Date;
  /** Environment for stores (pass, keychain) and the fingerprint key. */
  env?: NodeJS.ProcessEnv;
  /** The scan worker's script; by default dist/server-scan-worker.js when present; '' scans in this thread. */
  scanWorkerEntry?: string;
}

/** What the client said it supports (initialize). */
export interface ClientSupport {
  workspaceFolders: boolean;
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  workDoneProgress: boolean;
  /** window/showDocument: the server may open a file it wrote (Create Policy from Findings). */
  showDocument: boolean;
}

const noProgress: WorkDoneProgressReporter = { begin: () => undefined, report: () => undefined, done: () => undefined } as unknown as WorkDoneProgressReporter;

export class ServerState {
  readonly now: () => Date;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (msg: string) => void;
  readonly documents = new TextDocuments(TextDocument);
  readonly settings: SettingsCache;
  readonly policy: PolicyFeatures;
  readonly secretIndex: PolicySet;
  /** Judges sightings of a secret's current value and sends ExposureNotification (session/exposures.ts). */
  readonly exposures: ExposureJudge;
  readonly references: ReferenceFeatures;
  readonly navigation: PolicyNavigation;
  readonly scheduler: DiagnosisScheduler;
  /** workspace/diagnostic: cached per file and held while idle (VS Code's client re-pulls every 2 s). */
  readonly workspacePull: WorkspacePull;
  /** The scan worker thread, kept between the workspace pull's passes for a short while (scanInWorker.ts). */
  readonly scanWorkers = new ResidentWorkers({ idleMs: SCAN_WORKER_IDLE_MS });

  client: ClientSupport = { workspaceFolders: false, pullDiagnostics: false, diagnosticRefresh: false, workDoneProgress: false, showDocument: false };
  /** From the client's initializationOptions.workspaceTrusted; untrusted by default. */
  workspaceTrusted = false;
  workspaceFolders: string[] = [];
  /**
   * The user's machine-scoped `allowedPaths` setting, as last read (initialized, each configuration
   * change). One value per process, not per resource, and the policy analysis needs it
   * synchronously; the commands that write read it from the settings themselves.
   */
  allowedPaths: readonly string[] = [];
  knownSecrets: KnownSecrets | undefined;
  /** The fingerprints of `knownSecrets` (no values), to tell whether a reload changed them. */
  private knownSecretsKey = '';
  /** Each file's problems as incident keys (problemKeys): the status counts distinct keys. */
  private readonly findingKeys = new Map<string, readonly string[]>();
  /** Files (not open) the last pushed workspace scan published problems for. */
  readonly scanReported = new Set<string>();
  /** "Is this key live?" answers of this session, by fingerprint (never values). */
  readonly liveVerdicts = new Map<string, 'live' | 'refused' | 'unknown'>();

  constructor(
    readonly connection: Connection,
    readonly deps: ServerDeps = {},
  ) {
    this.now = deps.now ?? (() => new Date());
    this.env = deps.env ?? process.env;
    this.log = (msg) => connection.console.log(msg);
    const now = this.now;
    const log = this.log;
    const openDoc = (u: string) => this.documents.get(u);
    const folders = () => this.workspaceFolders;
    this.settings = new SettingsCache(connection);
    this.policy = new PolicyFeatures({ log, now, allowedPaths: () => this.allowedPaths });
    this.secretIndex = workspacePolicySet({ folders, openDoc, features: this.policy, now, env: this.env });
    this.exposures = new ExposureJudge({ policies: this.secretIndex, folders, env: this.env, allowedPaths: () => this.allowedPaths, workspaceTrusted: () => this.workspaceTrusted, send: (p) => void connection.sendNotification(ExposureNotification.type, p), recorded: () => this.refresh(), log });
    this.references = new ReferenceFeatures(this.secretIndex);
    this.navigation = new PolicyNavigation({ index: this.secretIndex, folders, openDoc, warn: (m) => void connection.window.showWarningMessage(m) });
    this.scheduler = new DiagnosisScheduler({
      diagnose: (doc, isCancelled) => this.diagnose(doc, isCancelled),
      publish: async (uri, version, diagnostics) => {
        await connection.sendDiagnostics({ uri, version, diagnostics });
        this.setFindings(uri, diagnostics);
      },
      latest: openDoc,
      log,
    });
    this.workspacePull = new WorkspacePull({
      isOpen: (uri) => !!openDoc(uri),
      always: (uri) => this.policy.isPolicy(uriToPath(uri) ?? ''),
      pass: (on, token, known) => runWorkspacePass(this, folders(), on, token, { known, keepWorker: true }),
      onFindings: (uri, diagnostics) => this.setFindings(uri, diagnostics),
      worldKey: () => this.references.stateKey(),
      progress: () => this.progress(),
    });
  }

  /** What the diagnosis reads besides the file, as of now. */
  diagnoseContext(): DiagnoseContext {
    return {
      knownSecrets: this.knownSecrets,
      policyDiagnostics: (doc, path) => this.policy.diagnostics(doc, path),
      referenceDiagnostics: (doc, path) => this.references.diagnostics(doc, path),
      liveVerdict: (fp) => this.liveVerdicts.get(fp),
      log: this.log,
    };
  }

  /** An open document's diagnosis with its own settings (undefined when cancelled). */
  async diagnose(doc: TextDocument, isCancelled: () => boolean): Promise<Diagnostic[] | undefined> {
    const settings = await this.settings.get(doc.uri);
    return diagnoseDocument(doc, settings, this.diagnoseContext(), isCancelled);
  }

  /** The open document a request is about, or an error response the client can read. */
  docFor(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `unknown document ${uri}: send textDocument/didOpen first`);
    return doc;
  }

  /** A file's current problems (none: forgotten), then the status count. */
  setFindings(uri: string, diagnostics: Diagnostic[]): void {
    this.exposures.judge(uri, diagnostics);
    const keys = problemKeys(uri, diagnostics);
    if (keys.length) this.findingKeys.set(uri, keys);
    else this.findingKeys.delete(uri);
    this.sendStatus();
  }

  /** The status notification: distinct problems (the same value in several files counts once). */
  sendStatus(): void {
    const keys = new Set<string>();
    for (const list of this.findingKeys.values()) for (const k of list) keys.add(k);
    const total = keys.size;
    void this.connection.sendNotification(StatusNotification.type, { state: total ? 'warn' : 'ok', message: total ? `${total} problem(s) (the same value in several files counts once)` : 'no problems', findings: total });
  }

  async refreshKnownSecrets(): Promise<void> {
    try {
      this.knownSecrets = loadKnownSecrets(this.secretIndex.get().policies, this.env);
    } catch (err) {
      this.connection.console.error(`could not load known-secret fingerprints: ${(err as Error).message}`);
    }
    // Only when the set changed (the load at startup usually finds what the first pull used), and
    // after the load, not before: a pull diagnosing meanwhile used the old known secrets.
    const k = this.knownSecrets;
    const key = k ? JSON.stringify([[...k.current], [...k.retired]]) : '';
    if (key !== this.knownSecretsKey) this.workspacePull.invalidateAll();
    this.knownSecretsKey = key;
  }

  /** Reads `allowedPaths` again; when it changed, the policies are analysed again (their confinement changed). */
  async refreshAllowedPaths(): Promise<void> {
    const folder = this.workspaceFolders[0];
    const next = (await this.settings.get(folder ? pathToUri(folder) : '')).allowedPaths;
    if (JSON.stringify(next) === JSON.stringify(this.allowedPaths)) return;
    this.allowedPaths = next;
    this.policy.clearCache();
    this.secretIndex.invalidate();
  }

  /** Every open document diagnosed again (pushed), or the client asked to pull again. */
  revalidateAll(): void {
    if (this.client.pullDiagnostics) {
      // The request itself (languages.diagnostics.refresh() drops its promise, so a failure would be an
      // unhandled rejection); a client that cannot refresh pulls again on its own, so a log line is enough.
      if (this.client.diagnosticRefresh) this.connection.sendRequest(DiagnosticRefreshRequest.type).catch((err: Error) => this.log(`workspace/diagnostic/refresh failed: ${err.message}`));
      return;
    }
    for (const doc of this.documents.all()) this.scheduler.schedule(doc, true);
  }

  /** A policy, ledger or folder changed: caches dropped, known secrets reloaded, everything diagnosed again. */
  async refresh(): Promise<void> {
    this.policy.clearCache();
    this.secretIndex.invalidate();
    await this.refreshKnownSecrets();
    this.workspacePull.invalidateAll(); // a policy or ledger change: after the reload, as above
    this.revalidateAll();
  }

  /** Server-initiated `$/progress` when the client supports it (editors other than VS Code rarely send a token). */
  async progress(workDone?: WorkDoneProgressReporter): Promise<WorkDoneProgressReporter> {
    if (workDone && (workDone as { token?: unknown }).token !== undefined) return workDone;
    if (!this.client.workDoneProgress) return workDone ?? noProgress;
    return this.connection.window.createWorkDoneProgress().catch(() => workDone ?? noProgress);
  }

  /** A document closed: its scheduling, settings and problems go. */
  forget(uri: string): void {
    this.scheduler.cancel(uri);
    this.settings.forget(uri);
    this.findingKeys.delete(uri);
  }

  dispose(): void {
    this.workspacePull.dispose();
    this.scheduler.cancelAll();
    void this.scanWorkers.dispose();
  }
}
