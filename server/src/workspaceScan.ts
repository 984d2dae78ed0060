import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import { describeTruncation, listFiles, type WalkBudget, type WalkResult, warmUpOrder } from '../../core/files';
import { decodeForScan } from '../../core/detect';
import type { Settings } from '../../protocol/src/settings';
import type { ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { isExcluded, problemKeys, type Validator } from './validator';
import { pathToUri } from './paths';

/** What the scan needs from the server: the validator's diagnosis and where results go. */
export interface WorkspaceScanDeps {
  settingsFor: (uri: string) => Promise<Settings>;
  /** The validator's diagnosis of a file's decoded bytes, text or binary container (undefined: cancelled). */
  diagnoseDecoded: Validator['diagnoseDecoded'];
  isOpen: (uri: string) => boolean;
  publish: (uri: string, diagnostics: Diagnostic[]) => Promise<void>;
  log: (msg: string) => void;
  /** Percent done and a message, for `$/progress`. */
  report: (percent: number, message: string) => void;
  /** The walk's budget (core's default unless a test makes it small). */
  walkBudget?: Partial<WalkBudget>;
}

/**
 * Scans every file of the folders the way the editor validates an open one (the validator's
 * `diagnose`: same `enable`, exclusions, size rule and checks), skipping git-ignored files (the
 * same walk as `rotation-guard scan`) and files over `maxFileSizeKB` before reading them. Bytes are
 * read as core's table says (`decodeForScan`): pure binary files are skipped, binary containers
 * (shelve, SQLite caches) diagnosed at the top of the file by byte offset. Open documents are
 * validated live and left alone. Nothing is kept per file but its count, and the incident keys
 * (problemKeys: one per value) so the same value in many files counts once.
 */
export async function scanWorkspace(folders: string[], deps: WorkspaceScanDeps, token: CancellationToken): Promise<ScanWorkspaceRequest.Result> {
  let filesScanned = 0;
  let findings = 0;
  let skipped = 0;
  const incidentKeys = new Set<string>();
  // The one safe walk: no symlink followed (a link to / or out of the workspace is not scanned),
  // each folder once, and a file and time budget that is reported when hit.
  let truncated: WalkResult['truncated'];
  const lists = folders.map((folder) => {
    const walk = listFiles([folder], folder, true, deps.walkBudget ? { budget: deps.walkBudget } : {});
    if (walk.truncated) {
      truncated ??= walk.truncated;
      deps.log(`scan: ${folder}: ${describeTruncation(walk.truncated)}`);
    }
    return { folder, files: walk.files };
  });
  const done = (r: Omit<ScanWorkspaceRequest.Result, 'incidents'>): ScanWorkspaceRequest.Result => ({ ...r, incidents: incidentKeys.size, ...(truncated ? { truncated } : {}) });
  const total = lists.reduce((n, l) => n + l.files.length, 0);
  let seen = 0;
  let lastReport = 0;
  for (const { folder, files } of lists) {
    const settings = await deps.settingsFor(pathToUri(folder));
    if (!settings.enable) {
      seen += files.length;
      continue;
    }
    const maxBytes = settings.maxFileSizeKB * 1024;
    for (const path of warmUpOrder(files).map((i) => files[i]!)) {
      if (token.isCancellationRequested) return done({ filesScanned, findings, skipped, cancelled: true });
      seen++;
      if (seen - lastReport >= 50 || seen === total) {
        lastReport = seen;
        deps.report(total ? Math.floor((seen * 100) / total) : 100, `${seen}/${total} files`);
      }
      const rel = relative(folder, path).split(sep).join('/');
      if (isExcluded(rel, settings)) continue;
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) continue; // replaced by a FIFO or a device since the walk: never read
      if (info.size > maxBytes) {
        skipped++;
        deps.log(`scan: skipped ${rel} (larger than rotationGuard.maxFileSizeKB, ${settings.maxFileSizeKB} KB)`);
        continue;
      }
      const bytes = await readFile(path).catch(() => undefined);
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
      const diagnostics = await deps.diagnoseDecoded(uri, decoded, () => token.isCancellationRequested, settings);
      if (!diagnostics) return done({ filesScanned, findings, skipped, cancelled: true });
      findings += diagnostics.length;
      for (const k of problemKeys(uri, diagnostics)) incidentKeys.add(k);
      await deps.publish(uri, diagnostics);
    }
  }
  deps.log(`scan: ${filesScanned} files, ${incidentKeys.size} incidents (${findings} findings), ${skipped} skipped${truncated ? ` (incomplete: ${describeTruncation(truncated)})` : ''}`);
  return done({ filesScanned, findings, skipped });
}
