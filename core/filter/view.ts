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
  glue.lastIndex = 0;
  for (let m = glue.exec(text); m; m = glue.exec(text)) if (m.index > 0 && WORDISH.test(text[m.index - 1]!)) return true;
  return false;
}

export function buildView(text: string, glue: RegExp): DetectionView {
  const glued = new Set<number>();
  glue.lastIndex = 0;
  for (let m = glue.exec(text); m; m = glue.exec(text)) if (m.index > 0 && WORDISH.test(text[m.index - 1]!)) glued.add(m.index);
  const quotedPrintable = isQuotedPrintable(text);
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (c: string, s: number, e: number) => {
    chars.push(c);
    starts.push(s);
    ends.push(e);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (glued.has(i)) emit(' ', i, i);
    if (INVISIBLE.test(c)) {
      i++;
      continue;
    }
    if (c === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      if (printableAscii(code)) {
        emit(String.fromCharCode(code), i, i + 3);
        i += 3;
        continue;
      }
    }
    if (c === '\\' && (text[i + 1] === 'u' || text[i + 1] === 'x')) {
      const len = text[i + 1] === 'u' ? 4 : 2;
      const hex = text.slice(i + 2, i + 2 + len);
      if (hex.length === len && /^[0-9A-Fa-f]+$/.test(hex)) {
        const code = parseInt(hex, 16);
        if (printableAscii(code)) {
          emit(String.fromCharCode(code), i, i + 2 + len);
          i += 2 + len;
          continue;
        }
      }
    }
    if (quotedPrintable && c === '=') {
      const soft = text.startsWith('\r\n', i + 1) ? 3 : text[i + 1] === '\n' ? 2 : 0;
      if (soft) {
        i += soft;
        continue;
      }
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-F]{2}$/.test(hex) && printableAscii(parseInt(hex, 16))) {
        emit(String.fromCharCode(parseInt(hex, 16)), i, i + 3);
        i += 3;
        continue;
      }
    }
    emit(c, i, i + 1);
    i++;
  }
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * Quoted-printable (RFC 2045) shows itself by `=3D` / `=20` / `=0A` escapes or by soft line breaks
 * at the end of long lines; a line of code ending in ` =` is not one.
 */
export function isQuotedPrintable(text: string): boolean {
  return /=(?:3D|20|0A|09)(?![0-9A-Fa-f])/.test(text) || /^[^\n]{40,}[^\s=]=\r?$/m.test(text);
}

/** Removes invisible characters (for a value's fingerprint: the key without what was hidden in it). */
export function withoutInvisible(s: string): string {
  return s.replace(INVISIBLE_G, '');
}
