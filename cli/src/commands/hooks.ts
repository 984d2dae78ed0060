import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ASSISTANTS, detectAssistants, installHooks, isAssistant, uninstallHooks, type Scope } from '../../../core/filter';
import { UsageError, type CliIO } from '../io';

const USAGE = `usage: rotation-guard hooks install|uninstall --assistant <${ASSISTANTS.join('|')}|detected> [--project | --global] [--command CMD]\n       rotation-guard hooks detect`;

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
  const cmd = command ?? defaultCommand();
  for (const n of names) {
    if (!isAssistant(n)) continue;
    const r = verb === 'install' ? installHooks(n, scope, io.cwd, cmd, home) : uninstallHooks(n, scope, io.cwd, home);
    io.stdout(`${n}: ${r.changed ? (verb === 'install' ? 'installed in' : 'removed from') : 'unchanged'} ${r.path}\n`);
  }
  if (!names.length) io.stderr('rotation-guard hooks: no assistant found here or in your home folder; name one with --assistant\n');
  return 0;
}

/** This CLI's own bundle, started by this Node: the hook then runs the same code as this command. */
function defaultCommand(): string {
  const cli = join(__dirname, 'cli.js');
  return existsSync(cli) ? `"${process.execPath}" "${cli}"` : 'rotation-guard';
}
