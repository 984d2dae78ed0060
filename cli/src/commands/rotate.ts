import { loadFingerprintKey } from '../../../core/fingerprint-key';
import { confirmPolicy, createPolicyStoreRegistry, describeTrust, rotateAfterPending, rotateSecret, trustFor, trustToConfirm, type RotateOptions, type RotationTrust } from '../../../core/rotation';
import type { Policy } from '../../../core/policy/schema';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { loadPolicyForCli } from '../rotation/load';

const USAGE = 'rotate ID [--dry-run] [--resume | --rollback] [--wait] [--policy FILE] [--trust [--yes]] [--value-stdin] [--json]';

/**
 * `rotation-guard rotate ID`: one verified, staged, recorded rotation. Providers that run
 * commands, call URLs or log in somewhere (command, http, postgres) need the policy confirmed
 * first: `--trust` prints what it confirms (commands, the files they execute with their sha256,
 * hosts), asks on the terminal (or takes `--yes`), and records it; any later edit to the policy
 * or to one of those files revokes the confirmation until you confirm again.
 *
 * Without --resume/--rollback it first finishes what is pending (finishPendingRotation): an
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
  const trust = a.flags.has('trust') ? await confirmInteractively(io, path, policy, text, { yes: a.flags.has('yes'), dryRun: a.flags.has('dry-run') }) : trustFor(path, true, io.env);
  if (!trust) return 2;
  let stdinUsed = false;
  const options: RotateOptions = {
    policy,
    policyPath: path,
    policyText: text,
    secretId,
    stores: createPolicyStoreRegistry(policy, path, io.env),
    // The CLI is an explicit user action, so the workspace counts as trusted; the policy content
    // still has to be confirmed (the part a cloned repository controls).
    trust,
    dryRun: a.flags.has('dry-run'),
    resume: a.flags.has('resume'),
    rollback: a.flags.has('rollback'),
    env: io.env,
    fingerprintKey: loadFingerprintKey(io.env),
    log: a.flags.has('json') ? undefined : (line) => io.stderr(`  ${line}\n`),
    prompt: a.flags.has('value-stdin')
      ? async () => {
          if (stdinUsed) throw new Error('the value on stdin was already used');
          stdinUsed = true;
          return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
        }
      : undefined,
  };
  const explicit = options.dryRun || options.resume || options.rollback;
  const result = explicit ? await rotateSecret(options) : await rotateAfterPending({ ...options, waitForGrace: a.flags.has('wait') });
  if (a.flags.has('json')) {
    io.stdout(JSON.stringify(result, null, 2) + '\n');
  } else {
    if (result.plan) io.stdout(`${result.message}; the rotation of ${secretId} would:\n${result.plan.map((l, i) => `  ${i + 1}. ${l}`).join('\n')}\n`);
    else io.stdout(`${secretId}: ${result.status} — ${result.message}\n`);
  }
  return result.status === 'failed' || result.status === 'rolled-back' ? 1 : 0;
}

/**
 * `--trust`: prints exactly what the confirmation covers, then asks on the terminal (y/N). Without
 * a terminal only `--yes` confirms: a scheduled job must never confirm what nobody read. With
 * --dry-run it shows the list and records nothing. Undefined: not confirmed (the caller exits 2).
 */
export async function confirmInteractively(io: CliIO, path: string, policy: Policy, text: string, o: { yes: boolean; dryRun: boolean }): Promise<RotationTrust | undefined> {
  const record = trustToConfirm(policy, path, text, io.env);
  io.stderr(`--trust confirms ${path} as it is now:\n${describeTrust(record, path).map((l) => `  ${l}\n`).join('')}`);
  if (o.dryRun) {
    io.stderr('(dry run: nothing recorded)\n');
    return { workspaceTrusted: true, confirmation: record };
  }
  if (!o.yes) {
    if (!io.ask) {
      io.stderr('refusing to confirm: there is no terminal to ask you (stdin or stderr is not a TTY). Read the list above, then run again with --trust --yes to confirm it.\n');
      return undefined;
    }
    const answer = (await io.ask('Run these commands and contact these hosts for this policy from now on? [y/N] ')).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      io.stderr('not confirmed; nothing was recorded or run\n');
      return undefined;
    }
  }
  confirmPolicy(path, record, io.env);
  io.stderr(`confirmed (recorded in the user config folder); a change to the policy or to any file above revokes it\n`);
  return { workspaceTrusted: true, confirmation: record };
}
