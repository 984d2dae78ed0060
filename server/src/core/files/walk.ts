import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Lists the files under the given paths, honouring `.gitignore` files on the way down and those
 * of the ancestors up to the repository root. Explicitly named files are always included.
 * `.git` directories are never entered.
 */
interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

function layerFor(dir: string): IgnoreLayer | null {
  const file = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return { base: dir, ig: ignore().add(text) };
}

function ignoredBy(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = relative(l.base, full).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (l.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** .gitignore layers of the ancestors of `dir`, up to the directory holding `.git`. */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let d = dirname(dir);
  let found = existsSync(join(dir, '.git'));
  while (!found && d !== dirname(d)) {
    chain.push(d);
    if (existsSync(join(d, '.git'))) found = true;
    else d = dirname(d);
  }
  if (!found) return [];
  return chain.reverse().map(layerFor).filter((l): l is IgnoreLayer => l !== null);
}

export interface WalkResult {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

export function listFiles(paths: string[], cwd: string, honourIgnore: boolean): WalkResult {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string, layers: IgnoreLayer[]) => {
    const own = honourIgnore ? layerFor(dir) : null;
    const here = own ? [...layers, own] : layers;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name === '.git') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!honourIgnore || !ignoredBy(here, full, true)) walk(full, here);
      } else if (e.isFile()) {
        if (!honourIgnore || !ignoredBy(here, full, false)) files.push(full);
      }
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    let st;
    try {
      st = statSync(full);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(full, honourIgnore ? ancestorLayers(full) : []);
    else files.push(full);
  }
  return { files: [...new Set(files)], missing };
}
