import { appendLedgerEntry } from '../ledger/append';
import type { SecretPlan } from './types';

/**
 * Records the exposure a plan asks to record (`plan.recordCompromise`) as a `mark-compromised`
 * ledger entry: the fingerprint of the exposed value and where it was seen, never the value.
 * `enforce` and the editor's triggers both write it here, so the ledger reads the same whoever saw it.
 */
export async function recordPlannedCompromise(ledgerPath: string, plan: SecretPlan, event: 'exposed-in-file' | 'exposed-in-git-history', at: Date): Promise<void> {
  if (!plan.recordCompromise) return;
  await appendLedgerEntry(ledgerPath, { secretId: plan.secretId, step: 'mark-compromised', outcome: 'ok', event, oldFingerprint: plan.recordCompromise.fingerprint, detail: plan.recordCompromise.reason, at: at.toISOString() });
}
