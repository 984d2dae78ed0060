import { loadFingerprintKey } from '../../../core/values';
import type { Policy, SetPolicy } from '../../../core/policy';
import { createPolicyStoreRegistry, trustFor } from '../../../core/rotation';
import type { CliIO } from '../io';

/**
 * What `enforce` and `report-anomaly` run the enforcement with. Unattended, as `rotate`: the CLI
 * is an explicit action (trusted workspace), and providers that run or contact something still
 * need the policy content confirmed by `rotate --trust`.
 */
export function cliEnforcementContext(io: CliIO, loaded: SetPolicy, policy: Policy) {
  const path = loaded.path;
  return {
    policy: loaded,
    stores: createPolicyStoreRegistry(policy, path, io.env),
    trust: trustFor(path, true, io.env),
    fingerprintKey: loadFingerprintKey(io.env),
    env: io.env,
  };
}
