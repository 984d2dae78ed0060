import type { SetPolicy } from '../../core/policy';
import { loadFingerprintKey } from '../../core/values';
import type { KnownSecrets } from '../../core/detect';
import { knownValuesFromLedger } from '../../core/ledger';

/** Known values from the ledgers of the workspace's policies (an unreadable ledger reads as empty; the policy's own diagnostics name it), plus what the client read from its stores. */
export function loadKnownSecrets(policies: readonly Pick<SetPolicy, 'ledgerEntries'>[], extra?: { current: Array<{ fingerprint: string; secretId: string }>; retired: Array<{ fingerprint: string; secretId: string }> }, env: NodeJS.ProcessEnv = process.env): KnownSecrets | undefined {
  const current = new Map<string, { secretId: string }>();
  const retired = new Map<string, { secretId: string }>();
  for (const p of policies) knownValuesFromLedger(p.ledgerEntries, { current, retired });
  for (const c of extra?.current ?? []) current.set(c.fingerprint, { secretId: c.secretId });
  for (const r of extra?.retired ?? []) if (!current.has(r.fingerprint)) retired.set(r.fingerprint, { secretId: r.secretId });
  if (current.size === 0 && retired.size === 0) return undefined;
  return { key: loadFingerprintKey(env), current, retired };
}
