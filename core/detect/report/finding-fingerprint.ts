import { scryptSync } from 'node:crypto';
import { publicFingerprint } from '../../values/fingerprint';
import { searchSpaceBits } from '../judge/entropy';
import { detach } from '../input/detach';

/**
 * A finding's fingerprint identifies rule + value on every machine (baselines are shared through
 * the repository), so it cannot be keyed with the per-user key. A plain hash is safe only for
 * values too large to enumerate; a low-entropy value (a short password) gets a memory-hard hash
 * instead, so a leaked baseline or SARIF file does not hand out cheap offline guesses.
 */
const SAFE_BITS = 80;
const cache = new Map<string, string>();

export function findingFingerprint(ruleId: string, value: string): string {
  const id = `${ruleId}\0${value}`;
  const hit = cache.get(id);
  if (hit) return hit;
  let fp: string;
  if (safeToHash(value)) fp = publicFingerprint(id, 'finding');
  else {
    const h = scryptSync(value, `rotation-guard/finding/v1\0${ruleId}`, 20, { N: 1 << 12, r: 8, p: 1 });
    fp = `s1:${h.toString('base64url')}`;
  }
  if (cache.size > 10_000) cache.clear();
  // Detached: `id` holds a slice of the scanned text, and a key kept as it is would keep that
  // file's whole text alive as long as the entry lives (detach.ts).
  cache.set(detach(id), fp);
  return fp;
}

/**
 * The fingerprint of a value under no rule (`findingFingerprint('*', value)`): the key that makes
 * one incident of every location of a value. A value too large to enumerate is hashed directly,
 * without the memo (one hash is cheaper than the memo's key), a short one goes through it.
 */
export function incidentKeyOf(value: string): string {
  return safeToHash(value) ? publicFingerprint(`*\0${value}`, 'finding') : findingFingerprint('*', value);
}

/**
 * `searchSpaceBits(value) >= SAFE_BITS`, remembered for the last value: a finding asks it of the
 * same value twice in a row (its fingerprint, then its incident key), ~1 µs each. The value kept
 * is detached (detach.ts), so it never holds a scanned file's text.
 */
let lastValue: string | undefined;
let lastSafe = false;
function safeToHash(value: string): boolean {
  if (value !== lastValue) {
    lastSafe = searchSpaceBits(value) >= SAFE_BITS;
    lastValue = detach(value);
  }
  return lastSafe;
}
