import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { describeTruncation, readWorkspaceFile, walkWorkspace, type WalkResult, type WorkspaceFile, warmUpOrder } from '../../core/files';
import { decodeForScan } from '../../core/detect';
import type { Settings } from '../../protocol/src/settings';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { diagnoseDecoded, isExcluded, problemKeys, type DiagnoseContext } from './diagnoser';
import { pathToUri } from './paths';
import { sameStamp, type FileStamp } from './workspaceFileCache';

/** What the scan needs from the server: settings, what the workspace knows, and where results go. */
export interface WorkspaceScanDeps {
  settingsFor: (uri: string) => Promise<Settings>;
  context: DiagnoseContext;
  isOpen: (uri: string) => boolean;
  /** A file read (not open), with the stat it was listed with: its diagnostics, or undefined when skipped as binary (nothing to report or to read again while its stat holds). */
  publish: (uri: string, diagnostics: Diagnostic[] | undefined, stamp: FileStamp) => Promise<void>;
  log: (msg: string) => void;
  /** Percent done and a message, for `$/progress`. */
  report: (percent: number, message: string) => void;
  /**
   * What an earlier pass found (the workspace pull's cache), by uri: a listed file whose stat is
   * the one given is not read again; null: read it whatever its stat. Absent: every file is read.
   */
  known?: ReadonlyMap<string, FileStamp | null>;
}

/** A scan's counts, and for a pass over `known` files, those of them it no longer lists. */
export interface WorkspacePass extends ScanWorkspaceRequest.Result {
  /** Files over `maxFileSizeKB`, never read (also counted in `skipped`). */
  tooLarge: number;
  /** Milliseconds spent reading and diagnosing (the rest of a pass is the walk, the stats and the worker's start). */
  readMs: number;
  /** Uris of `known` not listed (deleted, excluded, too large, opened, unreadable); empty when cancelled. */
  gone: string[];
}

/** The counts a client sees (ScanWorkspaceRequest). */
export const scanResultOf = ({ tooLarge: _, readMs: __, gone: ___, ...result }: WorkspacePass): ScanWorkspaceRequest.Result => result;

const stampOf = (f: WorkspaceFile): FileStamp => ({ size: f.size, mtimeMs: f.mtimeMs, ctimeMs: f.ctimeMs });

/**
 * Scans every file of the folders the way the editor diagnoses an open one (diagnoser.ts: same
 * `enable`, exclusions, size rule and checks), with the one workspace walk (core/files/walk.ts:
 * git-ignored files, links and files over `maxFileSizeKB` left out before reading). Bytes are
 * read bounded and as core's table says (`decodeForScan`): pure binary files are skipped, binary
 * containers (shelve, SQLite caches) diagnosed at the top of the file by byte offset. Open
 * documents are validated live and left alone. Nothing is kept per file but its count, and the
 * incident keys (problemKeys: one per value) so the same value in many files counts once.
 * "Scan Workspace", the workspace pull (which passes what its cache holds as `known`) and Create
 * Policy from Findings (which reads open documents from disk too) all run it through
 * `runWorkspacePass` (scanInWorker.ts), in a worker thread when the bundle has one (scanWorker.ts),
 * else in this thread.
 */
export async function scanWorkspace(folders: string[], deps: WorkspaceScanDeps, token: CancellationToken): Promise<WorkspacePass> {
  let filesScanned = 0;
  let findings = 0;
  let tooLarge = 0;
  const incidentKeys = new Set<string>();
  const listed = new Set<string>();
  let truncated: WalkResult['truncated'];
  let readStarted = 0;
  const done = (r: Omit<ScanWorkspaceRequest.Result, 'incidents'>, gone: string[] = []): WorkspacePass => ({ ...r, incidents: incidentKeys.size, tooLarge, readMs: Date.now() - readStarted, gone, ...(truncated ? { truncated } : {}) });
  const walks: Array<{ settings: Settings; files: WorkspaceFile[] }> = [];
  for (const folder of folders) {
    const settings = await deps.settingsFor(pathToUri(folder));
    if (!settings.enable) continue;
    const walk = await walkWorkspace(folder, { maxBytes: settings.maxFileSizeKB * 1024, exclude: (rel) => isExcluded(rel, settings) });
    if (walk.truncated) {
      truncated ??= walk.truncated;
      deps.log(`scan: ${folder}: ${describeTruncation(walk.truncated)}`);
    }
    for (const rel of walk.tooLarge) deps.log(`scan: skipped ${rel} (larger than rotationGuard.maxFileSizeKB, ${settings.maxFileSizeKB} KB)`);
    tooLarge += walk.tooLarge.length;
    // Files whose stat is what an earlier pass saw are listed and not read.
    const files: WorkspaceFile[] = [];
    for (const f of walk.files) {
      const before = deps.known?.get(pathToUri(f.path));
      if (before && sameStamp(before, stampOf(f))) listed.add(pathToUri(f.path));
      else files.push(f);
    }
    walks.push({ settings, files });
  }
  let skipped = tooLarge;
  const total = walks.reduce((n, w) => n + w.files.length, 0);
  let seen = 0;
  let lastReport = 0;
  readStarted = Date.now();
  for (const { settings, files } of walks) {
    const maxBytes = settings.maxFileSizeKB * 1024;
    for (const file of warmUpOrder(files.map((f) => f.path)).map((i) => files[i]!)) {
      // Reading is synchronous and bounded; between files a cancellation (and, in-thread, an edit) gets in.
      await new Promise<void>((r) => setImmediate(r));
      if (token.isCancellationRequested) return done({ filesScanned, findings, skipped, cancelled: true });
      seen++;
      if (seen - lastReport >= 50 || seen === total) {
        lastReport = seen;
        deps.report(total ? Math.floor((seen * 100) / total) : 100, `${seen}/${total} files`);
      }
      const bytes = readWorkspaceFile(file.path, maxBytes);
      if (!bytes) continue;
      const uri = pathToUri(file.path);
      // Text, binary container or pure binary: core's one table (core/detect/scan-bytes.ts), as
      // `rotation-guard scan` and enforce read the same file.
      const decoded = decodeForScan(bytes);
      if (decoded.kind === 'skipped') {
        skipped++;
        deps.log(`scan: skipped ${file.rel} (binary: an image, archive, media or executable file)`);
        if (deps.isOpen(uri)) continue;
        listed.add(uri);
        await deps.publish(uri, undefined, stampOf(file));
        continue;
      }
      filesScanned++;
      if (deps.isOpen(uri)) continue;
      const diagnostics = diagnoseDecoded(uri, decoded, settings, deps.context, () => token.isCancellationRequested);
      if (!diagnostics) return done({ filesScanned, findings, skipped, cancelled: true });
      listed.add(uri);
      findings += diagnostics.length;
      for (const k of problemKeys(uri, diagnostics)) incidentKeys.add(k);
      await deps.publish(uri, diagnostics, stampOf(file));
    }
  }
  deps.log(`scan: ${filesScanned} files, ${incidentKeys.size} incidents (${findings} findings), ${skipped} skipped${truncated ? ` (incomplete: ${describeTruncation(truncated)})` : ''}`);
  const gone = deps.known ? [...deps.known.keys()].filter((uri) => !listed.has(uri)) : [];
  return done({ filesScanned, findings, skipped }, gone);
}
