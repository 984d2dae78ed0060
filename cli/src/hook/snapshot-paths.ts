import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { makeDirs } from '../../../core/files';

/** Node's own exit code for a snapshot it refuses (another Node version, architecture or V8 flags); snapshot-main.ts uses it for a bundle that changed since the blob was built. */
export const SNAPSHOT_REFUSED_EXIT = 14;

/**
 * Where the hook's startup snapshot for this Node and this installation lives: this user's cache
 * (XDG_CACHE_HOME, else ~/.cache), one file per Node binary and dist folder. What the blob was
 * built from (Node version, architecture, V8 flags, the bundle's hash) is checked each time it
 * starts (launch.sh, snapshot-main.ts), so an upgrade of either is noticed and the blob rebuilt.
 * Undefined when there is no absolute cache folder.
 */
export function hookSnapshotPath(env: NodeJS.ProcessEnv, execPath: string, distDir: string): string | undefined {
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  let base = xdg;
  if (!base) {
    let home = env.HOME;
    try {
      home ||= homedir();
    } catch {
      return undefined;
    }
    if (!home || !isAbsolute(home)) return undefined;
    base = join(home, '.cache');
  }
  const slot = createHash('sha256').update(`${execPath}\0${distDir}`).digest('hex').slice(0, 16);
  return join(base, 'rotation-guard', 'hook-snapshot', `hook-${slot}.blob`);
}

/**
 * Why a blob path must not be used (or built), or undefined when it may: it must be absolute and
 * normal, and outside every folder the hook works in (a repository is hostile, and a blob is
 * code that runs before any check of ours).
 */
export function unusableBlobPath(blob: string, workFolders: readonly string[]): string | undefined {
  if (!isAbsolute(blob) || normalize(blob) !== blob) return `${blob} is not an absolute, normal path`;
  for (const f of workFolders) {
    const folder = normalize(f).replace(/[\\/]+$/, '');
    if (blob === folder || blob.startsWith(`${folder}${sep}`)) return `${blob} is inside ${folder}, a folder the hook works in`;
  }
  return undefined;
}

const mine = (st: { uid: number; mode: number }) => (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o077) === 0;

/** Creates the blob's folder (mode 0700) and says whether it is this user's alone: a folder, not a link, owned by this user, closed to group and others. */
export function privateFolder(dir: string): boolean {
  try {
    makeDirs(dir, 0o700);
    const st = lstatSync(dir);
    return st.isDirectory() && mine(st);
  } catch {
    return false;
  }
}
