import { appendLedgerEntry, ledgerPathFor } from '../../../core/ledger';
import { compromiseEntry } from '../../../core/ledger';
import { runEnforcement } from '../../../core/enforce';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { loadStrictPolicy } from '../enforce/load-policy';
import { cliEnforcementContext } from '../enforce/context';

const USAGE = 'usage: report-anomaly ID --reason TEXT [--policy FILE] [--format text|json]';

/**
 * `rotation-guard report-anomaly ID --reason TEXT`: for a monitor, a webhook handler or a
 * person. Records the anomaly in the ledger (the secret is compromised until a rotation
 * finishes), then runs that secret's `anomaly` trigger through `enforce`. Exit codes as enforce.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { options: ['policy', 'reason', 'format'] });
  const [secretId, ...extra] = a.positional;
  const reason = a.options.get('reason')?.trim();
  if (!secretId || extra.length || !reason) throw new UsageError(USAGE);
  if (reason.length > 500 || /[\r\n]/.test(reason)) throw new UsageError('--reason is one line of at most 500 characters');
  const format = a.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(USAGE);
  const { path, policy, loaded } = loadStrictPolicy(io.cwd, a.options.get('policy'), new Date());
  if (!policy.secrets.some((s) => s.id === secretId)) throw new UsageError(`no secret "${secretId}" in the policy (known: ${policy.secrets.map((s) => s.id).join(', ')})`);

  const entry = await appendLedgerEntry(ledgerPathFor(path), compromiseEntry({ secretId, event: 'anomaly', detail: reason }));
  const result = await runEnforcement({
    ...cliEnforcementContext(io, loaded, policy),
    now: () => new Date(),
    dryRun: false,
    only: [secretId],
    // The anomaly is the event; a history search would only delay the answer to it.
    gitHistory: false,
    log: format === 'text' ? (line) => io.stderr(`  ${line}\n`) : undefined,
  });
  const o = result.outcomes[0];
  if (format === 'json') io.stdout(`${JSON.stringify({ recorded: { seq: entry.seq, at: entry.at }, ...result }, null, 2)}\n`);
  else {
    io.stdout(`recorded anomaly for ${secretId} (ledger entry ${entry.seq})\n`);
    if (result.refused) io.stdout(`enforce refused to act: ${result.refused}\n`);
    else if (o) io.stdout(`${secretId}: ${o.status}${o.reason ? ` — ${o.reason}` : ''}${o.message && o.status !== 'compliant' ? `\n    ${o.message}` : ''}\n`);
  }
  return result.compliant ? 0 : 1;
}
