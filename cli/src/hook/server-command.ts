import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { UsageError, type CliIO } from '../io';
import { serveHooks, type HookRun } from './server';
import { markStartFailed, rm, unusableStatePath } from './server-state';

const USAGE = 'usage: rotation-guard hook-server --state PATH [--idle-ms N] [--detach]';
/** A resident decider nobody asks for a quarter of an hour goes away. */
const DEFAULT_IDLE_MS = 15 * 60_000;

/**
 * `rotation-guard hook-server --state PATH`: the resident hook decider the launcher
 * (dist/hook-launch.sh) talks to, so that a hook call costs a shell and one local round trip
 * instead of a Node start. The launcher starts it with `--detach` (a process of its own session,
 * so the assistant's end does not take it down) the first time it finds none; it stops by itself
 * when idle. `watched` are this installation's files (Node and the bundles): after an upgrade it
 * stops instead of answering with the old code.
 */
export async function hookServerCommand(args: string[], io: CliIO, run: HookRun, watched: readonly string[], cli: string): Promise<number> {
  let state: string | undefined;
  let idleMs = DEFAULT_IDLE_MS;
  let detach = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--state' && args[i + 1]) state = args[++i]!;
    else if (a === '--idle-ms' && args[i + 1] && /^\d+$/.test(args[i + 1]!)) idleMs = Number(args[++i]);
    else if (a === '--detach') detach = true;
    else throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
  }
  if (!state) throw new UsageError(`--state is required\n${USAGE}`);
  const bad = unusableStatePath(state);
  if (bad) throw new UsageError(`${bad}\n${USAGE}`);
  if (detach) {
    const child = spawn(process.execPath, [cli, 'hook-server', '--state', state, '--idle-ms', String(idleMs)], { cwd: dirname(state), detached: true, stdio: 'ignore', env: io.env });
    child.on('error', () => markStartFailed(state!));
    child.unref();
    return 0;
  }
  // Nothing of the folder it was started in: requests name their own.
  process.chdir(dirname(state));
  rm(`${state}.failed`);
  try {
    const r = await serveHooks({ state, run, idleMs, watched, log: io.stdout });
    if (r === 'running-elsewhere') io.stdout('rotation-guard hook-server: another server answers for this state file\n');
    return 0;
  } catch (err) {
    markStartFailed(state);
    throw err;
  }
}
