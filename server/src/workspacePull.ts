// `workspace/diagnostic` (LSP 3.17 workspace pull) without rescanning an idle workspace.
//
// VS Code's client (vscode-languageclient, diagnostic.js `pullWorkspace`) sends the request again
// 2 s after every answer, forever. Answering each one by reading and scanning every file kept the
// server busy for as long as the editor was open. So:
//  - a per-file cache (workspaceFileCache.ts): a pull walks and stats the files and diagnoses only
//    those whose stat changed, or all after a generation bump;
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
import { decodeForScan } from '../../core/detect';
import { describeTruncation, readWorkspaceFile, walkWorkspace, type WalkResult } from '../../core/files';
import type { Settings } from '../../protocol/src/settings';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { WorkspaceReportBuilder } from './diagnosticResults';
import { pathToUri } from './paths';
import { diagnoseDecoded, isExcluded, problemKeys, type DiagnoseContext } from './diagnoser';
import { WorkspaceFileCache, type SweptFile } from './workspaceFileCache';

/**
 * How often a held pull walks and stats the workspace again (no reading) to notice files changed
 * by other programs (git checkout, a build): editors other than VS Code watch no files for us, and
 * VS Code's client watches only policies and ledgers. 10 s keeps an idle server near 0 % CPU.
 */
export const RESWEEP_MS = 10_000;
/**
 * On a very large workspace a sweep itself costs: the wait after one is at least this many times
 * its own duration, so re-sweeping stays under ~2% of a core (measured here: 100,000 files in 400
 * folders walk and stat in ~0.33 s, so every ~17 s; continuedev/continue's 3,000 files with their
 * .gitignore files in ~0.06 s, so every 10 s).
 */
const RESWEEP_COST_FACTOR = 50;
/** Fewer files than this are diagnosed in milliseconds: a progress bar for them would only flicker. */
const PROGRESS_MIN_FILES = 20;

export interface WorkspacePullDeps {
  folders: () => string[];
  settingsFor: (uri: string) => Promise<Settings>;
  isOpen: (uri: string) => boolean;
  /** Files diagnosed on every pull (policy files: their own diagnostics age with the clock). */
  always: (path: string) => boolean;
  /** What the diagnosis reads besides the file (diagnoser.ts), as the workspace scan's. */
  context: () => DiagnoseContext;
  /** A file's diagnostics after it was diagnosed again, or [] once it dropped out. */
  onFindings: (uri: string, diagnostics: Diagnostic[]) => void;
  /** What other files' diagnostics depend on besides their text (policy secrets' states, which move with the clock); a change counts as a generation bump. */
  worldKey: () => string;
  progress: () => Promise<WorkDoneProgressReporter>;
}

type WakeReason = 'maybe-changed' | 'cancelled' | 'disposed';

const yieldToOtherRequests = () => new Promise<void>((r) => setImmediate(r));

/** The client cancelled: vscode-languageclient returns its default for a cancelled token and pulls again. */
const cancelledError = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostic pull cancelled');

export class WorkspacePull {
  private readonly cache = new WorkspaceFileCache();
  /** How long the last walk + stat took (the re-sweep waits in proportion). */
  private lastSweepMs = 0;
  private answeredOnce = false;
  /** Counts wake-ups, so a wake that arrives while a pull is still diagnosing is not lost. */
  private wakes = 0;
  private readonly waiters = new Set<(r: WakeReason) => void>();
  private disposed = false;
  private lastWorldKey: string | undefined;
  /** Set when the last sweep's walk hit its file or time budget. */
  private truncated: WalkResult['truncated'];
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
    let tooLarge = 0;
    const run = this.updating.then(() =>
      this.update(token, (rel) => {
        tooLarge++;
        log(`scan: skipped ${rel} (larger than rotationGuard.maxFileSizeKB)`);
      }),
    );
    this.updating = run.catch(() => undefined);
    const outcome = await run;
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
    if (truncated) log(`scan: incomplete: ${describeTruncation(truncated)}`);
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
      const run = this.updating.then(() => this.update(token));
      this.updating = run.catch(() => undefined);
      const outcome = await run;
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

  /** Walk + stat, then read and diagnose what changed. */
  private async update(token: CancellationToken, tooLarge?: (path: string) => void): Promise<'changed' | 'same' | 'cancelled'> {
    const worldKey = this.deps.worldKey();
    if (worldKey !== this.lastWorldKey) {
      this.lastWorldKey = worldKey;
      this.cache.bump();
    }
    const sweepStarted = Date.now();
    const swept = await this.sweep(tooLarge);
    this.lastSweepMs = Date.now() - sweepStarted;
    const { stale, gone } = this.cache.plan(swept.map((s) => s.file));
    // Files diagnosed on every pull (`always`) count as a change only when their result did.
    let changed = gone.length > 0 || stale.some((f) => !f.always);
    for (const uri of gone) {
      this.cache.drop(uri);
      if (!this.deps.isOpen(uri)) this.deps.onFindings(uri, []);
    }
    const settingsOf = new Map(swept.map((s) => [s.file.uri, s.settings]));
    const context = this.deps.context();
    const progress = stale.length >= PROGRESS_MIN_FILES ? await this.deps.progress() : undefined;
    progress?.begin('Rotation Guard: scanning the workspace', 0, '', true);
    try {
      let done = 0;
      for (const file of stale) {
        // Reading is synchronous and bounded; between files edits, requests and a cancellation get in.
        await yieldToOtherRequests();
        if (token.isCancellationRequested) return 'cancelled';
        if (progress && ++done % 50 === 0) progress.report(Math.floor((done * 100) / stale.length), `${done}/${stale.length} files`);
        const generation = this.cache.generation;
        const settings = settingsOf.get(file.uri)!;
        const bytes = readWorkspaceFile(file.path, settings.maxFileSizeKB * 1024);
        if (!bytes) {
          changed ||= this.cache.get(file.uri) !== undefined;
          this.cache.drop(file.uri);
          continue;
        }
        const before = this.cache.get(file.uri)?.resultId;
        // Text, binary container or pure binary: core's one table (core/detect/scan-bytes.ts).
        const decoded = decodeForScan(bytes);
        if (decoded.kind === 'skipped') {
          this.cache.store(file, generation, undefined);
          changed ||= before !== this.cache.get(file.uri)?.resultId;
          continue;
        }
        const diagnostics = diagnoseDecoded(file.uri, decoded, settings, context, () => token.isCancellationRequested);
        if (!diagnostics) return 'cancelled';
        this.cache.store(file, generation, diagnostics);
        changed ||= before !== this.cache.get(file.uri)?.resultId;
        this.deps.onFindings(file.uri, diagnostics);
      }
      return changed ? 'changed' : 'same';
    } finally {
      progress?.done();
    }
  }

  /** The files a pull covers, with their stat: the one workspace walk, as the workspace scan's; nothing read. */
  private async sweep(tooLarge?: (path: string) => void): Promise<Array<{ file: SweptFile; settings: Settings }>> {
    const out: Array<{ file: SweptFile; settings: Settings }> = [];
    this.truncated = undefined;
    for (const folder of this.deps.folders()) {
      const settings = await this.deps.settingsFor(pathToUri(folder));
      if (!settings.enable) continue;
      const maxBytes = settings.maxFileSizeKB * 1024;
      // A truncated walk is named by the next Scan Workspace (not at every re-sweep of a held pull).
      const walk = await walkWorkspace(folder, { maxBytes, exclude: (rel) => isExcluded(rel, settings) });
      if (walk.truncated) this.truncated = walk.truncated;
      // Too large: not read; named only for an explicit scan (a pull every few seconds would flood the log).
      for (const rel of walk.tooLarge) tooLarge?.(rel);
      for (const { path, size, mtimeMs, ctimeMs } of walk.files) {
        const uri = pathToUri(path);
        if (this.deps.isOpen(uri)) continue; // its document pull covers it
        out.push({ file: { uri, path, stamp: { size, mtimeMs, ctimeMs }, ...(this.deps.always(path) ? { always: true } : {}) }, settings });
      }
    }
    return out;
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
