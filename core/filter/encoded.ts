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

const RUN = /[A-Za-z0-9+/_-]{24,}={0,2}|[0-9A-Fa-f]{32,}/g;

export function encodedRuns(text: string): EncodedRun[] {
  const out: EncodedRun[] = [];
  RUN.lastIndex = 0;
  let tried = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const run = m[0];
    if (run.length > MAX_RUN_LENGTH) continue;
    if (++tried > MAX_RUNS) break;
    const hex = run.length >= MIN_HEX && run.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(run);
    const decoded = hex ? decodeHex(run) : run.length >= MIN_BASE64 ? decodeBase64(run) : null;
    if (decoded !== null) out.push({ start: m.index, end: m.index + run.length, decoded, encoding: hex ? 'hex' : 'base64' });
  }
  return out;
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
  let bad = 0;
  for (const b of bytes) if ((b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b === 0x7f) bad++;
  if (bad > bytes.length / 50) return null;
  const s = bytes.toString('utf8');
  return s.includes('\ufffd') ? null : s;
}
