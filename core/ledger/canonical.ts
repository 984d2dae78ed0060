import { createHash } from 'node:crypto';
import type { LedgerEntry } from './types';

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two writers that
 * build the same entry with keys in a different order must produce the same hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The hash of an entry covers every field but `hash` itself and `sig` (so `prev` and `signer` are
 * chained in); the signature signs the hash. Entries without `sig` hash as they always did.
 */
export function entryHash(entry: Omit<LedgerEntry, 'hash'> | LedgerEntry): string {
  const { hash: _ignored, sig: _signature, ...rest } = entry as LedgerEntry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export const GENESIS = 'genesis';
