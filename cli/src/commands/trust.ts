import { parseArgs } from '../args';
import { loadPolicyForCli } from '../rotation/load';
import { UsageError, type CliIO } from '../io';
import { confirmInteractively } from './rotate';

const USAGE = 'trust [--policy FILE] [--yes] [--dry-run]';

/**
 * `rotation-guard trust`: confirms a policy — every command, executed file (sha256) and host it
 * names, printed first — without rotating anything, so a scheduled `enforce` may run it later.
 * Asks on the terminal; without one only `--yes` confirms. `--dry-run` prints and records nothing.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['yes', 'dry-run'], options: ['policy'] });
  if (a.positional.length) throw new UsageError(`usage: ${USAGE}`);
  const { path, policy, text } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const trust = await confirmInteractively(io, path, policy, text, { yes: a.flags.has('yes'), dryRun: a.flags.has('dry-run') });
  return trust ? 0 : 2;
}
