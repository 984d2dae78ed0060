import { displayPath, loadPolicy, type Policy, type SetPolicy } from '../../../core/policy';
import { UsageError } from '../io';
import { policyPathOption } from '../policy-options';

/**
 * The policy for commands that act unattended (`enforce`, `report-anomaly`): refused when it has
 * any error, each named at its line and column, since acting on half a policy could rotate the
 * wrong thing or skip what is due. `stale/*` problems (overdue, compromised) are what enforce is
 * for, and untrusted ledger entries are enforce's own check (core loadPolicy, strict).
 */
export function loadStrictPolicy(cwd: string, option: string | undefined, now: Date): { path: string; policy: Policy; loaded: SetPolicy } {
  const path = policyPathOption(cwd, option);
  const loaded = loadPolicy(path, { now, strict: true });
  const file = displayPath(path, cwd);
  if (loaded.error?.unreadable !== undefined) throw new UsageError(`cannot read ${file}: ${loaded.error.unreadable}`);
  if (!loaded.policy || loaded.error) {
    const errors = loaded.error?.problems ?? [];
    const lines = errors.slice(0, 10).map((p) => `  ${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.code}: ${p.message}`);
    const more = errors.length > 10 ? `\n  … and ${errors.length - 10} more (rotation-guard check)` : '';
    throw new UsageError(`refusing to act on a policy with errors; nothing was changed:\n${lines.join('\n')}${more}`);
  }
  return { path, policy: loaded.policy, loaded };
}
