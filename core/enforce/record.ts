import { appendLedgerEntry } from '../ledger/append';
import { compromiseEntry } from '../ledger/entries';
import type { SecretPlan } from './types';

/**
 * Records the exposure a plan asks to record (`plan.recordCompromise`) as a `mark-compromised`
 * ledger entry: the fingerprint of the exposed value and where it was seen, never the value.
 * `enforce` and the editor's triggers both write it here, so the ledger reads the same whoever saw it.
 */
export async function recordPlannedCompromise(ledgerPath: string, plan: SecretPlan, event: 'exposed-in-file' | 'exposed-in-git-history', at: Date): Promise<void> {
  if (!plan.recordCompromise) return;
  await appendLedgerEntry(ledgerPath, compromiseEntry({ secretId: plan.secretId, event, fingerprint: plan.recordCompromise.fingerprint, detail: plan.recordCompromise.reason, at }));
}
