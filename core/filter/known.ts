import type { KnownSecrets } from '../detect/index';
import { loadFingerprintKey } from '../values/fingerprint-key';
import { knownValuesFromLedger } from '../ledger/known-values';
import { ledgerPathFor } from '../ledger/read';
import { trustedPolicyLedger } from '../ledger/trusted';
import { findPolicyFile } from '../policy/parse/find-policy-file';

export interface KnownNear {
  known: KnownSecrets;
  policyPath: string;
  ledgerPath: string;
}

/**
 * The current and retired values of the policy nearest to `dir`, as keyed fingerprints from its
 * ledger, so the filters can tell "a key" from "this policy's live key" without holding values.
 * Undefined when there is no policy or its ledger names no value.
 */
export function knownSecretsNear(dir: string, env: NodeJS.ProcessEnv): KnownNear | undefined {
  const policyPath = findPolicyFile(dir);
  if (!policyPath) return undefined;
  const ledgerPath = ledgerPathFor(policyPath);
  const known = knownValuesFromLedger(trustedPolicyLedger(policyPath).entries);
  if (!known.current.size && !known.retired.size) return undefined;
  return { known: { key: loadFingerprintKey(env), ...known }, policyPath, ledgerPath };
}
