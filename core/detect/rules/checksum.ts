import { minEntropy } from '../judge/entropy';

/**
 * Checksums some token formats carry. A valid checksum means the string was minted by the
 * provider (not typed by hand or made up for a test), which raises confidence; an invalid one
 * does not reject the match (test fixtures rarely bother with checksums).
 */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = TABLE[(c ^ s.charCodeAt(i)) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  do {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/**
 * GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_) and npm tokens (npm_): 30 random base62 characters
 * followed by the CRC32 of those characters in base62, 6 digits.
 */
export function hasBase62Crc32(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** A GitHub or npm token's judgement: a valid checksum says the provider minted it; else its entropy decides. */
export const checksummed = (prefixLength: number) => (v: string) => (hasBase62Crc32(v, prefixLength) ? 0.99 : minEntropy(3.5, 0.85)(v));
