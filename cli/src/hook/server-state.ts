import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { privateFolder, unusableBlobPath } from './snapshot-paths';
import { writeFileAtomic } from '../../../core/files';

/**
 * The resident hook server's files, beside the hook's snapshot blob in this user's private cache
 * folder (mode 0700, snapshot-paths.ts): `hook-….server` names the port and the two tokens,
 * `.lock` the server's process, `.failed` the time a start failed (the launcher then waits
 * before starting another). The launcher (launch.sh) derives these names from the blob's.
 *
 * Two tokens, new for each server: the launcher proves itself with `client` and the server with
 * `server`, which it sends only to a launcher that sent `client`. Whoever reads the file can do
 * both, so it is this user's alone (0600 in a 0700 folder) and is checked before use by both
 * sides; another local user who binds the port after the server exited learns at most the
 * client token of a server that is gone.
 */
export interface ServerState {
  port: number;
  client: string;
  server: string;
}

export const STATE_VERSION = 'RGHOOK1';

const uid = () => (process.getuid === undefined ? undefined : process.getuid());
const privateFile = (st: { uid: number; mode: number }) => (uid() === undefined || st.uid === uid()) && (st.mode & 0o077) === 0;

/** Why the state file may not live at `path`, or undefined when it may. */
export function unusableStatePath(path: string): string | undefined {
  const bad = unusableBlobPath(path, []);
  if (bad) return bad;
  if (!privateFolder(dirname(path))) return `${dirname(path)} is not a folder of this user's alone (mode 0700)`;
  return undefined;
}

export function newState(port: number): ServerState {
  return { port, client: randomBytes(32).toString('hex'), server: randomBytes(32).toString('hex') };
}

/** Written whole (0600, core's one atomic write); returns the file's inode, by which the server knows the file is still its own. */
export function writeState(path: string, s: ServerState): number {
  writeFileAtomic(path, `${STATE_VERSION}\n${s.port}\n${s.client}\n${s.server}\n`,);
  return lstatSync(path).ino;
}

/** The state file as the server left it, when it still is: the same inode, a regular file of this user's, 0600, in a private folder. */
export function stateStillOurs(path: string, ino: number): boolean {
  try {
    const st = lstatSync(path);
    const dir = lstatSync(dirname(path));
    return st.isFile() && st.ino === ino && privateFile(st) && dir.isDirectory() && privateFile(dir);
  } catch {
    return false;
  }
}

export function sameInode(path: string, ino: number): boolean {
  try {
    return lstatSync(path).ino === ino;
  } catch {
    return false;
  }
}

/** Reads a state file the way the launcher trusts one (tests and `hooks` use it). */
export function readState(path: string): ServerState | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || !privateFile(st) || st.size > 1024) return undefined;
      const [v, port, client, server] = readFileSync(fd, 'utf8').split('\n');
      if (v !== STATE_VERSION || !/^\d{1,5}$/.test(port ?? '') || !/^[0-9a-f]{64}$/.test(client ?? '') || !/^[0-9a-f]{64}$/.test(server ?? '')) return undefined;
      return { port: Number(port), client: client!, server: server! };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * One server per state file: the lock holds its process id. A lock whose process is gone is
 * taken over, and so is one without a state file for half a minute (a server writes its state
 * file within milliseconds of taking the lock, and removes the lock when it stops: the id now
 * belongs to another process). Returns false while another live server holds it.
 */
export function takeServerLock(lock: string, state: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (alive(lockHolder(lock)) && (existsSync(state) || Date.now() - mtimeOf(lock) < 30_000)) return false;
      rm(lock);
    }
  }
  return false;
}

export function releaseServerLock(lock: string): void {
  if (lockHolder(lock) === process.pid) rm(lock);
}

function mtimeOf(path: string): number {
  try {
    return lstatSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function lockHolder(lock: string): number | undefined {
  try {
    const n = Number(readFileSync(lock, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone; EPERM: a process of another user's has that id now, so ours is gone too.
    return false;
  }
}

/** `.failed` holds the time (seconds) a start failed: the launcher reads it without starting a process. */
export function markStartFailed(state: string): void {
  try {
    const fd = openSync(`${state}.failed`, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0), 0o600);
    writeSync(fd, `${Math.floor(Date.now() / 1000)}\n`);
    closeSync(fd);
  } catch {
    // Then the next launcher tries again.
  }
}

/** What a file is now (inode, size, modification time): the server answers only while its own code is what it was at start. */
export function fileIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export function rm(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
