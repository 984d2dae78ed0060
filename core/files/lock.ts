import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A cross-process lock file: created with O_EXCL, holding `pid host token`. A lock whose pid is
 * dead on this host is stale (its owner was killed mid-append) and is taken over at once; a lock
 * from another host is only taken over once it is older than `staleAfterMs`, since we cannot probe
 * a remote pid. An empty or unreadable lock (its owner died between open and write, or the disk
 * was full: ENOSPC leaves 0 bytes) is stale once older than `unparsableAfterMs`, a few seconds:
 * a live owner writes its pid microseconds after creating the file.
 */
export interface LockOptions {
  timeoutMs?: number;
  staleAfterMs?: number;
  unparsableAfterMs?: number;
}

const UNPARSABLE_AFTER_MS = 2000;

export class LockTimeoutError extends Error {
  constructor(path: string, holder: string) {
    super(`timed out waiting for the lock ${path} (held by ${holder || 'an unknown process'}); if no rotation-guard process is running, delete the lock file`);
  }
}

/** A process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(content: string, lockPath: string, staleAfterMs: number, unparsableAfterMs = UNPARSABLE_AFTER_MS): boolean {
  const m = /^(\d+) (\S+)(?: \S+)?$/.exec(content.trim());
  const pid = Number(m?.[1]);
  if (m && m[2] === hostname() && Number.isInteger(pid) && pid > 0) return !pidAlive(pid);
  // Another host's pid cannot be probed; anything unparsable is judged by its age alone.
  const after = m ? staleAfterMs : unparsableAfterMs;
  try {
    return Date.now() - statSync(lockPath).mtimeMs > after;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock is held by a live owner right now (a missing or stale lock is not held). Never waits. */
export function isLockHeld(lockPath: string, staleAfterMs = 10000, unparsableAfterMs = UNPARSABLE_AFTER_MS): boolean {
  let holder: string;
  try {
    holder = readFileSync(lockPath, 'utf8');
  } catch {
    return false;
  }
  return !isStale(holder, lockPath, staleAfterMs, unparsableAfterMs);
}

export async function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 15000;
  const staleAfterMs = opts.staleAfterMs ?? 10000;
  const token = `${process.pid} ${hostname()} ${randomBytes(6).toString('hex')}\n`;
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    try {
      // No fsync: after a crash the lock is recognised as stale by its dead pid anyway.
      const fd = openSync(lockPath, 'wx', 0o600);
      try {
        writeSync(fd, token);
      } catch (err) {
        // A full disk (ENOSPC) must not leave an empty lock that the next run has to wait out.
        closeSync(fd);
        unlinkSync(lockPath);
        throw err;
      }
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = '';
    try {
      holder = readFileSync(lockPath, 'utf8');
    } catch {
      continue; // released between our open and read: try again at once
    }
    if (isStale(holder, lockPath, staleAfterMs, opts.unparsableAfterMs)) {
      // Move the stale lock aside atomically; if what we moved is not what we judged stale
      // (someone else replaced it meanwhile), put it back so we never break a live lock.
      const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
      try {
        renameSync(lockPath, aside);
        const moved = readFileSync(aside, 'utf8');
        if (moved !== holder) renameSync(aside, lockPath);
        else unlinkSync(aside);
      } catch {
        /* another process handled it */
      }
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, holder.trim());
    await delay(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
  try {
    return await fn();
  } finally {
    try {
      if (readFileSync(lockPath, 'utf8') === token) unlinkSync(lockPath);
    } catch {
      /* already gone */
    }
  }
}
