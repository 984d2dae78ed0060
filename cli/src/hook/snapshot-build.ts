import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { privateFolder, unusableBlobPath } from './snapshot-paths';

export interface SnapshotBuild {
  blob: string;
  /** `built`: written now; `current`: the blob there already starts; `skipped`/`failed`: see `reason` (hooks then start from the plain bundle). */
  outcome: 'built' | 'current' | 'skipped' | 'failed';
  reason?: string;
}

/** How long a build may take (it ran ~1.5 s of CPU here) before it is given up, and how old a lock another build left may be. */
const BUILD_TIMEOUT_MS = 120_000;
/** After a failed build, hooks do not start another for this long (each would fail the same way). */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

/**
 * Builds the hook's startup snapshot at `blob` from dist/cli-hook-snapshot.js with this Node,
 * unless a blob there starts already. `workFolders` are the folders the hook works in (the
 * project): a blob inside one is never built. The blob is written under a temporary name in its
 * private folder, started once (it must answer), then renamed into place; a concurrent build
 * (a lock file) is left to finish.
 */
export function buildHookSnapshot(blob: string, distDir: string, workFolders: readonly string[], env: NodeJS.ProcessEnv = process.env): SnapshotBuild {
  const bad = unusableBlobPath(blob, workFolders);
  if (bad) return { blob, outcome: 'skipped', reason: bad };
  const entry = join(distDir, 'cli-hook-snapshot.js');
  if (!existsSync(entry)) return { blob, outcome: 'skipped', reason: `${entry} does not exist` };
  const dir = dirname(blob);
  if (!privateFolder(dir)) return { blob, outcome: 'skipped', reason: `${dir} is not a folder of this user's alone (mode 0700)` };
  if (existsSync(blob) && starts(blob, dir, env)) return { blob, outcome: 'current' };
  const lock = `${blob}.lock`;
  if (!takeLock(lock)) return { blob, outcome: 'skipped', reason: 'another build is under way' };
  const tmp = `${blob}.${process.pid}.tmp`;
  const failed = (reason: string): SnapshotBuild => {
    try {
      writeFileSync(`${blob}.failed`, `${reason}\n`, { mode: 0o600 });
    } catch {
      // Then the next hook tries again.
    }
    return { blob, outcome: 'failed', reason };
  };
  try {
    // In the cache folder, so nothing of the project is near; the environment is the hook's, so
    // the V8 flags (NODE_OPTIONS) match those the blob will be started with.
    const r = spawnSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', entry], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: BUILD_TIMEOUT_MS });
    if (r.status !== 0 || !existsSync(tmp)) return failed(`node --build-snapshot exited ${r.status ?? r.signal}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ').slice(0, 400)}`);
    chmodSync(tmp, 0o600);
    if (!starts(tmp, dir, env)) return failed('the new blob did not start');
    renameSync(tmp, blob);
    rm(`${blob}.failed`);
    return { blob, outcome: 'built' };
  } finally {
    rm(tmp);
    rm(lock);
  }
}

/** Does Node start from this blob and answer (a command the snapshot refuses by name, exit 2)? */
function starts(blob: string, cwd: string, env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, 'snapshot-check'], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 30_000 });
  return r.status === 2 && r.stderr.includes("only runs 'hook'");
}

function takeLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx', 0o600));
    return true;
  } catch {
    try {
      // A lock older than any build is one a killed build left.
      if (Date.now() - lstatSync(lock).mtimeMs < BUILD_TIMEOUT_MS) return false;
      unlinkSync(lock);
      closeSync(openSync(lock, 'wx', 0o600));
      return true;
    } catch {
      return false;
    }
  }
}

function rm(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * After a hook answered from the plain bundle because its blob was missing or refused: rebuild
 * it in a detached process (`rotation-guard hooks snapshot --blob PATH`), so this hook's answer
 * does not wait. Nothing happens for a path that may not be used or while a build holds the lock.
 */
export function rebuildHookSnapshotLater(blob: string, distDir: string, workFolders: readonly string[]): void {
  if (unusableBlobPath(blob, workFolders)) return;
  if (younger(`${blob}.lock`, BUILD_TIMEOUT_MS) || younger(`${blob}.failed`, RETRY_AFTER_FAILURE_MS)) return;
  const cli = join(distDir, 'cli.js');
  if (!existsSync(cli)) return;
  try {
    const child = spawn(process.execPath, [cli, 'hooks', 'snapshot', '--blob', blob], { cwd: dirname(cli), detached: true, stdio: 'ignore', env: process.env });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The next hook tries again.
  }
}

function younger(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < ms;
  } catch {
    return false;
  }
}
