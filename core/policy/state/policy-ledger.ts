import { ledgerPathFor, readLedger } from '../../ledger/read';
import type { LedgerEntry } from '../../ledger/types';

// Kept apart from files.ts (which loads the whole policy model): the server's scan worker reads
// ledgers for known values without parsing zod and YAML.
/**
 * The ledger beside a policy for an analysis that must not fail (the editor): what `readLedger`
 * reads, or nothing and the reason (a device, a silent pipe, over the limit, unreadable) to show
 * at the policy. A command that acts on the ledger reads it with `readLedger` and stops instead.
 */
export function ledgerForAnalysis(policyPath: string): { entries: LedgerEntry[]; malformedLines: number[]; unreadable?: string } {
  try {
    return readLedger(ledgerPathFor(policyPath));
  } catch (err) {
    return { entries: [], malformedLines: [], unreadable: (err as Error).message };
  }
}
