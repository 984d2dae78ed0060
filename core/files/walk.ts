import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readAtMost } from './read-at-most';

/** Loaded at the first call, not with the bundle: most scans never start a process (a `scan` compiled it at every start, ~8 ms). */
const childProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');

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
  const r = childProcess().spawnSync('git', ['config', '--path', '--get', 'core.excludesFile'], { cwd: root, encoding: 'utf8', timeout: 5000 });
  const configured = r.status === 0 ? r.stdout.trim() : '';
  if (configured) return resolve(root, configured);
  const config = process.env.XDG_CONFIG_HOME || (process.env.HOME ? join(process.env.HOME, '.config') : '');
  return config ? join(config, 'git', 'ignore') : null;
}

/**
 * How far one walk may go. A workspace is hostile input: a bind mount can loop, a generated
 * folder can hold millions of files. Past a budget the walk stops and says so (`truncated`).
 */
export interface WalkBudget {
  /** Files listed before the walk stops. */
  maxFiles: number;
  /** Milliseconds before the walk stops. */
  maxMs: number;
}

/** Generous: a guard against a hostile or runaway tree, not a limit a real workspace should meet. */
export const DEFAULT_WALK_BUDGET: WalkBudget = { maxFiles: 1_000_000, maxMs: 120_000 };

export interface WalkOptions {
  budget?: Partial<WalkBudget>;
  /** Folders (by base name) never entered, on top of `.git`. */
  skipDirs?: ReadonlySet<string>;
  /** Files (by base name) listed; all by default. */
  wantFile?: (name: string) => boolean;
  /** List symlinks by name too (never followed, never read): for matching globs against names. */
  listSymlinks?: boolean;
}

export interface WalkResult {
  files: string[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Paths given on the command line that are devices (never read: `/dev/zero` never ends). */
  devices: string[];
  /** Set when a budget stopped the walk: the list is what was found until then. */
  truncated?: { reason: 'file-limit' | 'time-limit'; limit: number };
  /** Folders not entered twice (a bind mount or mount loop leads back to one already walked). */
  loops: number;
}

/** What a truncated walk means, for a person: the CLI's stderr and the server's log and summary. */
export function describeTruncation(t: NonNullable<WalkResult['truncated']>): string {
  return t.reason === 'file-limit' ? `the walk stopped after ${t.limit} files (its file budget); the rest of the tree was not listed` : `the walk stopped after ${t.limit / 1000} s (its time budget); the rest of the tree was not listed`;
}

/**
 * Lists the files under `paths`. Symbolic links met during the walk are never followed, to a
 * file or a folder: a link out of the workspace (to `/`, to a home folder) is not the
 * workspace's, a link inside it leads to what the walk lists at its real place anyway, and a
 * link loop cannot start. Each folder is entered once (device + inode), so a bind-mount loop
 * ends too. Devices, FIFOs and sockets inside the tree are not listed. A path given explicitly
 * is taken as given (a symlink there is the user's choice; a pipe such as `<(cmd)` is listed,
 * `readAtMost` reads it bounded), except a device, which is reported in `devices`.
 */
export function listFiles(paths: string[], cwd: string, honourIgnore: boolean, opts: WalkOptions = {}): WalkResult {
  const budget = { ...DEFAULT_WALK_BUDGET, ...opts.budget };
  const deadline = Date.now() + budget.maxMs;
  const result: WalkResult = { files: [], missing: [], devices: [], loops: 0 };
  const files = result.files;
  const visited = new Set<string>();
  const stop = (reason: 'file-limit' | 'time-limit') => {
    result.truncated ??= { reason, limit: reason === 'file-limit' ? budget.maxFiles : budget.maxMs };
  };
  const walk = (dir: string, layers: IgnoreLayer[]) => {
    if (result.truncated) return;
    if (Date.now() > deadline) return stop('time-limit');
    const id = statSync(dir, { throwIfNoEntry: false });
    if (!id) return;
    const key = `${id.dev}:${id.ino}`;
    if (visited.has(key)) {
      result.loops++;
      return;
    }
    visited.add(key);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Read a .gitignore only where the listing has one: a failed open (and its exception) in every
    // folder cost more than the stat that finds loops.
    const own = honourIgnore && entries.some((e) => e.name === '.gitignore') ? layerFor(dir) : null;
    const here = own ? [...layers, own] : layers;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name === '.git' || result.truncated) continue;
      const full = join(dir, e.name);
      // Dirent types come from readdir itself (no stat): a symlink is neither a directory nor a file here.
      if (e.isDirectory()) {
        if (opts.skipDirs?.has(e.name)) continue;
        if (!honourIgnore || !ignoredBy(here, full, true)) walk(full, here);
      } else if (e.isFile() || (opts.listSymlinks && e.isSymbolicLink())) {
        if (opts.wantFile && !opts.wantFile(e.name)) continue;
        if (honourIgnore && ignoredBy(here, full, false)) continue;
        if (files.length >= budget.maxFiles) return stop('file-limit');
        files.push(full);
      }
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    let st;
    try {
      st = statSync(full);
    } catch {
      result.missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(full, honourIgnore ? ancestorLayers(full) : []);
    else if (st.isCharacterDevice() || st.isBlockDevice()) result.devices.push(p);
    else files.push(full);
  }
  result.files = [...new Set(files)];
  return result;
}

/** A file a workspace scan reads, with the stat that identifies its content cheaply. */
export interface WorkspaceFile {
  path: string;
  /** Relative to the folder, with `/`. */
  rel: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface WorkspaceWalkOptions {
  /** Files over this many bytes are not listed but named in `tooLarge` (never read). */
  maxBytes: number;
  /** Paths (relative, `/`) left out before any stat. */
  exclude?: (rel: string) => boolean;
  budget?: Partial<WalkBudget>;
}

export interface WorkspaceWalk {
  files: WorkspaceFile[];
  /** Relative paths of regular files over `maxBytes`. */
  tooLarge: string[];
  truncated?: WalkResult['truncated'];
}

/** Statting is synchronous; the walk lets other work in (an editor's requests) this often. */
const YIELD_EVERY_FILES = 500;

/**
 * The one workspace walk: the files of `folder` a scan may read — `.gitignore` honoured, no
 * symlink followed, each folder once, within the walk's budgets (listFiles) — minus the excluded
 * ones, each stat'ed so that only regular files within the size cap are listed (a FIFO or device
 * put in place of a file since the listing is never read). The CLI, the server's scan and pull
 * and enforce all walk with it, and read what it lists with readAtMost.
 */
export async function walkWorkspace(folder: string, opts: WorkspaceWalkOptions): Promise<WorkspaceWalk> {
  const walk = listFiles([folder], folder, true, opts.budget ? { budget: opts.budget } : {});
  const out: WorkspaceWalk = { files: [], tooLarge: [], ...(walk.truncated ? { truncated: walk.truncated } : {}) };
  let statted = 0;
  for (const path of walk.files) {
    const rel = relative(folder, path).split(sep).join('/');
    if (opts.exclude?.(rel)) continue;
    if (++statted % YIELD_EVERY_FILES === 0) await new Promise<void>((r) => setImmediate(r));
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) continue;
    if (info.size > opts.maxBytes) out.tooLarge.push(rel);
    else out.files.push({ path, rel, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs });
  }
  return out;
}

/** A listed file's bytes, never more than `maxBytes`; undefined when it went away, grew past the cap or cannot be read. */
export function readWorkspaceFile(path: string, maxBytes: number): Buffer | undefined {
  try {
    return readAtMost(path, maxBytes);
  } catch {
    return undefined;
  }
}
