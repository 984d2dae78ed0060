import { dirname } from 'node:path';
import type { Policy } from '../../core/policy';
import { createStoreRegistry, trustToConfirm, type RotateTarget, type SecretStore } from '../../core/rotation';

/** The policy text the service's unit tests confirm (their policies are objects; the text only feeds the trust hash). */
export const POLICY_TEXT = 'policy text';

/**
 * A `rotate()` target for the rotation service's unit tests: secret `s` of `policy`, each store
 * type of `stores` answered by the instance given (in-memory stores with failure switches), the
 * policy confirmed, a fixed fingerprint key; `extra` overrides any field (mode, now, trust…).
 */
export function memoryTarget(policy: Policy, policyPath: string, stores: Record<string, SecretStore>, extra: Partial<RotateTarget> = {}): RotateTarget {
  const factories = Object.fromEntries(Object.entries(stores).map(([type, store]) => [type, () => store]));
  return {
    mode: 'rotate',
    policy,
    policyPath,
    policyText: POLICY_TEXT,
    secretId: 's',
    stores: createStoreRegistry({ baseDir: dirname(policyPath) }, factories),
    trust: { workspaceTrusted: true, confirmation: trustToConfirm(policy, policyPath, POLICY_TEXT) },
    fingerprintKey: Buffer.alloc(32, 7),
    ...extra,
  };
}
