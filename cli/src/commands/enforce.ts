import { runEnforcement, type EnforceResult, type SecretOutcome } from '../../../core/enforce';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { parseNowOption } from '../policy-options';
import { loadStrictPolicy } from '../enforce/load-policy';
import { cliEnforcementContext } from '../enforce/context';
import { inCliWords } from '../rotation/next-words';

const USAGE = 'usage: enforce [--policy FILE] [--dry-run] [--only ID,ID] [--format text|json] [--now ISO-8601] [--no-git-history]';

/**
 * `rotation-guard enforce`: the policy acting on its own, for a schedule or a pipeline. Exit 0
 * when everything is compliant after acting, 1 when something still needs a person or failed,
 * 2 on usage or I/O errors (and a policy with errors, which it refuses). `--dry-run` prints the
 * plan and changes nothing. Values never reach the output: fingerprints and places only.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['dry-run', 'no-git-history'], options: ['policy', 'only', 'format', 'now'] });
  if (a.positional.length) throw new UsageError(USAGE);
  const format = a.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json\n${USAGE}`);
  const fixedNow = a.options.has('now') ? parseNowOption(a.options.get('now')) : undefined;
  const now = () => fixedNow ?? new Date();
  const { path, policy, loaded } = loadStrictPolicy(io.cwd, a.options.get('policy'), now());
  const only = a.options.get('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((id) => !policy.secrets.some((s) => s.id === id)) ?? [];
  if (unknown.length) throw new UsageError(`--only: no secret ${unknown.map((u) => `"${u}"`).join(', ')} in the policy (known: ${policy.secrets.map((s) => s.id).join(', ')})`);

  const result = await runEnforcement({
    ...cliEnforcementContext(io, loaded, policy),
    now,
    dryRun: a.flags.has('dry-run'),
    only,
    gitHistory: !a.flags.has('no-git-history'),
    log: format === 'text' ? (line) => io.stderr(`  ${line}\n`) : undefined,
  });
  if (format === 'json') io.stdout(`${JSON.stringify({ policy: path, dryRun: a.flags.has('dry-run'), ...result }, null, 2)}\n`);
  else io.stdout(renderText(result, a.flags.has('dry-run')));
  return result.compliant ? 0 : 1;
}

const LABEL: Record<SecretOutcome['status'], string> = {
  compliant: 'ok',
  rotated: 'ROTATED',
  resumed: 'RESUMED',
  'awaiting-revoke': 'ROTATED (old value valid through its grace period)',
  failed: 'FAILED',
  'needs-person': 'NEEDS A PERSON',
  notify: 'NOTIFY',
  blocked: 'BLOCKED',
  planned: 'would act',
};

function renderText(r: EnforceResult, dryRun: boolean): string {
  const lines: string[] = [];
  if (r.refused) lines.push(`enforce refused to act: ${r.refused}`, '');
  for (const o of r.outcomes) {
    const head = o.status === 'planned' ? `${o.secretId}: would ${o.action}` : `${o.secretId}: ${LABEL[o.status]}`;
    lines.push(o.reason && o.status !== 'compliant' ? `${head} — ${o.reason}` : head);
    for (const e of o.events) {
      if (e.answered) lines.push(`    (${e.kind}: ${e.reason.replace(/^trigger \S+ /, '')} — answered: ${e.answered})`);
      else if (e.defaulted) lines.push(`    note: the policy has no trigger for ${e.kind}; notifying (add \`triggers: [{on: ${e.kind}, action: rotate-now}]\`)`);
    }
    if (o.message && o.status !== 'compliant') lines.push(`    ${o.message}${inCliWords(o.next, o.secretId)}`);
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  const bad = r.outcomes.filter((o) => !['compliant', 'rotated', 'resumed', 'awaiting-revoke'].includes(o.status));
  lines.push('', dryRun ? `dry run: nothing was changed; ${r.plan.secrets.filter((s) => s.action !== 'none').length} secret(s) would need action` : r.compliant ? 'enforce: compliant' : `enforce: ${bad.length} secret(s) still need a person or failed`);
  return `${lines.join('\n')}\n`;
}

