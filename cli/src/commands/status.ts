import { describeRejected, trustedPolicyLedger } from '../../../core/ledger';
import { computeSecretStates } from '../../../core/policy';
import { pendingRotations } from '../../../core/rotation';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { loadPolicyForCli } from '../rotation/load';
import { parseNowOption } from '../policy-options';

/**
 * Each secret's state (same computation as `check`) plus rotations that are still open. Exit 1
 * while a secret is overdue or compromised or a rotation is open (interrupted, or waiting out its
 * grace period before the old value is revoked), as `check` does, so a pipeline can gate on it.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['json'], options: ['policy', 'now'] });
  if (a.positional.length) throw new UsageError('usage: status [--policy FILE] [--now ISO-8601] [--json]');
  const now = parseNowOption(a.options.get('now'));
  const { path, policy } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const ledger = trustedPolicyLedger(path, { writers: policy.ledger?.writers ?? null });
  if (ledger.rejected.length) io.stderr(`${describeRejected(ledger.rejected)}; run \`rotation-guard ledger verify\`\n`);
  const states = computeSecretStates(policy, ledger.entries, now);
  const open = pendingRotations(path, policy);
  if (a.flags.has('json')) {
    io.stdout(JSON.stringify({ policy: path, secrets: states, openRotations: open }, null, 2) + '\n');
  } else {
    for (const s of states) {
      const age = s.ageDays === null ? '' : ` age ${Math.floor(s.ageDays)}d`;
      const due = s.dueAt ? ` due ${s.dueAt.slice(0, 10)}` : '';
      io.stdout(`${s.id.padEnd(24)} ${s.state.padEnd(14)}${age}${due}\n`);
    }
    for (const r of open) io.stdout(`open rotation: ${r.secretId} (${r.lastStep} ${r.lastOutcome}${r.awaitingRevoke ? `, revoke due ${r.revokeDueAt ?? 'now'}` : ''}) — \`rotation-guard rotate ${r.secretId} --resume\`\n`);
  }
  return states.some((s) => s.state === 'overdue' || s.state === 'compromised') || open.length > 0 ? 1 : 0;
}
