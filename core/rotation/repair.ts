import type { LedgerEntry } from '../ledger/types';
import { StoreError, UnreadableEntryError, type Stage } from '../stores/types';
import type { NamedStore } from './run-state';
import type { OpenRotation } from './recovery';


/** The fingerprint of the value the ledger says was CURRENT last (before any open rotation). */
function lastCurrentFingerprint(entries: LedgerEntry[], secretId: string): string | undefined {
  let fp: string | undefined;
  for (const e of entries) {
    if (e.secretId !== secretId || e.outcome !== 'ok') continue;
    if ((e.step === 'promote' || e.step === 'store') && e.newFingerprint) fp = e.newFingerprint;
    if (e.step === 'begin' && e.oldFingerprint) fp = e.oldFingerprint;
  }
  return fp;
}

/**
 * An entry that exists but cannot be read (a write killed half-way, in a store whose writes were
 * not atomic) would block every later run. The value it should hold is the one the ledger names
 * for that stage: the open rotation's new value (PENDING, or CURRENT once promote began), its old
 * value (PREVIOUS), else the last promoted or stored value (CURRENT). It is looked up by keyed
 * fingerprint among the values the other stores and stages still hold, and written back; a broken
 * PENDING/PREVIOUS with no such value is removed. Returns one line per repair, without values.
 */
export async function repairUnreadable(o: {
  stores: NamedStore[];
  secretId: string;
  entries: LedgerEntry[];
  open?: OpenRotation;
  fingerprint: (value: string) => string;
  guard: (value: string) => void;
}): Promise<string[]> {
  const broken: Array<{ s: NamedStore; stage: Stage }> = [];
  const readable: Array<{ s: NamedStore; stage: Stage; value: string }> = [];
  for (const s of o.stores) {
    for (const stage of s.store.supportsStages ? (['current', 'pending', 'previous'] as const) : (['current'] as const)) {
      try {
        const v = await s.store.get(o.secretId, stage);
        if (v) {
          o.guard(v);
          readable.push({ s, stage, value: v });
        }
      } catch (err) {
        if (err instanceof UnreadableEntryError) broken.push({ s, stage });
        else throw err;
      }
    }
  }
  const lines: string[] = [];
  for (const b of broken) {
    const want =
      b.stage === 'pending' ? o.open?.newFingerprint
      : b.stage === 'previous' ? o.open?.oldFingerprint
      : o.open?.started.has('promote') ? o.open.newFingerprint
      : (o.open?.oldFingerprint ?? lastCurrentFingerprint(o.entries, o.secretId));
    const source = want ? readable.find((r) => o.fingerprint(r.value) === want) : undefined;
    const label = `${b.stage.toUpperCase()} of "${o.secretId}" in ${b.s.name} (${b.s.store.describe()})`;
    if (source) {
      const user = source.s.store.getUser ? ((await source.s.store.getUser(o.secretId, source.stage)) ?? undefined) : undefined;
      await b.s.store.set(o.secretId, b.stage, source.value, user);
      lines.push(`${label} could not be read; restored the value the ledger names (fingerprint ${want}) from ${source.stage.toUpperCase()} in ${source.s.name}`);
    } else if (b.stage !== 'current') {
      await b.s.store.delete(o.secretId, b.stage);
      lines.push(`${label} could not be read and no store holds the value the ledger names for it; the broken entry was removed`);
    } else {
      throw new StoreError('store/unreadable', `${label} cannot be read, and no other store or stage holds the value the ledger names for it${want ? ` (fingerprint ${want})` : ''}. Restore the entry from a backup, or remove it and put the working value back into that store by hand, then run the rotation again.`, b.s.name);
    }
  }
  return lines;
}
