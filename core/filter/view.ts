/**
 * A detection view of a text: the same characters with what hides a key from a pattern undone —
 * invisible characters dropped, `%XX` / `\uXXXX` / `\xXX` / quoted-printable escapes decoded to the
 * printable ASCII they stand for, a boundary put in front of a provider prefix glued to a word
 * (`xghp_…`), and lines joined where a token runs on across a line break. Each view character keeps
 * the [start, end) of the original characters it came from, so a match in the view maps back to
 * the exact original span. The view is only read by detection; the output is always the original.
 */
export interface DetectionView {
  text: string;
  /** Original start of each view character. */
  starts: Int32Array;
  /** Original end (exclusive) of each view character. */
  ends: Int32Array;
}

/** Characters a key never holds but that a copy, a renderer or an attacker can put inside one. */
export const INVISIBLE = /[\u0000\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]/;
const INVISIBLE_G = new RegExp(INVISIBLE.source, 'g');

/**
 * Provider prefixes distinctive enough to start a key even when a word runs into them: taken from
 * the detection rules' anchors (case-sensitive, at least four characters, with a separator or an
 * all-capitals id), so a new rule's prefix is covered without a list here.
 */
export function glueAnchors(anchors: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const a of anchors) {
    if (a.length < 4 || !/^[A-Za-z0-9]/.test(a)) continue;
    if (/[-_.~]/.test(a) || /^[A-Z0-9]{4}$/.test(a) || /^AIza$/.test(a)) out.add(a);
  }
  return [...out].sort((x, y) => y.length - x.length);
}

/** INVISIBLE by character code, for the per-character loop (a regex test per character cost more than the loop). */
function isInvisible(c: number): boolean {
  if (c > 0x7f) return c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 || c === 0x180e || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x206a && c <= 0x206f) || c === 0xfeff;
  return c === 0;
}

const HEX = /^[0-9A-Fa-f]{2}$/;
const WORDISH = /[A-Za-z0-9_./]/;

function printableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/**
 * Whether building a view can change anything: escapes, invisible characters, a glued prefix or a
 * joinable line break. Most texts have none, and their detection then runs once.
 */
export function needsView(text: string, glue: RegExp): boolean {
  if (INVISIBLE.test(text)) return true;
  if (/%[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}/.test(text) || isQuotedPrintable(text)) return true;
  return gluedAt(text, glue).length > 0;
}

/** Offsets where a provider prefix starts right after a word character (`xghp_…`). */
function gluedAt(text: string, glue: RegExp): number[] {
  const out: number[] = [];
  glue.lastIndex = 0;
  for (let m = glue.exec(text); m; m = glue.exec(text)) if (m.index > 0 && WORDISH.test(text[m.index - 1]!)) out.push(m.index);
  return out;
}

export function buildView(text: string, glue: RegExp): DetectionView {
  const glued = new Set(gluedAt(text, glue));
  const quotedPrintable = isQuotedPrintable(text);
  const n = text.length;
  // The view is never longer than the text plus one boundary per glued prefix.
  const starts = new Int32Array(n + glued.size);
  const ends = new Int32Array(n + glued.size);
  const parts: string[] = [];
  let len = 0;
  // Characters kept as they are accumulate as one slice [keptFrom, i).
  let keptFrom = 0;
  const flush = (to: number) => {
    if (to > keptFrom) parts.push(text.slice(keptFrom, to));
  };
  const emit = (c: string, s: number, e: number) => {
    parts.push(c);
    starts[len] = s;
    ends[len++] = e;
  };
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    const special = code === 37 || code === 92 || (quotedPrintable && code === 61) || isInvisible(code) || (glued.size > 0 && glued.has(i));
    if (!special) {
      starts[len] = i;
      ends[len++] = i + 1;
      i++;
      continue;
    }
    flush(i);
    keptFrom = i;
    const step = decodeAt(text, i, code, quotedPrintable, glued, emit);
    if (step > 0) {
      i += step;
      keptFrom = i;
      continue;
    }
    starts[len] = i;
    ends[len++] = i + 1;
    i++;
  }
  flush(n);
  return { text: parts.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/**
 * What the view holds for the special character at `i`: emits the boundary of a glued prefix, and
 * returns how many original characters an escape or invisible character took (0: the character
 * stays as it is, the caller keeps it).
 */
function decodeAt(text: string, i: number, code: number, quotedPrintable: boolean, glued: Set<number>, emit: (c: string, s: number, e: number) => void): number {
  if (glued.has(i)) emit(' ', i, i);
  if (isInvisible(code)) return 1;
  if (code === 37 && HEX.test(text.slice(i + 1, i + 3))) {
    const v = parseInt(text.slice(i + 1, i + 3), 16);
    if (printableAscii(v)) {
      emit(String.fromCharCode(v), i, i + 3);
      return 3;
    }
  }
  if (code === 92 && (text[i + 1] === 'u' || text[i + 1] === 'x')) {
    const len = text[i + 1] === 'u' ? 4 : 2;
    const hex = text.slice(i + 2, i + 2 + len);
    if (hex.length === len && /^[0-9A-Fa-f]+$/.test(hex)) {
      const v = parseInt(hex, 16);
      if (printableAscii(v)) {
        emit(String.fromCharCode(v), i, i + 2 + len);
        return 2 + len;
      }
    }
  }
  if (quotedPrintable && code === 61) {
    const soft = text.startsWith('\r\n', i + 1) ? 3 : text[i + 1] === '\n' ? 2 : 0;
    if (soft) return soft;
    const hex = text.slice(i + 1, i + 3);
    if (/^[0-9A-F]{2}$/.test(hex) && printableAscii(parseInt(hex, 16))) {
      emit(String.fromCharCode(parseInt(hex, 16)), i, i + 3);
      return 3;
    }
  }
  return 0;
}

/**
 * Quoted-printable (RFC 2045) shows itself by `=3D` / `=20` / `=0A` escapes or by soft line breaks
 * at the end of long lines; a line of code ending in ` =` is not one.
 */
export function isQuotedPrintable(text: string): boolean {
  if (/=(?:3D|20|0A|09)(?![0-9A-Fa-f])/.test(text)) return true;
  // A soft line break: a line of 42 or more characters ending in `=` after a character that is
  // neither blank nor `=`. Only lines ending in `=` are looked at (a multiline regex tried every offset).
  for (let at = text.indexOf('='); at >= 0; at = text.indexOf('=', at + 1)) {
    const after = text.charCodeAt(at + 1);
    const lineEnds = at + 1 === text.length || after === 10 || (after === 13 && (at + 2 === text.length || text.charCodeAt(at + 2) === 10));
    if (!lineEnds || at < 41) continue;
    const before = text[at - 1]!;
    if (before === '=' || /\s/.test(before)) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (at - lineStart >= 41) return true;
  }
  return false;
}

/** Removes invisible characters (for a value's fingerprint: the key without what was hidden in it). */
export function withoutInvisible(s: string): string {
  return s.replace(INVISIBLE_G, '');
}
