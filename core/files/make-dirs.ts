import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that always ends: each missing folder, from the top down, with one `mkdir` each; the
 * first failure is thrown, as `mkdirSync` throws it. Node's `mkdirSync(dir, { recursive: true })`
 * creates the parent again and retries whenever `mkdir` answers ENOENT, and procfs answers so for a
 * child that cannot exist (`/proc/x/y`): the call never returns, at 100 % CPU. A cache folder under
 * `XDG_CACHE_HOME=/proc/…` hung `rotation-guard scan` that way (docs/detection.md, sixth pass).
 * `mode` applies to the folders created, as with `mkdirSync`.
 */
export function makeDirs(dir: string, mode?: number): void {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let d = target; ; d = dirname(d)) {
    const found = kindOf(d);
    // The folder itself already there as a file: mkdirSync's own answer.
    if (found === 'other' && d === target) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), { code: 'EEXIST', path: dir });
    if (found !== 'none') break;
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, mode === undefined ? {} : { mode });
    } catch (err) {
      // Made by someone else between the look and the mkdir: what was wanted.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

function kindOf(path: string): 'none' | 'folder' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
}
