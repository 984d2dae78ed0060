import { appendFileSync, readFileSync } from 'node:fs';
import { appendLedgerEntry, entryHash, GENESIS, type LedgerEntry, type LedgerEntryInput } from '../../core/ledger';

/**
 * Entries as rotation-guard writes them: chained, signed with this user's key, under the lock.
 * Tests that need a history (an open rotation, a compromise, a past finish) write it this way, never by hand.
 */
export async function appendSigned(ledgerPath: string, ...entries: LedgerEntryInput[]): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for (const e of entries) out.push(await appendLedgerEntry(ledgerPath, e));
  return out;
}

/**
 * A line a hostile repository appends by hand: the right seq, prev and hash (so the chain looks
 * intact) but no writer's signature. Trusted state must not move because of it.
 */
export function appendByHand(ledgerPath: string, fields: Partial<LedgerEntry> & Pick<LedgerEntry, 'secretId' | 'step' | 'outcome'>): LedgerEntry {
  const lines = readFileSync(ledgerPath, 'utf8').trim().split('\n').filter(Boolean);
  const last = lines.length ? (JSON.parse(lines[lines.length - 1]!) as LedgerEntry) : undefined;
  const base = { v: 1 as const, seq: (last?.seq ?? 0) + 1, at: new Date().toISOString(), who: 'someone', prev: last?.hash ?? GENESIS, ...fields };
  const entry = { ...base, hash: entryHash(base as LedgerEntry) } as LedgerEntry;
  appendFileSync(ledgerPath, `${JSON.stringify(entry)}\n`);
  return entry;
}
