import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver/node';
import { isProbablyBinary } from './core/detect';

export interface ScanTarget {
  uri: string;
  path: string;
  document: TextDocument;
}

/** Files of a folder that are worth scanning: not git-ignored, not excluded, not binary, not huge. */
export async function* workspaceFiles(folder: string, exclude: string[], maxBytes: number, onSkip: (path: string, why: string) => void, isCancelled: () => boolean): AsyncGenerator<{ path: string; text: string }> {
  const ig = ignore();
  try {
    ig.add(await readFile(join(folder, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing extra to ignore.
  }
  const files = await fg(['**/*'], { cwd: folder, dot: true, onlyFiles: true, ignore: ['**/.git/**', ...exclude], suppressErrors: true, followSymbolicLinks: false });
  for (const rel of files) {
    if (isCancelled()) return;
    if (ig.ignores(rel)) continue;
    const path = join(folder, rel);
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    if (info.size > maxBytes) {
      onSkip(relative(folder, path), `larger than ${Math.round(maxBytes / 1024)} KB`);
      continue;
    }
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) continue;
    if (isProbablyBinary(bytes)) {
      onSkip(relative(folder, path), 'binary');
      continue;
    }
    yield { path, text: bytes.toString('utf8') };
  }
}

export type Publish = (uri: string, diagnostics: Diagnostic[]) => Promise<void>;
