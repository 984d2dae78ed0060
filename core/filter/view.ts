import { anchorOffsets, buildPrefilter, keepHitLogs, type Prefilter } from '../detect/index';

/**
 * A detection view of a text: the same characters with what hides a key from a pattern undone —
 * invisible characters dropped, `%XX` / `\uXXXX` / `\xXX` / quoted-printable escapes decoded to the
 * printable ASCII they stand for, and a boundary put in front of a provider prefix glued to a word
 * (`xghp_…`). A match in the view maps back to the exact original span. The view is only read by
 * detection; the output is always the original.
 */
export interface DetectionView {
  text: string;
  /** The original [start, end) of view characters [s, e). */
  toOriginal(s: number, e: number): [number, number];
  /** View offsets where the view differs from the text (a decoded or inserted character, or a dropped one before it), in order. */
  changed: readonly number[];
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

/** Offsets where a provider prefix starts right after a word character (`xghp_…`), in order. */
export type GlueScanner = (text: string) => number[];

/**
 * Characters a process scans with the regex before the glue scan builds its prefilter: building
 * it costs about what the regex spends on 50 KB (a few milliseconds, most of it on first use),
 * which a one-shot process such as a hook (one 10 KB decision) should not pay.
 */
const PREFILTER_AFTER = 256 * 1024;

/**
 * The glue scan. Each of three ways lists the prefixes' occurrences as an alternation of them
 * (longest first, scanning on after each match) finds them; gluePoints then keeps those where a
 * word character precedes. A long-running process (the proxy, the language server) switches to
 * detection's prefilter (a table of three-character prefixes, run in WebAssembly), which reports
 * every prefix at every offset: the scan keeps, at each offset past the last match, the longest.
 * The alternation, run by the regex engine at every offset, was a sixth of findSecrets on 10 KB
 * texts. Before either, the scan asks detection's prefilter for the prefixes' offsets in this text
 * (anchorOffsets): findSecrets runs detection's matching pass over the text first, and that pass
 * stops at every rule anchor, these prefixes among them, so the glue scan's own pass (25-55 µs for
 * 10 KB) is left for texts detection did not scan last.
 */
export function glueScanner(anchors: readonly string[], prefilterAfter = PREFILTER_AFTER): GlueScanner {
  const longestFirst = [...anchors].sort((x, y) => y.length - x.length);
  const alternation = new RegExp(longestFirst.map(escapeRegExp).join('|'), 'g');
  let prefilter: Prefilter<string> | undefined;
  let scanned = 0;
  return (text) => {
    const points = gluePoints(text);
    // Detection's matching pass over this text found every prefix already (findSecrets runs it first).
    // Its prefilter keeps them once a reader says so: here, at the first glue scan of the process
    // (that one text scans for itself), not when core/filter is loaded by a CLI scan that never asks.
    keepHitLogs();
    const found = anchorOffsets(text, anchors);
    if (found) {
      let end = 0;
      for (const at of found) {
        if (at < end) continue;
        const len = longestFirst.find((a) => text.startsWith(a, at))!.length;
        points.add(at, len);
        end = at + len;
      }
      return points.offsets;
    }
    if (!prefilter && scanned < prefilterAfter) {
      scanned += text.length;
      alternation.lastIndex = 0;
      for (let m = alternation.exec(text); m; m = alternation.exec(text)) points.add(m.index, m[0].length);
      return points.offsets;
    }
    prefilter ??= buildPrefilter(anchors.map((a) => ({ literal: a, ignoreCase: false, item: a })));
    let end = 0;
    let at = -1;
    let longest = 0;
    const take = () => {
      if (at < end) return;
      points.add(at, longest);
      end = at + longest;
    };
    prefilter.scan(text, (i, found) => {
      if (i !== at) {
        if (at >= 0) take();
        at = i;
        longest = 0;
      }
      for (const a of found) if (a.length > longest) longest = a.length;
    });
    if (at >= 0) take();
    return points.offsets;
  };
}

/**
 * Which of a text's prefix occurrences (given in order, not overlapping) are glue points: those a
 * word character precedes, except one inside the body of a key an earlier prefix began. A key's
 * body is drawn characters, and a four-letter prefix turns up in about one OpenAI project key in
 * ten thousand (`…HAAKIA4D…`, `…_vcr_…`): a boundary put there cut the key in two, and a key that
 * only the view can read (behind quoted-printable escapes, with an invisible character inside)
 * was lost. A prefix right at the end of the one before (`my_secret_ghp_…`) is still a glue
 * point: that earlier prefix was a word, not a key.
 */
function gluePoints(text: string): { add(at: number, len: number): void; offsets: number[] } {
  const offsets: number[] = [];
  let bodyStart = -1;
  let bodyEnd = -1;
  return {
    offsets,
    add(at, len) {
      if (at > bodyStart && at < bodyEnd) return;
      if (at > 0 && isWordish(text.charCodeAt(at - 1))) offsets.push(at);
      bodyStart = at + len;
      bodyEnd = keyBodyEnd(text, bodyStart);
    },
  };
}

/**
 * Where the run of key characters from `at` ends: word characters, `-` and `+`, invisible
 * characters, and quoted-printable soft line breaks (`=` at a line's end), which a key can hold
 * as the view reads it.
 */
function keyBodyEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isWordish(c) || c === 45 || c === 43 || isInvisible(c)) i++;
    else if (c === 61 && text.charCodeAt(i + 1) === 10) i += 2;
    else if (c === 61 && text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) i += 3;
    else return i;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** [A-Za-z0-9_./]: what a prefix can be glued to. */
function isWordish(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47;
}

/** INVISIBLE by character code (decodeAt tests one character). */
function isInvisible(c: number): boolean {
  if (c > 0x7f) return c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 || c === 0x180e || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x206a && c <= 0x206f) || c === 0xfeff;
  return c === 0;
}

/** The value of `len` hex digits at `at` (upper case only when `upper`), or -1. */
function hexAt(text: string, at: number, len: number, upper: boolean): number {
  if (at + len > text.length) return -1;
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = text.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : !upper && c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

function printableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/** Invisible characters, searched for from a given offset (buildView's own copy: its lastIndex is its state). */
const INVISIBLE_FROM = new RegExp(INVISIBLE.source, 'g');

/**
 * Where the view may differ from the text: a function giving the first offset at or after `from`
 * that holds a `%`, a backslash, an invisible character, or with quoted-printable an `=` (a
 * superset: decodeAt decides), or -1. The three characters are found by indexOf, the invisible
 * ones by the regex engine, each search's result kept until the scan passes it. One regex for all
 * of them (`%[0-9A-Fa-f]{2}|\\[ux]|[invisible]`) tried its alternatives at every offset: 25-37 µs
 * of a 10 KB body's scan, against 10-20 µs for the invisible characters' class alone.
 */
function editFinder(text: string, quotedPrintable: boolean): (from: number) => number {
  const chars = quotedPrintable ? ['%', '\\', '='] : ['%', '\\'];
  // next[k]: the last search's result for chars[k] (the invisible class at chars.length); -1 when none is left.
  const next = new Array<number>(chars.length + 1).fill(-2);
  const find = (k: number, from: number): number => {
    const known = next[k]!;
    if (known === -1 || known >= from) return known;
    if (k < chars.length) return (next[k] = text.indexOf(chars[k]!, from));
    INVISIBLE_FROM.lastIndex = from;
    return (next[k] = INVISIBLE_FROM.exec(text)?.index ?? -1);
  };
  return (from) => {
    let first = -1;
    for (let k = 0; k < next.length; k++) {
      const at = find(k, from);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  };
}

/**
 * The view of `text`, or undefined when it would be the text itself (most texts: detection then
 * runs once). The map back is a list of pieces (a run copied as it is, or one decoded character),
 * so its cost grows with the number of escapes and glued prefixes, not with the text.
 */
export function buildView(text: string, glue: GlueScanner): DetectionView | undefined {
  const glued = glue(text);
  const quotedPrintable = isQuotedPrintable(text);
  const nextEdit = editFinder(text, quotedPrintable);
  let at = nextEdit(0);
  if (at < 0 && !glued.length) return undefined;
  const parts: string[] = [];
  // Piece k starts at view offset pieceView[k]; a copied run maps to pieceFrom[k] onwards
  // (pieceTo[k] = -1), a decoded character to [pieceFrom[k], pieceTo[k]).
  const pieceView: number[] = [];
  const pieceFrom: number[] = [];
  const pieceTo: number[] = [];
  const changed: number[] = [];
  let len = 0;
  let kept = 0;
  const flush = (to: number) => {
    if (to <= kept) return;
    pieceView.push(len);
    pieceFrom.push(kept);
    pieceTo.push(-1);
    parts.push(text.slice(kept, to));
    len += to - kept;
  };
  const emit = (c: number, s: number, e: number) => {
    changed.push(len);
    pieceView.push(len);
    pieceFrom.push(s);
    pieceTo.push(e);
    parts.push(String.fromCharCode(c));
    len++;
  };
  // Glued offsets and edit candidates, in order; a glued offset inside a decoded escape is not one.
  let g = 0;
  while (at >= 0 || g < glued.length) {
    if (g < glued.length && (at < 0 || glued[g]! < at)) {
      const i = glued[g++]!;
      if (i < kept) continue;
      flush(i);
      kept = i;
      emit(32, i, i);
      continue;
    }
    const d = decodeAt(text, at, text.charCodeAt(at), quotedPrintable);
    let from = at + 1;
    if (d !== 0) {
      flush(at);
      const step = d >> 8;
      if (d & 0xff) emit(d & 0xff, at, at + step);
      else changed.push(len);
      kept = from = at + step;
    }
    at = nextEdit(from);
  }
  if (!pieceView.length) return undefined;
  flush(text.length);
  const piece = (v: number): number => {
    let lo = 0;
    let hi = pieceView.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieceView[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    text: parts.join(''),
    changed,
    toOriginal(s, e) {
      const a = piece(s);
      const b = piece(e - 1);
      return [pieceTo[a] === -1 ? pieceFrom[a]! + (s - pieceView[a]!) : pieceFrom[a]!, pieceTo[b] === -1 ? pieceFrom[b]! + (e - pieceView[b]!) : pieceTo[b]!];
    },
  };
}

/**
 * What the view holds for the special character at `i`, packed as (original characters taken << 8)
 * | the printable character they stand for (0: dropped); 0 when the character stays as it is.
 */
function decodeAt(text: string, i: number, code: number, quotedPrintable: boolean): number {
  if (isInvisible(code)) return 1 << 8;
  if (code === 37) {
    const v = hexAt(text, i + 1, 2, false);
    if (printableAscii(v)) return (3 << 8) | v;
  }
  if (code === 92) {
    const next = text.charCodeAt(i + 1);
    const len = next === 117 ? 4 : next === 120 ? 2 : 0;
    const v = len ? hexAt(text, i + 2, len, false) : -1;
    if (printableAscii(v)) return ((2 + len) << 8) | v;
  }
  if (quotedPrintable && code === 61) {
    const soft = text.startsWith('\r\n', i + 1) ? 3 : text.charCodeAt(i + 1) === 10 ? 2 : 0;
    if (soft) return soft << 8;
    const v = hexAt(text, i + 1, 2, true);
    if (printableAscii(v)) return (3 << 8) | v;
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
