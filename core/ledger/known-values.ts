import type { LedgerEntry } from './types';

export interface KnownValueFingerprints {
  /** Keyed fingerprint → secret, of each secret's current value as the ledger knows it. */
  current: Map<string, { secretId: string }>;
  /** Keyed fingerprint → secret, of values rotated out. */
  retired: Map<string, { secretId: string }>;
}

/**
 * Current and retired values, as keyed fingerprints, from the ledger: the new value of the latest
 * finished rotation (or, before any, of a `store` step) is current; every value a finished
 * rotation replaced is retired. Adds to `into` when given, so several ledgers can be merged.
 */
export function knownValuesFromLedger(entries: readonly LedgerEntry[], into: KnownValueFingerprints = { current: new Map(), retired: new Map() }): KnownValueFingerprints {
  const latest = new Map<string, string>();
  const began = new Map<string, string>();
  for (const e of entries) {
    // The engine records the replaced value's fingerprint on `begin`; `finish` closes the rotation.
    if (e.step === 'begin' && e.rotationId && e.oldFingerprint) began.set(e.rotationId, e.oldFingerprint);
    if (e.step === 'finish' && e.outcome === 'ok') {
      const old = e.oldFingerprint ?? (e.rotationId ? began.get(e.rotationId) : undefined);
      if (old) into.retired.set(old, { secretId: e.secretId });
      if (e.newFingerprint) latest.set(e.secretId, e.newFingerprint);
    }
    if (e.step === 'store' && e.outcome === 'ok' && e.newFingerprint && !latest.has(e.secretId)) latest.set(e.secretId, e.newFingerprint);
  }
  for (const [secretId, fp] of latest) {
    into.retired.delete(fp);
    into.current.set(fp, { secretId });
  }
  return into;
}
