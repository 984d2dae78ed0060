import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pidAlive } from '../files/lock';

/**
 * Temporary files that hold a secret value before an atomic rename: made 0600 in a private 0700
 * folder whose own `.gitignore` ignores everything in it (so `git add -A` never picks one up,
 * whatever the project ignores), removed on every exit this process can see, and swept by the
 * next run when a `kill -9` left one behind.
 */
export const PRIVATE_TMP_DIR = '.rotation-guard-tmp';

const live = new Set<string>();
let hooked = false;

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* gone */
  }
}

function cleanupAll(): void {
  for (const f of live) removeQuietly(f);
  live.clear();
}

/**
 * On a normal exit, and on SIGINT/SIGTERM/SIGHUP when nobody else handles them (then the signal is
 * raised again so the process still dies of it), the files still registered are removed.
 */
function hookExit(): void {
  if (hooked) return;
  hooked = true;
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

/** The private folder in `dir` (created 0700 with its `.gitignore` of `*`). */
export function privateTmpDir(dir: string): string {
  const tmp = join(dir, PRIVATE_TMP_DIR);
  mkdirSync(tmp, { recursive: true, mode: 0o700 });
  if (lstatSync(tmp).isSymbolicLink()) throw new Error(`${tmp} is a symbolic link; refusing to write secret values through it`);
  chmodSync(tmp, 0o700);
  const ignore = join(tmp, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# rotation-guard: temporary files holding secret values; never commit\n*\n', { mode: 0o600 });
  return tmp;
}

/** Writes `text` (fsynced) to a fresh file in the private folder in `dir`; returns its path. */
export function writePrivateTemp(dir: string, text: string, mode = 0o600): string {
  const tmp = join(privateTmpDir(dir), `${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  hookExit();
  const fd = openSync(tmp, 'wx', 0o600);
  live.add(tmp);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    if ((mode & 0o777) !== 0o600) chmodSync(tmp, mode & 0o777);
  } catch (err) {
    closeSync(fd);
    dropTemp(tmp);
    throw err;
  }
  closeSync(fd);
  return tmp;
}

/** The temp file was renamed into place (`renamed`) or is discarded (removed): stop tracking it. */
export function dropTemp(tmp: string, renamed = false): void {
  live.delete(tmp);
  if (!renamed) removeQuietly(tmp);
}

/**
 * Removes what a killed process left in `dir`: files whose name matches `match` (group 1 = the
 * writer's pid) and whose pid is dead, and 0-byte `.tmp` files older than a minute. Returns how
 * many were removed.
 */
export function sweepDeadTemps(dir: string, match: RegExp = /^(\d+)-[0-9a-f]+\.tmp$/): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = match.exec(name);
    const file = join(dir, name);
    let stale = false;
    if (m?.[1]) stale = Number(m[1]) !== process.pid && !pidAlive(Number(m[1]));
    if (!stale && m) {
      try {
        const st = statSync(file);
        stale = st.isFile() && st.size === 0 && Date.now() - st.mtimeMs > 60000;
      } catch {
        /* gone */
      }
    }
    if (stale && !live.has(file)) {
      removeQuietly(file);
      removed++;
    }
  }
  return removed;
}
