import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { listFiles } from '../../core/files/walk';
import { warmUpOrder } from '../../core/files/warm-up-order';
import { isProbablyBinary } from '../../core/detect';

/**
 * Files of a folder that are worth scanning: not git-ignored (nested and ancestor .gitignore, the
 * same walk as `rotation-guard scan`), not excluded, not binary, not huge; in warmUpOrder.
 */
export async function* workspaceFiles(folder: string, exclude: string[], maxBytes: number, onSkip: (path: string, why: string) => void, isCancelled: () => boolean): AsyncGenerator<{ path: string; text: string }> {
  const excluded = picomatch(exclude, { dot: true });
  const files = listFiles([folder], folder, true).files;
  for (const path of warmUpOrder(files).map((i) => files[i]!)) {
    if (isCancelled()) return;
    const rel = relative(folder, path).split(sep).join('/');
    if (excluded(rel)) continue;
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.size > maxBytes) {
      onSkip(rel, `larger than ${Math.round(maxBytes / 1024)} KB`);
      continue;
    }
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) continue;
    if (isProbablyBinary(bytes)) {
      onSkip(rel, 'binary');
      continue;
    }
    yield { path, text: bytes.toString('utf8') };
  }
}
