import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, linkSync, lstatSync, openSync, readdirSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { pidAlive } from './lock';
import { makeDirs } from './make-dirs';

/**
 * A file written whole or not at all: the data goes to a temp file beside it (or in `tempDir`, on
 * the same file system), created with O_EXCL and O_NOFOLLOW (a symlink planted at the temp path is
 * refused, never followed), then renamed over the target. A reader, or a kill at any point, sees
 * the old file or the new one. The temp file is removed on every failure this process sees; one a
 * SIGKILL left carries the dead writer's pid in its name and is removed by the next write.
 */
export interface AtomicWriteOptions {
  /** The new file's mode, set exactly (not masked by the umask); the temp file is 0600 until then. Default 0600. */
  mode?: number;
  /** Flush the data to disk before the rename (files whose loss on a power cut matters). */
  fsync?: boolean;
  /** Create the target's folder first, with this mode. */
  mkdir?: number;
  /** Where the temp file is made (a private folder); default the target's folder. */
  tempDir?: string;
  /** Refuse the write unless the target's real folder is inside this folder (symlinks followed). */
  within?: string;
  /** Never replace (link, not rename): a file already there, another writer's and whole, fails the commit with EEXIST. */
  exclusive?: boolean;
}

/** A temp file holding the data, renamed into place by `commit`, removed by `abort` or on exit. */
export interface PreparedFile {
  readonly temp: string;
  commit(): void;
  abort(): void;
}

const live = new Set<string>();
let hooked = false;
const removeQuietly = (file: string): void => rmSync(file, { force: true });

/**
 * Prepared temp files outlive a turn of the event loop: on a normal exit, and on SIGINT/SIGTERM/
 * SIGHUP when nobody else handles them (then the signal is raised again so the process still dies
 * of it), the ones still prepared are removed.
 */
function trackUntilExit(temp: string): void {
  live.add(temp);
  if (hooked) return;
  hooked = true;
  const cleanupAll = (): void => live.forEach(removeQuietly);
  process.on('exit', cleanupAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      cleanupAll();
      if (process.listenerCount(sig) === 1) {
        process.off(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

/** Temp names: `<target name>.<pid>-<hex>.tmp` beside the target, `<pid>-<hex>.tmp` in a private `tempDir`. */
const tempPattern = (prefix: string): RegExp => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-[0-9a-f]+\\.tmp$`);

/** Writes the temp file; `commit` renames it over `path`. Nothing is tracked for exit unless `track`. */
function writeTemp(path: string, data: string | Uint8Array, o: AtomicWriteOptions, track: boolean): PreparedFile {
  const dir = dirname(path);
  if (o.mkdir !== undefined) makeDirs(dir, o.mkdir);
  if (o.within !== undefined) {
    // realpathSync, not confine.ts: the hook's loader writes through here and stays small.
    const real = realpathSync(dir);
    const rel = relative(realpathSync(o.within), real);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new Error(`refusing to write ${path}: its folder leads out of ${o.within} (to ${real})`);
  }
  const prefix = o.tempDir ? '' : `${basename(path)}.`;
  sweepDeadTemps(o.tempDir ?? dir, tempPattern(prefix));
  const temp = join(o.tempDir ?? dir, `${prefix}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  if (track) trackUntilExit(temp);
  const abort = (): void => {
    live.delete(temp);
    removeQuietly(temp);
  };
  const step = (f: () => void): void => {
    try {
      f();
    } catch (err) {
      abort();
      throw err;
    }
  };
  step(() => {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      if (o.mode !== undefined && o.mode !== 0o600) fchmodSync(fd, o.mode);
      if (o.fsync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
  const commit = (): void => {
    step(() => (o.exclusive ? linkSync(temp, path) : renameSync(temp, path)));
    if (o.exclusive) removeQuietly(temp);
    live.delete(temp);
  };
  return { temp, commit, abort };
}

/** Writes `data` to `path` atomically (see `AtomicWriteOptions`). */
export function writeFileAtomic(path: string, data: string | Uint8Array, o: AtomicWriteOptions = {}): void {
  writeTemp(path, data, o, false).commit();
}

/** The slow part (write, fsync) now; `commit` is one rename. Removed on exit if neither commit nor abort ran. */
export function prepareFileAtomic(path: string, data: string | Uint8Array, o: AtomicWriteOptions = {}): PreparedFile {
  return writeTemp(path, data, o, true);
}

/**
 * Removes what a killed writer left in `dir`: files whose name matches `match` (group 1 = the
 * writer's pid) and whose pid is dead, and 0-byte ones older than a minute. Returns how many.
 */
export function sweepDeadTemps(dir: string, match: RegExp = tempPattern('')): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = match.exec(name);
    if (!m) continue;
    const file = join(dir, name);
    const st = lstatSync(file, { throwIfNoEntry: false });
    const empty = !!st?.isFile() && st.size === 0 && Date.now() - st.mtimeMs > 60000;
    if ((empty || (!!m[1] && Number(m[1]) !== process.pid && !pidAlive(Number(m[1])))) && !live.has(file)) {
      removeQuietly(file);
      removed++;
    }
  }
  return removed;
}
