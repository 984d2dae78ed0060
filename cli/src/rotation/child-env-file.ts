import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidAlive, readAtMost, writeFileAtomic } from '../../../core/files';
import { quoteEnvValue } from '../../../core/stores';

/** `rotation-guard-run-<owner pid>-<random>`: the pid lets a later run tell a dead owner's folder. */
const PREFIX = 'rotation-guard-run-';
const FOLDER = /^rotation-guard-run-(\d+)-[A-Za-z0-9]{6}$/;
/** `<pid> <host>`: a folder in a /tmp shared between hosts or containers is judged only by its own host. */
const OWNER = 'owner';
/** A folder whose owner died before writing its owner file holds no secret yet; gone after this. */
const UNOWNED_AFTER_MS = 60000;

/**
 * The env file `run --watch` keeps for its child (path in ROTATION_GUARD_ENV_FILE): the child's
 * secrets only, rewritten atomically when one rotates, in a private 0700 folder (XDG_RUNTIME_DIR
 * when there is one: a per-user tmpfs), mode 0600, removed when `run` ends. A run killed with
 * SIGKILL (or by a crash of the host process) cannot remove it; the next `run --watch` removes
 * every such folder of this user whose owner is dead on this host, so a password does not lie
 * in /tmp until reboot.
 */
export class ChildEnvFile {
  readonly dir: string;
  readonly path: string;

  constructor(env: NodeJS.ProcessEnv) {
    const parent = env.XDG_RUNTIME_DIR || tmpdir();
    sweepDeadRunFolders(parent);
    this.dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
    writeFileAtomic(join(this.dir, OWNER), `${process.pid} ${hostname()}\n`);
    this.path = join(this.dir, 'secrets.env');
  }

  write(vars: Record<string, string>): void {
    const text = Object.keys(vars).sort().map((k) => `${k}=${quoteEnvValue(vars[k]!)}\n`).join('');
    writeFileAtomic(this.path, text, { fsync: true });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Removes the run folders in `parent` left by dead `run --watch` processes: real folders (not
 * symlinks) owned by this user and private (0700, as mkdtemp makes them), whose owner file names
 * this host and a pid that is not alive. Anything else — another user's, another host's, a live
 * owner's, a name that only looks like ours — is left alone. Returns how many were removed.
 */
export function sweepDeadRunFolders(parent: string): number {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return 0;
  }
  const uid = process.getuid?.();
  let removed = 0;
  for (const name of names) {
    const m = FOLDER.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const dir = join(parent, name);
    const st = lstatSync(dir, { throwIfNoEntry: false });
    if (!st?.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) continue;
    const owner = ownerOf(dir);
    const dead = owner ? owner.host === hostname() && !pidAlive(owner.pid) : Date.now() - st.mtimeMs > UNOWNED_AFTER_MS;
    if (!dead) continue;
    rmSync(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function ownerOf(dir: string): { pid: number; host: string } | undefined {
  let text: string;
  try {
    text = readAtMost(join(dir, OWNER), 512).toString('utf8');
  } catch {
    return undefined;
  }
  const m = /^(\d+) (\S+)\n?$/.exec(text);
  return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
}
