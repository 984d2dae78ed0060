import { loadFingerprintKey } from '../../../core/values';
import { confirmPolicy, createPolicyStoreRegistry, describeTrust, rotate, trustFor, trustToConfirm, type NextAction, type RotationHost, type RotationTrust } from '../../../core/rotation';
import type { Policy } from '../../../core/policy';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { loadPolicyForCli } from '../rotation/load';
import { inCliWords } from '../rotation/next-words';

const USAGE = 'rotate ID [--dry-run] [--resume | --rollback] [--wait] [--policy FILE] [--trust [--yes]] [--value-stdin] [--json]';

/**
 * `rotation-guard rotate ID`: one verified, staged, recorded rotation. Providers that run
 * commands, call URLs or log in somewhere (command, http, postgres) need the policy confirmed
 * first: `--trust` prints what it confirms (commands, the files they execute with their sha256,
 * hosts), asks on the terminal (or takes `--yes`), and records it; any later edit to the policy
 * or to one of those files revokes the confirmation until you confirm again.
 *
 * Without --resume/--rollback it first finishes what is pending (the rotation service): an
 * interrupted rotation is resumed or rolled back, an expired grace period's revocation is done;
 * while a grace period still runs it exits 2 with the time the next rotation can start (or waits
 * for it with --wait).
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['dry-run', 'resume', 'rollback', 'trust', 'yes', 'value-stdin', 'json', 'wait'], options: ['policy'] });
  const [secretId, ...extra] = a.positional;
  if (!secretId || extra.length) throw new UsageError(`usage: ${USAGE}`);
  if (a.flags.has('resume') && a.flags.has('rollback')) throw new UsageError('--resume and --rollback exclude each other');
  if (a.flags.has('yes') && !a.flags.has('trust')) throw new UsageError('--yes only answers the question --trust asks');
  const { path, policy, text } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const mode = a.flags.has('dry-run') ? 'dry-run' : a.flags.has('resume') ? 'resume' : a.flags.has('rollback') ? 'rollback' : 'rotate';
  const json = a.flags.has('json');
  let stdinUsed = false;
  const host: RotationHost = {
    event: (e) => !json && e.kind === 'log' && io.stderr(`  ${e.message}\n`),
    confirmTrust: a.flags.has('trust') ? (q) => askOnTerminal(io, q.policyPath, q.lines, { yes: a.flags.has('yes'), dryRun: mode === 'dry-run' }) : undefined,
    prompt: a.flags.has('value-stdin')
      ? async () => {
          if (stdinUsed) throw new Error('the value on stdin was already used');
          stdinUsed = true;
          return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
        }
      : undefined,
  };
  // The CLI is an explicit user action, so the workspace counts as trusted; the policy content
  // still has to be confirmed (the part a cloned repository controls).
  const target = { policy, policyPath: path, policyText: text, secretId, mode, wait: a.flags.has('wait'), reconfirm: a.flags.has('trust'), stores: createPolicyStoreRegistry(policy, path, io.env), trust: trustFor(path, true, io.env), env: io.env, fingerprintKey: loadFingerprintKey(io.env) } as const;
  const out = await rotate(target, host).catch((err: Error & { next?: NextAction }) => {
    throw err.next ? new Error(`${err.message}${inCliWords(err.next, secretId)}`) : err;
  });
  if (out.code === 'not-confirmed') return 2;
  if (out.code === 'busy' || out.code === 'grace-running') throw new Error(`${out.message}${inCliWords(out.next, secretId)}`);
  const result = out.result!;
  if (json) io.stdout(JSON.stringify(result, null, 2) + '\n');
  else if (result.plan) io.stdout(`${result.message}; the rotation of ${secretId} would:\n${result.plan.map((l, i) => `  ${i + 1}. ${l}`).join('\n')}\n`);
  else io.stdout(`${secretId}: ${result.status} — ${result.message}${inCliWords(result.next, secretId)}\n`);
  return result.status === 'failed' || result.status === 'rolled-back' ? 1 : 0;
}

/**
 * `--trust`: prints exactly what the confirmation covers, then asks on the terminal (y/N). Without
 * a terminal only `--yes` confirms: a scheduled job must never confirm what nobody read. With
 * --dry-run it shows the list and records nothing. Undefined: not confirmed (the caller exits 2).
 */
export async function confirmInteractively(io: CliIO, path: string, policy: Policy, text: string, o: { yes: boolean; dryRun: boolean }): Promise<RotationTrust | undefined> {
  const record = trustToConfirm(policy, path, text, io.env);
  if (!(await askOnTerminal(io, path, describeTrust(record, path), o))) return undefined;
  if (!o.dryRun) confirmPolicy(path, record, io.env);
  return { workspaceTrusted: true, confirmation: record };
}

/** Prints what a confirmation covers and asks (y/N); `--yes` answers, no terminal refuses. */
async function askOnTerminal(io: CliIO, path: string, lines: string[], o: { yes: boolean; dryRun: boolean }): Promise<boolean> {
  io.stderr(`--trust confirms ${path} as it is now:\n${lines.map((l) => `  ${l}\n`).join('')}`);
  if (o.dryRun) {
    io.stderr('(dry run: nothing recorded)\n');
    return true;
  }
  if (!o.yes) {
    if (!io.ask) {
      io.stderr('refusing to confirm: there is no terminal to ask you (stdin or stderr is not a TTY). Read the list above, then run again with --trust --yes to confirm it.\n');
      return false;
    }
    const answer = (await io.ask('Run these commands and contact these hosts for this policy from now on? [y/N] ')).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      io.stderr('not confirmed; nothing was recorded or run\n');
      return false;
    }
  }
  io.stderr(`confirmed (recorded in the user config folder); a change to the policy or to any file above revokes it\n`);
  return true;
}
