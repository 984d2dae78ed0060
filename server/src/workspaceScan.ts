import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { describeTruncation, readWorkspaceFile, walkWorkspace, type WalkBudget, type WalkResult, warmUpOrder } from '../../core/files';
import { decodeForScan } from '../../core/detect';
import type { Settings } from '../../protocol/src/settings';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { diagnoseDecoded, isExcluded, problemKeys, type DiagnoseContext } from './diagnoser';
import { pathToUri } from './paths';

/** What the scan needs from the server: settings, what the workspace knows, and where results go. */
export interface WorkspaceScanDeps {
  settingsFor: (uri: string) => Promise<Settings>;
  context: DiagnoseContext;
  isOpen: (uri: string) => boolean;
  publish: (uri: string, diagnostics: Diagnostic[]) => Promise<void>;
  log: (msg: string) => void;
  /** Percent done and a message, for `$/progress`. */
  report: (percent: number, message: string) => void;
  /** The walk's budget (core's default unless a test makes it small). */
  walkBudget?: Partial<WalkBudget>;
}

/**
 * Scans every file of the folders the way the editor diagnoses an open one (diagnoser.ts: same
 * `enable`, exclusions, size rule and checks), with the one workspace walk (core/files/walk.ts:
 * git-ignored files, links and files over `maxFileSizeKB` left out before reading). Bytes are
 * read bounded and as core's table says (`decodeForScan`): pure binary files are skipped, binary
 * containers (shelve, SQLite caches) diagnosed at the top of the file by byte offset. Open
 * documents are validated live and left alone. Nothing is kept per file but its count, and the
 * incident keys (problemKeys: one per value) so the same value in many files counts once.
 */
export async function scanWorkspace(folders: string[], deps: WorkspaceScanDeps, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  let filesScanned = 0;
  let findings = 0;
  let skipped = 0;
  const incidentKeys = new Set<string>();
  let truncated: WalkResult['truncated'];
  const done = (r: Omit<ScanWorkspaceRequest.Result, 'incidents'>): ScanWorkspaceRequest.Result => ({ ...r, incidents: incidentKeys.size, ...(truncated ? { truncated } : {}) });
  const walks: Array<{ settings: Settings; files: Array<{ path: string; rel: string }> }> = [];
  for (const folder of folders) {
    const settings = await deps.settingsFor(pathToUri(folder));
    if (!settings.enable) continue;
    const walk = await walkWorkspace(folder, { maxBytes: settings.maxFileSizeKB * 1024, exclude: (rel) => isExcluded(rel, settings), ...(deps.walkBudget ? { budget: deps.walkBudget } : {}) });
    if (walk.truncated) {
      truncated ??= walk.truncated;
      deps.log(`scan: ${folder}: ${describeTruncation(walk.truncated)}`);
    }
    for (const rel of walk.tooLarge) deps.log(`scan: skipped ${rel} (larger than rotationGuard.maxFileSizeKB, ${settings.maxFileSizeKB} KB)`);
    skipped += walk.tooLarge.length;
    walks.push({ settings, files: walk.files });
  }
  const total = walks.reduce((n, w) => n + w.files.length, 0);
  let seen = 0;
  let lastReport = 0;
  for (const { settings, files } of walks) {
    const maxBytes = settings.maxFileSizeKB * 1024;
    for (const { path, rel } of warmUpOrder(files.map((f) => f.path)).map((i) => files[i]!)) {
      // Reading is synchronous and bounded; between files a cancellation (and, in-thread, an edit) gets in.
      await new Promise<void>((r) => setImmediate(r));
      if (token.isCancellationRequested) return done({ filesScanned, findings, skipped, cancelled: true });
      seen++;
      if (seen - lastReport >= 50 || seen === total) {
        lastReport = seen;
        deps.report(total ? Math.floor((seen * 100) / total) : 100, `${seen}/${total} files`);
      }
      const bytes = readWorkspaceFile(path, maxBytes);
      if (!bytes) continue;
      // Text, binary container or pure binary: core's one table (core/detect/scan-bytes.ts), as
      // `rotation-guard scan` and enforce read the same file.
      const decoded = decodeForScan(bytes);
      if (decoded.kind === 'skipped') {
        skipped++;
        deps.log(`scan: skipped ${rel} (binary: an image, archive, media or executable file)`);
        continue;
      }
      filesScanned++;
      const uri = pathToUri(path);
      if (deps.isOpen(uri)) continue;
      const diagnostics = diagnoseDecoded(uri, decoded, settings, deps.context, () => token.isCancellationRequested);
      if (!diagnostics) return done({ filesScanned, findings, skipped, cancelled: true });
      findings += diagnostics.length;
      for (const k of problemKeys(uri, diagnostics)) incidentKeys.add(k);
      await deps.publish(uri, diagnostics);
    }
  }
  deps.log(`scan: ${filesScanned} files, ${incidentKeys.size} incidents (${findings} findings), ${skipped} skipped${truncated ? ` (incomplete: ${describeTruncation(truncated)})` : ''}`);
  return done({ filesScanned, findings, skipped });
}

