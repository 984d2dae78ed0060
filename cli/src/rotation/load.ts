import { resolve } from 'node:path';
import { findPolicyFile, loadPolicyFile } from '../../../server/src/core/policy/files';
import type { Policy } from '../../../server/src/core/policy/schema';
import { UsageError } from '../io';

export interface CliPolicy {
  path: string;
  policy: Policy;
  text: string;
}

/** `--policy FILE`, else the nearest policy file from the working directory up. */
export function loadPolicyForCli(cwd: string, policyOption: string | undefined): CliPolicy {
  const path = policyOption ? resolve(cwd, policyOption) : findPolicyFile(cwd);
  if (!path) throw new UsageError('no rotation policy found (rotation-policy.yaml or *.rotation.yaml here or above); pass --policy FILE');
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
