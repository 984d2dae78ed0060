// `workspace/diagnostic` (LSP 3.17 workspace pull) without rescanning an idle workspace.
//
// VS Code's client (vscode-languageclient, diagnostic.js `pullWorkspace`) sends the request again
// 2 s after every answer, forever. Answering each one by reading and scanning every file kept the
// server busy for as long as the editor was open. So:
//  - a per-file cache (workspaceFileCache.ts): a pull walks and stats the files and diagnoses only
//    those whose stat changed, or all after a generation bump — the workspace pass of "Scan
//    Workspace" (workspaceScan.ts, in a worker thread when the bundle has one: the main thread
//    keeps answering hovers and edits during a large workspace's first pull);
//  - a pull that has nothing new for the client is held open (LSP 3.17 allows it) until something
//    may have changed — `invalidateAll` (policy, ledger, known secrets, settings), `wake` (watched
//    files, a document closed or saved), or a re-sweep every RESWEEP_MS — then answered, or
//    cancelled. While held it is only a pending promise: other requests run as usual.
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver/node';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { WorkspaceReportBuilder } from './diagnosticResults';
import { problemKeys } from './diagnoser';
import type { PassHandlers } from './scanInWorker';
import { WorkspaceFileCache, type FileStamp } from './workspaceFileCache';
import type { WorkspacePass } from './workspaceScan';

/**
 * How often a held pull walks and stats the workspace again (no reading) to notice files changed
 * by other programs (git checkout, a build): editors other than VS Code watch no files for us, and
 * VS Code's client watches only policies and ledgers. 10 s keeps an idle server near 0 % CPU.
 */
export const RESWEEP_MS = 10_000;
/**
 * On a very large workspace a sweep itself costs: the wait after one is at least this many times
 * its own duration (walk, stat and the worker's start), so re-sweeping stays under ~2% of a core.
 */
const RESWEEP_COST_FACTOR = 50;

export interface WorkspacePullDeps {
  isOpen: (uri: string) => boolean;
  /** Files (by uri) diagnosed on every pull (policy files: their own diagnostics age with the clock). */
  always: (uri: string) => boolean;
  /** One workspace pass over the folders, as "Scan Workspace" runs it (scanInWorker.ts), skipping the `known` files whose stat holds. */
  pass: (on: PassHandlers, token: CancellationToken, known: Map<string, FileStamp | null>) => Promise<WorkspacePass>;
  /** A file's diagnostics after it was diagnosed again, or [] once it dropped out. */
  onFindings: (uri: string, diagnostics: Diagnostic[]) => void;
  /** What other files' diagnostics depend on besides their text (policy secrets' states, which move with the clock); a change counts as a generation bump. */
  worldKey: () => string;
  progress: () => Promise<WorkDoneProgressReporter>;
}

type WakeReason = 'maybe-changed' | 'cancelled' | 'disposed';
type PassOutcome = { outcome: 'changed' | 'same' | 'cancelled'; tooLarge: number };

/** The client cancelled: vscode-languageclient returns its default for a cancelled token and pulls again. */
const cancelledError = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostic pull cancelled');

export class WorkspacePull {
  private readonly cache = new WorkspaceFileCache();
  /** How long the last pass took to start, walk and stat, without reading (the re-sweep waits in proportion). */
  private lastSweepMs = 0;
  private answeredOnce = false;
  /** Counts wake-ups, so a wake that arrives while a pull is still diagnosing is not lost. */
  private wakes = 0;
  private readonly waiters = new Set<(r: WakeReason) => void>();
  private disposed = false;
  private lastWorldKey: string | undefined;
  /** Set when the last sweep's walk hit its file or time budget. */
  private truncated: WorkspacePass['truncated'];
  /** Pulls update the cache one at a time (a client may send a new pull before the old one ended). */
  private updating: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: WorkspacePullDeps) {}

  /** What is flagged in any file may have changed (policy, ledger, known secrets, settings). */
  invalidateAll(): void {
    this.cache.bump();
    this.wake();
  }

  /** Files may have changed on disk (watched files, a document closed or saved): held pulls look again. */
  wake(): void {
    this.wakes++;
    for (const w of [...this.waiters]) w('maybe-changed');
  }

  /**
   * "Scan Workspace" for a client that pulls: every file diagnosed again into this cache (not
   * pushed — VS Code keeps pushed and pulled diagnostics in two collections, so a pushed scan
   * counted every finding twice), then held pulls wake and answer what changed. Counts are the
   * cache's: files read and diagnosed, findings, files skipped as binary or too large (named in
   * the log, as the pushing scan does); open documents have their own document pulls and are not
   * counted.
   */
  async scanNow(token: CancellationToken, log: (line: string) => void): Promise<ScanWorkspaceRequest.Result> {
    this.cache.bump();
    const { outcome, tooLarge } = await this.update(token, log);
    this.wake();
    let filesScanned = 0;
    let findings = 0;
    let skipped = tooLarge;
    const incidents = new Set<string>();
    for (const [uri, entry] of this.cache.entries()) {
      if (!entry.diagnostics) skipped++;
      else {
        filesScanned++;
        findings += entry.diagnostics.length;
        for (const k of problemKeys(uri, entry.diagnostics)) incidents.add(k);
      }
    }
    const truncated = this.truncated;
    return { filesScanned, findings, incidents: incidents.size, skipped, ...(outcome === 'cancelled' ? { cancelled: true } : {}), ...(truncated ? { truncated } : {}) };
  }

  /** Shutdown: held pulls end (ServerCancelled) and no timer is left behind. */
  dispose(): void {
    this.disposed = true;
    for (const w of [...this.waiters]) w('disposed');
  }

  async pull(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    for (;;) {
      if (this.disposed) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the server is shutting down', { retriggerRequest: false });
      const wakesBefore = this.wakes;
      const { outcome } = await this.update(token);
      if (outcome === 'cancelled' || token.isCancellationRequested) throw cancelledError();
      const items = this.report(params);
      // Held only when nothing changed since the previous answer (no file re-diagnosed for a stat
      // change or a generation bump, none gone) and the client has already seen every result
      // (`unchanged` items only, so a client that lost an answer is not left waiting). The first
      // pull always answers.
      const news = items.some((i) => i.kind === DocumentDiagnosticReportKind.Full);
      if (outcome === 'changed' || news || !this.answeredOnce) {
        this.answeredOnce = true;
        return { items };
      }
      if (this.wakes !== wakesBefore) continue; // woken while diagnosing: look again now
      const why = await this.waitForChange(token);
      if (why === 'cancelled') throw cancelledError();
    }
  }

  /** One pass after those under way. A log only for an explicit scan (a pull every few seconds would flood it). */
  private update(token: CancellationToken, log: (line: string) => void = () => undefined): Promise<PassOutcome> {
    const run = this.updating.then(() => this.pass(token, log));
    this.updating = run.catch(() => undefined);
    return run;
  }

  /** Walk + stat, then read and diagnose what changed since the cache's stamps. */
  private async pass(token: CancellationToken, log: (line: string) => void): Promise<PassOutcome> {
    const worldKey = this.deps.worldKey();
    if (worldKey !== this.lastWorldKey) {
      this.lastWorldKey = worldKey;
      this.cache.bump();
    }
    const generation = this.cache.generation;
    // Files diagnosed on every pull (`always`) count as a change only when their result did.
    let changed = false;
    const onFile = (uri: string, diagnostics: Diagnostic[] | undefined, stamp: FileStamp) => {
      const before = this.cache.get(uri)?.resultId;
      this.cache.store(uri, stamp, generation, diagnostics);
      changed ||= !this.deps.always(uri) || before !== this.cache.get(uri)?.resultId;
      if (diagnostics) this.deps.onFindings(uri, diagnostics);
    };
    let bar: Promise<WorkDoneProgressReporter> | undefined;
    const onProgress = (percent: number, message: string) => {
      // A pass whose first report is its last (under 50 files read) is done in moments: a bar would only flicker.
      if (!bar && percent >= 100) return;
      bar ??= this.deps.progress().then((p) => (p.begin('Rotation Guard: scanning the workspace', 0, '', true), p));
      void bar.then((p) => p.report(percent, message));
    };
    const started = Date.now();
    try {
      const pass = await this.deps.pass({ onFile, onProgress, log }, token, this.cache.known(this.deps.always));
      this.lastSweepMs = Date.now() - started - pass.readMs;
      if (pass.cancelled) return { outcome: 'cancelled', tooLarge: pass.tooLarge };
      this.truncated = pass.truncated;
      for (const uri of pass.gone) {
        changed = true;
        this.cache.drop(uri);
        if (!this.deps.isOpen(uri)) this.deps.onFindings(uri, []);
      }
      return { outcome: changed ? 'changed' : 'same', tooLarge: pass.tooLarge };
    } finally {
      if (bar) (await bar).done();
    }
  }

  private report(params: WorkspaceDiagnosticParams): WorkspaceDiagnosticReport['items'] {
    const report = new WorkspaceReportBuilder(params.previousResultIds);
    for (const [uri, entry] of this.cache.entries()) if (entry.diagnostics) report.add(uri, entry.diagnostics, entry.resultId);
    report.clearUnseen(this.deps.isOpen);
    return report.items;
  }

  /** Resolves when something may have changed, at the next re-sweep, on cancellation or on shutdown. */
  private waitForChange(token: CancellationToken): Promise<WakeReason> {
    return new Promise((resolve) => {
      const finish = (why: WakeReason) => {
        clearTimeout(timer);
        sub.dispose();
        this.waiters.delete(finish);
        resolve(why);
      };
      const timer = setTimeout(() => finish('maybe-changed'), Math.max(RESWEEP_MS, this.lastSweepMs * RESWEEP_COST_FACTOR));
      timer.unref();
      const sub = token.onCancellationRequested(() => finish('cancelled'));
      this.waiters.add(finish);
      if (this.disposed) finish('disposed');
      else if (token.isCancellationRequested) finish('cancelled');
    });
  }
}
