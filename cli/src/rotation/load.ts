import { loadPolicyFile, type Policy } from '../../../core/policy';
import { policyPathOption } from '../policy-options';
import { UsageError } from '../io';

export interface CliPolicy {
  path: string;
  policy: Policy;
  text: string;
}

/** `--policy FILE`, else the nearest policy file from the working directory up. */
export function loadPolicyForCli(cwd: string, policyOption: string | undefined): CliPolicy {
  const path = policyPathOption(cwd, policyOption);
  let loaded;
  try {
    loaded = loadPolicyFile(path, { listFiles: false });
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!loaded.policy) {
    const first = loaded.problems.filter((p) => p.severity === 'error').slice(0, 5).map((p) => `  ${p.message}`).join('\n');
    throw new UsageError(`${path} is not a valid policy; run \`rotation-guard check\`:\n${first}`);
  }
  return { path, policy: loaded.policy, text: loaded.text };
}
