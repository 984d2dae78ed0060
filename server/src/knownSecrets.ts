import fg from 'fast-glob';
import { POLICY_FILE_GLOB, POLICY_SEARCH_EXCLUDE } from '../../core/policy/policy-file-names';
import { loadFingerprintKey } from '../../core/fingerprint-key';
import type { KnownSecrets } from '../../core/detect/types';
import { ledgerPathFor, readLedger } from '../../core/ledger/read';
import type { LedgerEntry } from '../../core/ledger/types';


/**
 * Current and retired values, as keyed fingerprints, from finished rotations in the ledgers:
 * the new value of the latest finished rotation is current; every value it replaced is retired.
 */
export function knownFromEntries(entries: LedgerEntry[], current: Map<string, { secretId: string }>, retired: Map<string, { secretId: string }>): void {
  const latest = new Map<string, string>();
  for (const e of entries) {
    if (e.step === 'finish' && e.outcome === 'ok') {
      if (e.oldFingerprint) retired.set(e.oldFingerprint, { secretId: e.secretId });
      if (e.newFingerprint) latest.set(e.secretId, e.newFingerprint);
    }
    if (e.step === 'store' && e.outcome === 'ok' && e.newFingerprint && !latest.has(e.secretId)) latest.set(e.secretId, e.newFingerprint);
  }
  for (const [secretId, fp] of latest) {
    retired.delete(fp);
    current.set(fp, { secretId });
  }
}

export async function loadKnownSecrets(folders: string[], extra?: { current: Array<{ fingerprint: string; secretId: string }>; retired: Array<{ fingerprint: string; secretId: string }> }, env: NodeJS.ProcessEnv = process.env): Promise<KnownSecrets | undefined> {
  const current = new Map<string, { secretId: string }>();
  const retired = new Map<string, { secretId: string }>();
  for (const folder of folders) {
    const policies = await fg(POLICY_FILE_GLOB, { cwd: folder, absolute: true, ignore: [POLICY_SEARCH_EXCLUDE], suppressErrors: true });
    for (const p of policies) knownFromEntries(readLedger(ledgerPathFor(p)).entries, current, retired);
  }
  for (const c of extra?.current ?? []) current.set(c.fingerprint, { secretId: c.secretId });
  for (const r of extra?.retired ?? []) if (!current.has(r.fingerprint)) retired.set(r.fingerprint, { secretId: r.secretId });
  if (current.size === 0 && retired.size === 0) return undefined;
  return { key: loadFingerprintKey(env), current, retired };
}
