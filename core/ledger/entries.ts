import type { LedgerEntryInput } from './append';
import type { LedgerEntry } from './types';

/**
 * The two ledger entries written outside a rotation, built in one place so every writer (Store
 * Secret, move to store, Mark Compromised, enforce's exposures, report-anomaly) records the same
 * fields: a value became CURRENT (`store`, its fingerprint as `newFingerprint`), or the current
 * value may be known to someone else (`mark-compromised`, its fingerprint as `oldFingerprint`).
 * Never a value.
 */
export function storeEntry(o: { secretId: string; fingerprint: string; detail: string; at?: Date; who?: string }): LedgerEntryInput {
  return { secretId: o.secretId, step: 'store', outcome: 'ok', newFingerprint: o.fingerprint, detail: o.detail, ...stamp(o) };
}

export function compromiseEntry(o: { secretId: string; fingerprint?: string; detail: string; event?: LedgerEntry['event']; at?: Date; who?: string }): LedgerEntryInput {
  return { secretId: o.secretId, step: 'mark-compromised', outcome: 'ok', ...(o.event ? { event: o.event } : {}), ...(o.fingerprint ? { oldFingerprint: o.fingerprint } : {}), detail: o.detail, ...stamp(o) };
}

function stamp(o: { at?: Date; who?: string }): Pick<LedgerEntryInput, 'at' | 'who'> {
  return { ...(o.at ? { at: o.at.toISOString() } : {}), ...(o.who !== undefined ? { who: o.who } : {}) };
}
