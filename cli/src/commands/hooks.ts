import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ASSISTANTS, detectAssistants, installHooks, isAssistant, uninstallHooks, type Scope } from '../../../core/filter';
import { buildHookSnapshot, type SnapshotBuild } from '../hook/snapshot-build';
import { hookSnapshotPath, unusableBlobPath } from '../hook/snapshot-paths';
import { UsageError, type CliIO } from '../io';

const USAGE = `usage: rotation-guard hooks install|uninstall --assistant <${ASSISTANTS.join('|')}|detected> [--project | --global] [--command CMD]\n       rotation-guard hooks detect\n       rotation-guard hooks snapshot [--blob PATH]`;

/**
 * `rotation-guard hooks install|uninstall|detect`: writes (or removes) our entries in an
 * assistant's hook config, keeping every other hook; `detect` lists the assistants whose config
 * folders exist here or in the home folder.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = args;
  const home = io.env.HOME || homedir();
  if (verb === 'detect') {
    const found = detectAssistants(io.cwd, home);
    io.stdout(found.length ? `${found.join('\n')}\n` : '');
    return 0;
  }
  if (verb === 'snapshot') return snapshot(rest, io);
  if (verb !== 'install' && verb !== 'uninstall') throw new UsageError(USAGE);
  let assistant: string | undefined;
  let scope: Scope = 'project';
  let command: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--assistant' && rest[i + 1]) assistant = rest[++i]!;
    else if (a.startsWith('--assistant=')) assistant = a.slice('--assistant='.length);
    else if (a === '--project') scope = 'project';
    else if (a === '--global') scope = 'global';
    else if (a === '--command' && rest[i + 1]) command = rest[++i]!;
    else throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
  }
  if (!assistant) throw new UsageError(`--assistant is required\n${USAGE}`);
  const names = assistant === 'detected' ? detectAssistants(io.cwd, home) : [assistant];
  for (const n of names) if (!isAssistant(n)) throw new UsageError(`unknown assistant '${n}'\n${USAGE}`);
  const cmd = command ?? (verb === 'install' && names.length ? defaultCommand(io, scope === 'project' ? [io.cwd] : []) : '');
  for (const n of names) {
    if (!isAssistant(n)) continue;
    const r = verb === 'install' ? installHooks(n, scope, io.cwd, cmd, home) : uninstallHooks(n, scope, io.cwd, home);
    io.stdout(`${n}: ${r.changed ? (verb === 'install' ? 'installed in' : 'removed from') : 'unchanged'} ${r.path}\n`);
  }
  if (!names.length) io.stderr('rotation-guard hooks: no assistant found here or in your home folder; name one with --assistant\n');
  return 0;
}

/**
 * This CLI's own bundle, started by this Node: the hook then runs the same code as this command.
 * Where a shell runs the hook (not Windows), through dist/hook-launch.sh, which starts it from a
 * V8 startup snapshot built here, now, in this user's cache (cli/src/hook/): the hook then starts
 * with its engine ready instead of loading and building it on every prompt and tool call.
 */
function defaultCommand(io: CliIO, workFolders: string[]): string {
  const cli = join(__dirname, 'cli.js');
  if (!existsSync(cli)) return 'rotation-guard';
  const plain = `"${process.execPath}" "${cli}"`;
  const launcher = join(__dirname, 'hook-launch.sh');
  if (process.platform === 'win32' || !existsSync(launcher)) return plain;
  const blob = hookSnapshotPath(io.env, process.execPath, __dirname);
  const why = blob ? unusableBlobPath(blob, workFolders) : 'there is no cache folder (HOME or XDG_CACHE_HOME)';
  if (!blob || why) {
    io.stderr(`rotation-guard hooks: hooks will start without a snapshot: ${why}\n`);
    return plain;
  }
  report(io, buildHookSnapshot(blob, __dirname, workFolders, io.env));
  // bash can also ask the resident hook server (launch.sh); sh starts the hook as a process.
  const shell = ['/bin/bash', '/usr/bin/bash'].find((b) => existsSync(b)) ?? '/bin/sh';
  return `"${shell}" "${launcher}" "${process.execPath}" "${blob}"`;
}

/**
 * `hooks snapshot [--blob PATH]`: (re)builds the hook's startup snapshot. A hook that found its
 * blob missing or outdated runs this in the background, after checking the path is outside its
 * project (hook-commands.ts).
 */
function snapshot(args: string[], io: CliIO): number {
  let blob = hookSnapshotPath(io.env, process.execPath, __dirname);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--blob' && args[i + 1]) blob = args[++i]!;
    else throw new UsageError(`unknown argument '${args[i]}'\n${USAGE}`);
  }
  if (!blob) throw new UsageError('no cache folder (set HOME or XDG_CACHE_HOME), or name one with --blob PATH');
  const r = buildHookSnapshot(blob, __dirname, [], io.env);
  report(io, r);
  return r.outcome === 'built' || r.outcome === 'current' ? 0 : 1;
}

function report(io: CliIO, r: SnapshotBuild): void {
  if (r.outcome === 'built' || r.outcome === 'current') io.stdout(`hook snapshot: ${r.outcome === 'built' ? 'built' : 'up to date'} ${r.blob}\n`);
  else io.stderr(`rotation-guard hooks: hooks will start without a snapshot until one can be built (${r.reason})\n`);
}
