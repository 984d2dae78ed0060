import { displayPath, loadPolicyFile, type Policy } from '../../../core/policy';
import { UsageError } from '../io';
import { policyPathOption } from '../policy-options';

/**
 * The policy for commands that act unattended (`enforce`, `report-anomaly`): refused when it has
 * any error, each named at its line and column, since acting on half a policy could rotate the
 * wrong thing or skip what is due.
 */
export function loadStrictPolicy(cwd: string, option: string | undefined, now: Date): { path: string; policy: Policy; text: string } {
  const path = policyPathOption(cwd, option);
  let loaded;
  try {
    loaded = loadPolicyFile(path, { now, listFiles: false });
  } catch (err) {
    throw new UsageError(`cannot read ${displayPath(path, cwd)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const file = displayPath(path, cwd);
  // `stale/*` problems (overdue, compromised) are what enforce is for, not errors in the file;
  // untrusted ledger entries are enforce's own check (it refuses and names them, exit 1).
  const errors = loaded.problems.filter((p) => p.severity === 'error' && !p.code.startsWith('stale/') && p.code !== 'policy/ledger-untrusted');
  if (!loaded.policy || errors.length) {
    const lines = errors.slice(0, 10).map((p) => `  ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.code}: ${p.message}`);
    const more = errors.length > 10 ? `\n  … and ${errors.length - 10} more (rotation-guard check)` : '';
    throw new UsageError(`refusing to act on a policy with errors; nothing was changed:\n${lines.join('\n')}${more}`);
  }
  return { path, policy: loaded.policy, text: loaded.text };
}
