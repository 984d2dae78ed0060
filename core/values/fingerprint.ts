import { createHash, createHmac } from 'node:crypto';

/**
 * Fingerprints identify a value without revealing it.
 *
 * - `keyedFingerprint` is an HMAC under a key that never lives in the repository (see
 *   `fingerprint-key.ts`), so a ledger or baseline that leaks cannot be used to guess a
 *   low-entropy password offline.
 * - `publicFingerprint` is a plain domain-separated hash, only for values that are already
 *   high-entropy (a 40-character API key cannot be brute-forced from its SHA-256).
 */
export function keyedFingerprint(value: string, key: Uint8Array, domain = 'value'): string {
  const mac = createHmac('sha256', key).update(`rotation-guard/${domain}/v1\0`).update(value, 'utf8').digest('base64url');
  return `hk1:${mac.slice(0, 27)}`;
}

export function publicFingerprint(value: string, domain = 'value'): string {
  const h = createHash('sha256').update(`rotation-guard/${domain}/v1\0`).update(value, 'utf8').digest('base64url');
  return `h1:${h.slice(0, 27)}`;
}
