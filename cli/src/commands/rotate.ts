import { loadFingerprintKey } from '../../../core/fingerprint-key';
import { confirmPolicy, confirmedHashFor, createPolicyStoreRegistry, policyContentHash, rotateAfterPending, rotateSecret, type RotateOptions } from '../../../core/rotation';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../rotation/args';
import { loadPolicyForCli } from '../rotation/load';

const USAGE = 'rotate ID [--dry-run] [--resume | --rollback] [--wait] [--policy FILE] [--trust] [--value-stdin] [--json]';

/**
 * `rotation-guard rotate ID`: one verified, staged, recorded rotation. Providers that run
 * commands, call URLs or log in somewhere (command, http, postgres) need the policy confirmed
 * first: `--trust` records the sha256 of the policy as you reviewed it, and any later edit to
 * the policy revokes that until you confirm again.
 *
 * Without --resume/--rollback it first finishes what is pending (finishPendingRotation): an
 * interrupted rotation is resumed or rolled back, an expired grace period's revocation is done;
 * while a grace period still runs it exits 2 with the time the next rotation can start (or waits
 * for it with --wait).
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['dry-run', 'resume', 'rollback', 'trust', 'value-stdin', 'json', 'wait'], options: ['policy'] });
  const [secretId, ...extra] = a.positional;
  if (!secretId || extra.length) throw new UsageError(`usage: ${USAGE}`);
  if (a.flags.has('resume') && a.flags.has('rollback')) throw new UsageError('--resume and --rollback exclude each other');
  const { path, policy, text } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const hash = policyContentHash(text);
  if (a.flags.has('trust') && !a.flags.has('dry-run')) confirmPolicy(path, hash, io.env);
  const confirmed = a.flags.has('trust') ? hash : confirmedHashFor(path, io.env);
  let stdinUsed = false;
  const options: RotateOptions = {
    policy,
    policyPath: path,
    policyText: text,
    secretId,
    stores: createPolicyStoreRegistry(policy, path, io.env),
    // The CLI is an explicit user action, so the workspace counts as trusted; the policy content
    // still has to be confirmed (the part a cloned repository controls).
    trust: { workspaceTrusted: true, confirmedPolicyHash: confirmed },
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
