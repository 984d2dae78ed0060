import { displayPath, loadPolicyFile, type PolicyProblem } from '../../../core/policy';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { parseNowOption, policyPathOption } from '../policy-options';

const USAGE = 'usage: check [--policy FILE] [--now ISO-8601] [--format text|json]';

/**
 * Validates the policy (syntax, schema, standards and threat-model checks, workspace references)
 * and reports each secret's state from the ledger. Exit 1 on any error or an overdue or
 * compromised secret; 2 on usage or I/O errors (thrown, printed by main).
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { options: ['policy', 'now', 'format'] });
  if (a.positional.length) throw new UsageError(USAGE);
  const format = a.options.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json\n${USAGE}`);
  const now = parseNowOption(a.options.get('now'));
  const path = policyPathOption(io.cwd, a.options.get('policy'));
  let loaded;
  try {
    loaded = loadPolicyFile(path, { now, listFiles: true, env: io.env });
  } catch (err) {
    // An errno names the policy's own trouble; anything else (a device, a silent pipe, the
    // ledger beside it) says in its message which file it is about.
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code ? `cannot read ${displayPath(path, io.cwd)}: ${code}` : (err as Error).message);
  }

  const file = displayPath(path, io.cwd);
  const { problems, secrets } = loaded.analysis;
  const failing = problems.some((p) => p.severity === 'error') || secrets.some((s) => s.state === 'overdue' || s.state === 'compromised');

  if (format === 'json') {
    const out = {
      policy: file,
      secrets: secrets.map((s) => ({ id: s.id, state: s.state, lastRotated: s.lastRotated, dueAt: s.dueAt, maxAgeDays: s.maxAgeDays })),
      problems: problems.map((p) => ({ file, line: p.range.start.line + 1, column: p.range.start.character + 1, code: p.code, severity: p.severity, message: p.message })),
    };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else io.stdout(textReport(file, problems, secrets, now));
  return failing ? 1 : 0;
}

function textReport(file: string, problems: PolicyProblem[], secrets: Array<{ id: string; state: string; lastRotated: string | null; dueAt: string | null; ageDays: number | null }>, now: Date): string {
  const lines: string[] = [];
  for (const p of problems) lines.push(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity} ${p.code}: ${p.message}`);
  if (problems.length) lines.push('');
  const width = Math.max(8, ...secrets.map((s) => s.id.length));
  for (const s of secrets) {
    const rotated = s.lastRotated ? `rotated ${s.lastRotated.slice(0, 10)} (${Math.floor(s.ageDays ?? 0)} d ago)` : 'never rotated';
    let due = '';
    if (s.dueAt) {
      const ms = Date.parse(s.dueAt) - now.getTime();
      const days = Math.floor(Math.abs(ms) / 86_400_000);
      due = ms < 0 ? ` · due ${s.dueAt.slice(0, 10)} (${days} d ago)` : ` · due ${s.dueAt.slice(0, 10)} (in ${days} d)`;
    }
    lines.push(`${s.id.padEnd(width)}  ${s.state.padEnd(13)}  ${rotated}${due}`);
  }
  const count = (sev: string) => problems.filter((p) => p.severity === sev).length;
  const states = new Map<string, number>();
  for (const s of secrets) states.set(s.state, (states.get(s.state) ?? 0) + 1);
  const stateSummary = [...states].map(([k, v]) => `${v} ${k}`).join(', ');
  lines.push('', `${file}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info · ${secrets.length} secret(s)${stateSummary ? `: ${stateSummary}` : ''}`);
  return `${lines.join('\n')}\n`;
}
