/**
 * A file is treated as binary when its first 8 KiB hold a NUL byte or are mostly control
 * characters; scanning such bytes as UTF-8 only produces noise.
 */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  const head = bytes.subarray(0, n);
  // Runs for every file a scan reads: the NUL test is a native search, the count a table lookup
  // per byte without branches.
  if (head.indexOf(0) >= 0) return true;
  let control = 0;
  for (let i = 0; i < n; i++) control += CONTROL[head[i]!]!;
  return control / n > 0.1;
}

/** 1 for the control bytes that count against text: below 7, and 14 to 31 except ESC (27). */
const CONTROL = new Uint8Array(256);
for (let b = 1; b < 32; b++) if (b < 7 || (b > 13 && b !== 27)) CONTROL[b] = 1;

// Formats whose bytes are compressed or encoded media: text never sits in them as plain bytes.
const PURE_BINARY_MAGIC: Array<[number, number[]]> = [
  [0, [0x89, 0x50, 0x4e, 0x47]], // PNG
  [0, [0xff, 0xd8, 0xff]], // JPEG
  [0, [0x47, 0x49, 0x46, 0x38]], // GIF
  [0, [0x50, 0x4b, 0x03, 0x04]], // ZIP (and jar, whl, docx, xlsx)
  [0, [0x50, 0x4b, 0x05, 0x06]], // empty ZIP
  [0, [0x1f, 0x8b]], // gzip
  [0, [0x37, 0x7a, 0xbc, 0xaf]], // 7z
  [0, [0xfd, 0x37, 0x7a, 0x58, 0x5a]], // xz
  [0, [0x42, 0x5a, 0x68]], // bzip2
  [0, [0x28, 0xb5, 0x2f, 0xfd]], // zstd
  [0, [0x25, 0x50, 0x44, 0x46]], // PDF
  [0, [0x52, 0x49, 0x46, 0x46]], // RIFF (WebP, WAV, AVI)
  [4, [0x66, 0x74, 0x79, 0x70]], // MP4, MOV, HEIC (ftyp)
  [0, [0x4f, 0x67, 0x67, 0x53]], // Ogg
  [0, [0x49, 0x44, 0x33]], // MP3 with ID3
  [0, [0x66, 0x4c, 0x61, 0x43]], // FLAC
  [0, [0x7f, 0x45, 0x4c, 0x46]], // ELF
  [0, [0x4d, 0x5a]], // Windows executable
  [0, [0xcf, 0xfa, 0xed, 0xfe]], // Mach-O
  [0, [0x00, 0x61, 0x73, 0x6d]], // WebAssembly
  [0, [0x77, 0x4f, 0x46, 0x46]], // WOFF
  [0, [0x77, 0x4f, 0x46, 0x32]], // WOFF2
  [0, [0x00, 0x01, 0x00, 0x00, 0x00]], // TrueType
  [0, [0x00, 0x00, 0x01, 0x00]], // ICO
  [257, [0x75, 0x73, 0x74, 0x61, 0x72]], // tar
];

/**
 * Images, audio, video, archives and executables: skipped. Other binary files (pickles and shelve
 * databases, SQLite caches of model responses, `.pyc` constants) hold text as plain bytes, and
 * recorded credentials with it.
 */
export function isPureBinary(bytes: Uint8Array): boolean {
  return PURE_BINARY_MAGIC.some(([at, magic]) => bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b));
}

// Opcodes after which a string's length sits in ONE byte, then the string itself: pickle's
// SHORT_BINUNICODE (protocol 4 and 5, Python's default) and marshal's short ASCII strings in
// `.pyc` (0xda, 0xfa: `z`/`Z` with FLAG_REF). The opcode is not printable, so the run of text
// starts at the length byte.
const ONE_BYTE_LENGTH_OPCODES = new Set([0x8c, 0xda, 0xfa]);
// After pickle's BINUNICODE / BINBYTES (protocol 2 and 3) the length takes four bytes.
const FOUR_BYTE_LENGTH_OPCODES = new Set([0x58, 0x42]);

/**
 * The printable ASCII of a binary file at its own offsets, every other byte a line break: runs of
 * text become lines, and a finding's column is its byte offset within its run.
 *
 * A string stored after its length gets a line break on either side where the opcode before it
 * proves the layout: a length from 32 to 126 is a printable byte glued to the value (`l` before
 * a 108-character Anthropic key: `lsk-ant-…`, which no key pattern with a boundary matches), and
 * protocol 2/3 glue the memo opcode `q` after it. Without that proof nothing is split, so
 * ordinary text runs stay whole.
 */
export function textRuns(bytes: Uint8Array): string {
  const out = Buffer.allocUnsafe(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out[i] = b >= 0x20 && b < 0x7f ? b : 0x0a;
  }
  for (let s = 1; s < bytes.length; s++) {
    if (out[s] === 0x0a || out[s - 1] !== 0x0a) continue; // s starts a run of text
    let e = s;
    while (e < bytes.length && out[e] !== 0x0a) e++;
    if (ONE_BYTE_LENGTH_OPCODES.has(bytes[s - 1]!) && s + 1 + bytes[s]! <= e) {
      out[s] = 0x0a;
      if (s + 1 + bytes[s]! < e) out[s + 1 + bytes[s]!] = 0x0a;
    } else if (s >= 5 && FOUR_BYTE_LENGTH_OPCODES.has(bytes[s - 5]!)) {
      const len = bytes[s - 4]! | (bytes[s - 3]! << 8) | (bytes[s - 2]! << 16) | (bytes[s - 1]! << 24);
      if (len > 0 && s + len < e) out[s + len] = 0x0a;
    }
    s = e;
  }
  return out.toString('latin1');
}

const printable = (b: number | undefined): boolean => b !== undefined && b >= 0x20 && b < 0x7f;

/**
 * Spans [start, end) where a binary container likely stores a string after its length: pickle's
 * SHORT_BINUNICODE (a length byte) and BINUNICODE (four, little-endian), marshal's short strings
 * in `.pyc` (a type byte, then a length byte), pickle protocol 0's `V`/`S` prefix. A length byte
 * from 32 to 126 is printable, so `textRuns` glues it to the value (`+rg_…` for a 43-character
 * one) and no whitespace-delimited token is the value itself: known-value matching tests these
 * spans as well. At most five per run of text, each checked against the run's end.
 */
export function lengthPrefixedSpans(bytes: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const add = (start: number, len: number, runEnd: number) => {
    if (len > 0 && start + len <= runEnd) out.push([start, start + len]);
  };
  let s = 0;
  while (s < bytes.length) {
    if (!printable(bytes[s])) {
      s++;
      continue;
    }
    let e = s;
    while (e < bytes.length && printable(bytes[e])) e++;
    if (s >= 1) add(s, bytes[s - 1]!, e);
    if (s >= 4) add(s, bytes[s - 4]! | (bytes[s - 3]! << 8) | (bytes[s - 2]! << 16) | (bytes[s - 1]! << 24), e);
    add(s + 1, bytes[s]!, e);
    if (s + 1 < e) add(s + 2, bytes[s + 1]!, e);
    add(s + 1, e - s - 1, e);
    s = e;
  }
  return out;
}
