/**
 * One level of base64 / hex decoding, bounded. A run of base64 or hex characters long enough to
 * hold a key is decoded; when the bytes are printable text, detection runs on them, and a key
 * inside makes the whole run a match (its bytes cannot be redacted apart from their neighbours).
 */
export interface EncodedRun {
  start: number;
  end: number;
  decoded: string;
  encoding: 'base64' | 'hex';
}

/** Shortest run worth decoding: the shortest key a rule knows (about 16 characters) encoded. */
const MIN_BASE64 = 24;
const MIN_HEX = 32;
/** Bounds: a text cannot make detection decode without end. */
export const MAX_RUNS = 256;
export const MAX_RUN_LENGTH = 64 * 1024;

/** Characters of base64 and base64url (1), of which hex digits (3). */
const CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') CLASS[c.charCodeAt(0)] = 1;
for (const c of '0123456789ABCDEFabcdef') CLASS[c.charCodeAt(0)] = 3;

/**
 * Each maximal run of base64 characters (with up to two `=` after it) at least MIN_BASE64 long, in
 * one pass over the character codes with a class table: a regex tried at every offset of a
 * word-rich text cost more than the rest of the filter's detection together, and the per-character
 * comparisons after it still were a fifth of findSecrets (bench/filters.bench.mjs, profiled).
 */
export function encodedRuns(text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  const n = text.length;
  let tried = 0;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c > 127 || CLASS[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    let allHex = 3;
    for (let d = c; i < n && (d = text.charCodeAt(i)) < 128 && CLASS[d] !== 0; i++) allHex &= CLASS[d]!;
    if (i - start < MIN_BASE64) continue;
    let end = i;
    while (end < n && end - i < 2 && text.charCodeAt(end) === 61) end++;
    const length = end - start;
    const hex = allHex === 3 && end === i && length >= MIN_HEX && length % 2 === 0;
    i = end;
    if (length > MAX_RUN_LENGTH) continue;
    if (++tried > MAX_RUNS) break;
    if (!startsAsText(hex ? hexByte(text, start) : firstBase64Byte(text, start), length)) continue;
    const run = text.slice(start, end);
    const decoded = hex ? decodeHex(run) : decodeBase64(run);
    if (decoded !== null) out.push({ start, end, decoded, encoding: hex ? 'hex' : 'base64' });
  }
  return out;
}

const SEXTET = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) SEXTET[c.charCodeAt(0)] = i;
SEXTET[45] = 62; // base64url '-'
SEXTET[95] = 63; // base64url '_'

function firstBase64Byte(text: string, at: number): number {
  return (SEXTET[text.charCodeAt(at)]! << 2) | (SEXTET[text.charCodeAt(at + 1)]! >> 4);
}

function hexByte(text: string, at: number): number {
  return parseInt(text.slice(at, at + 2), 16);
}

/**
 * Whether decoded bytes starting with `b` can pass `printable`: a UTF-8 continuation byte or an
 * invalid lead cannot start text, and a control character is already one too many in a run shorter
 * than 50 bytes. Most runs in code and prose (paths, long identifiers) fail here before decoding.
 */
function startsAsText(b: number, runLength: number): boolean {
  if ((b >= 0x80 && b <= 0xc1) || b >= 0xf5) return false;
  const control = (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b === 0x7f;
  return !(control && (runLength * 3) / 4 < 50);
}

function decodeHex(run: string): string | null {
  return printable(Buffer.from(run, 'hex'));
}

function decodeBase64(run: string): string | null {
  // base64url and standard alphabets both decode; a length that is not a whole number of bytes is not base64.
  const body = run.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  return printable(Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

/** The bytes as text when they are UTF-8 with nearly no control characters; otherwise null. */
function printable(bytes: Buffer): string | null {
  if (bytes.length < 12) return null;
  // Stops at the first control character too many: most runs (paths, identifiers) decode to noise.
  const allowed = bytes.length / 50;
  let bad = 0;
  for (let k = 0; k < bytes.length; k++) {
    const b = bytes[k]!;
    if (((b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b === 0x7f) && ++bad > allowed) return null;
  }
  const s = bytes.toString('utf8');
  return s.includes('\ufffd') ? null : s;
}
