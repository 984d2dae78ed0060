import { findPolicyFilesIn, ledgerForAnalysis } from '../../core/policy';
import { loadFingerprintKey } from '../../core/values';
import type { KnownSecrets } from '../../core/detect';
import { knownValuesFromLedger } from '../../core/ledger';

/** Known values from the ledgers of every policy in the workspace, plus what the client read from its stores. */
export async function loadKnownSecrets(folders: string[], extra?: { current: Array<{ fingerprint: string; secretId: string }>; retired: Array<{ fingerprint: string; secretId: string }> }, env: NodeJS.ProcessEnv = process.env): Promise<KnownSecrets | undefined> {
  const current = new Map<string, { secretId: string }>();
  const retired = new Map<string, { secretId: string }>();
  for (const folder of folders) {
    for (const p of findPolicyFilesIn(folder).files) {
      // One unreadable ledger (a device, over the limit) leaves the others' values known; the policy's own diagnostics name it.
      const ledger = ledgerForAnalysis(p);
      if (!ledger.unreadable) knownValuesFromLedger(ledger.entries, { current, retired });
    }
  }
  for (const c of extra?.current ?? []) current.set(c.fingerprint, { secretId: c.secretId });
  for (const r of extra?.retired ?? []) if (!current.has(r.fingerprint)) retired.set(r.fingerprint, { secretId: r.secretId });
  if (current.size === 0 && retired.size === 0) return undefined;
  return { key: loadFingerprintKey(env), current, retired };
}
