import type { SetPolicy } from '../../core/policy';
import { loadFingerprintKey } from '../../core/values';
import type { KnownSecrets } from '../../core/detect';
import { knownValuesFromLedger } from '../../core/ledger';

/**
 * Known values from the ledgers of the workspace's policies (an unreadable ledger reads as empty;
 * the policy's own diagnostics name it). Every store write, SecretStorage's too, is recorded there
 * with the value's keyed fingerprint, so nothing else is needed: no client sends fingerprints.
 */
export function loadKnownSecrets(policies: readonly Pick<SetPolicy, 'ledgerEntries'>[], env: NodeJS.ProcessEnv = process.env): KnownSecrets | undefined {
  const current = new Map<string, { secretId: string }>();
  const retired = new Map<string, { secretId: string }>();
  for (const p of policies) knownValuesFromLedger(p.ledgerEntries, { current, retired });
  if (current.size === 0 && retired.size === 0) return undefined;
  return { key: loadFingerprintKey(env), current, retired };
}
