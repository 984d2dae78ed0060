import { loadPolicy, type Policy } from '../../../core/policy';
import { policyPathOption } from '../policy-options';
import { UsageError } from '../io';

export interface CliPolicy {
  path: string;
  policy: Policy;
  text: string;
}

/** `--policy FILE`, else the nearest policy file from the working directory up (core loadPolicy, as the editor loads it). */
export function loadPolicyForCli(cwd: string, policyOption: string | undefined): CliPolicy {
  const path = policyPathOption(cwd, policyOption);
  const loaded = loadPolicy(path);
  if (loaded.error?.unreadable !== undefined) throw new UsageError(`cannot read ${path}: ${loaded.error.unreadable}`);
  if (!loaded.policy) {
    const first = (loaded.error?.problems ?? []).slice(0, 5).map((p) => `  ${p.message}`).join('\n');
    throw new UsageError(`${path} is not a valid policy; run \`rotation-guard check\`:\n${first}`);
  }
  return { path, policy: loaded.policy, text: loaded.text };
}
