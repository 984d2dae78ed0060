import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Lists the files under the given paths, honouring `.gitignore` files on the way down and those
 * of the ancestors up to the repository root, `.git/info/exclude` and the user's git excludes
 * file. Explicitly named files are always included. `.git` directories are never entered.
 */
interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

/** The patterns of an ignore file, relative to `base`; null when the file cannot be read. */
function layerFrom(file: string, base: string): IgnoreLayer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return { base, ig: ignore().add(text) };
}

const layerFor = (dir: string) => layerFrom(join(dir, '.gitignore'), dir);

function ignoredBy(layers: IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const l of layers) {
    const rel = relative(l.base, full).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (l.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Ignore layers that apply above `dir`: git's per-repository and per-user exclude files, then the
 * .gitignore files of the ancestors of `dir` up to the directory holding `.git`. Outside a
 * repository there are none.
 */
function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let root: string | null = existsSync(join(dir, '.git')) ? dir : null;
  for (let d = dirname(dir); root === null && d !== dirname(d); d = dirname(d)) {
    chain.push(d);
    if (existsSync(join(d, '.git'))) root = d;
  }
  if (root === null) return [];
  const layers = chain.reverse().map(layerFor).filter((l): l is IgnoreLayer => l !== null);
  return [...repositoryExcludes(root), ...layers];
}

/** `.git/info/exclude` and the user's excludes file (core.excludesFile, else ~/.config/git/ignore), based at the repository root. */
function repositoryExcludes(root: string): IgnoreLayer[] {
  const gitDir = commonGitDir(root);
  const files = [userExcludesFile(root), gitDir && join(gitDir, 'info', 'exclude')];
  return files.map((f) => (f ? layerFrom(f, root) : null)).filter((l): l is IgnoreLayer => l !== null);
}

/** The repository's git directory shared by its worktrees (`.git`, or what a `.git` file points at). */
function commonGitDir(root: string): string | null {
  const dotGit = join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m) return null;
    const gitDir = resolve(root, m[1]!.trim());
    try {
      return resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim());
    } catch {
      return gitDir;
    }
  } catch {
    return null;
  }
}

/** core.excludesFile as git reads it, else git's default ($XDG_CONFIG_HOME or ~/.config)/git/ignore. */
function userExcludesFile(root: string): string | null {
  const r = spawnSync('git', ['config', '--path', '--get', 'core.excludesFile'], { cwd: root, encoding: 'utf8', timeout: 5000 });
  const configured = r.status === 0 ? r.stdout.trim() : '';
  if (configured) return resolve(root, configured);
  const config = process.env.XDG_CONFIG_HOME || (process.env.HOME ? join(process.env.HOME, '.config') : '');
  return config ? join(config, 'git', 'ignore') : null;
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
