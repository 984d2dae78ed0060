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

function isBase64At(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c < 128 && CLASS[c] !== 0;
}

/**
 * Each maximal run of base64 characters (with up to two `=` after it) at least MIN_BASE64 long.
 * The scan looks at the last character of each window of MIN_BASE64 first and jumps past the
 * last non-base64 character it finds, so words and paths shorter than a run cost a few reads
 * instead of one per character (five times less than a loop over every character, which was a
 * quarter of findSecrets on 10 KB of the bench corpus, profiled).
 */
export function encodedRuns(text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  const n = text.length;
  let tried = 0;
  for (let i = 0; i + MIN_BASE64 <= n; ) {
    let k = i + MIN_BASE64 - 1;
    while (k >= i && isBase64At(text, k)) k--;
    if (k >= i) {
      i = k + 1;
      continue;
    }
    // [i, i + MIN_BASE64) is all base64: the maximal run around it (nothing before i can join it:
    // i follows a non-base64 character or the start, or the end of the previous run).
    const start = i;
    let stop = i + MIN_BASE64;
    while (stop < n && isBase64At(text, stop)) stop++;
    let end = stop;
    while (end < n && end - stop < 2 && text.charCodeAt(end) === 61) end++;
    i = end;
    const length = end - start;
    if (length > MAX_RUN_LENGTH) continue;
    if (++tried > MAX_RUNS) break;
    const hex = end === stop && length >= MIN_HEX && length % 2 === 0 && allHex(text, start, stop);
    if (!startsAsText(hex ? hexByte(text, start) : firstBase64Byte(text, start), length)) continue;
    if (!hex && !base64HeadPrintable(text, start, stop)) continue;
    const run = text.slice(start, end);
    const decoded = hex ? decodeHex(run) : decodeBase64(run);
    if (decoded !== null) out.push({ start, end, decoded, encoding: hex ? 'hex' : 'base64' });
  }
  return out;
}

function allHex(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (CLASS[text.charCodeAt(k)] !== 3) return false;
  return true;
}

const SEXTET = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries()) SEXTET[c.charCodeAt(0)] = i;
SEXTET[45] = 62; // base64url '-'
SEXTET[95] = 63; // base64url '_'

function firstBase64Byte(text: string, at: number): number {
  return (SEXTET[text.charCodeAt(at)]! << 2) | (SEXTET[text.charCodeAt(at + 1)]! >> 4);
}

/**
 * False when decodeBase64 of the run [start, stop) (its `=` padding after stop) is sure to give
 * null, seen from its first 16 characters alone: a body of the wrong length, fewer than 12 bytes,
 * or more control bytes among the first 12 than printable allows in the whole. Most runs that
 * pass startsAsText (paths and identifiers such as `bench/filters/proxy-upstream`) decode to noise
 * with a control byte early; they no longer pay for the copy, the three replaces and the decode.
 */
function base64HeadPrintable(text: string, start: number, stop: number): boolean {
  const length = stop - start;
  const bytes = Math.floor((length * 3) / 4);
  if (length % 4 === 1 || bytes < 12) return false;
  const allowed = bytes / 50;
  let bad = 0;
  for (let k = start; k + 4 <= Math.min(stop, start + 16); k += 4) {
    const v = (SEXTET[text.charCodeAt(k)]! << 18) | (SEXTET[text.charCodeAt(k + 1)]! << 12) | (SEXTET[text.charCodeAt(k + 2)]! << 6) | SEXTET[text.charCodeAt(k + 3)]!;
    bad += (isControl(v >> 16) ? 1 : 0) + (isControl((v >> 8) & 0xff) ? 1 : 0) + (isControl(v & 0xff) ? 1 : 0);
    if (bad > allowed) return false;
  }
  return true;
}

function isControl(b: number): boolean {
  return (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b === 0x7f;
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
    if (isControl(b) && ++bad > allowed) return null;
  }
  const s = bytes.toString('utf8');
  return s.includes('\ufffd') ? null : s;
}
