/**
 * One pass over the text finds every place a rule could start. A single regex alternation of a
 * hundred anchors is slow in V8 (it tries each alternative at each position), so the scan is a
 * hand-written loop: a bit per possible first three characters, then a lookup by the first two,
 * then literal comparisons. Each distinct anchor literal is a head with the items (rules) that
 * listed it; where several heads match at one offset (`sk-` and `sk-proj-`), each is reported.
 * The loop runs in WebAssembly (prefilter-wasm.ts); the JavaScript loop below is its reference.
 */
export interface Anchor<T> {
  literal: string;
  ignoreCase: boolean;
  item: T;
}

interface Head<T> {
  literal: string;
  lower: string;
  ignoreCase: boolean;
  items: T[];
}

import { createWasmScanner, type WasmScanner } from './prefilter-wasm';

// Absent while Node builds a startup snapshot (see buildPrefilter).
declare const WebAssembly: unknown;

export interface Prefilter<T> {
  /** Calls `onHit(offset, items)` for every anchor occurrence in order; stops when it returns false. */
  scan(text: string, onHit: (at: number, items: readonly T[]) => boolean | void): void;
  /** Whether any anchor occurs in `text`: the pass stops at the first, and no hit is handed over. */
  any(text: string): boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** A regex source matching `s` in any letter case, for use inside case-sensitive patterns. */
export const caseless = (s: string) =>
  [...s].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');

const variants = (c: string, ignoreCase: boolean) => (ignoreCase && c.toLowerCase() !== c.toUpperCase() ? [c.toLowerCase(), c.toUpperCase()] : [c]);

export interface PrefilterOptions {
  /** Which loop runs: WebAssembly (the default) or JavaScript (the reference, for tests). */
  engine?: 'wasm' | 'js';
}

export function buildPrefilter<T>(anchors: Anchor<T>[], opts: PrefilterOptions = {}): Prefilter<T> {
  const sorted = [...anchors].sort((a, b) => a.literal.length - b.literal.length);
  const heads: Head<T>[] = [];
  const covers = (h: Head<T>, a: Anchor<T>) =>
    h.ignoreCase ? a.literal.toLowerCase().startsWith(h.lower) : !a.ignoreCase && a.literal.startsWith(h.literal);
  for (const a of sorted) {
    // An anchor that begins with a shorter anchor of the same item adds nothing: the item runs
    // there already. Otherwise each literal is a head of its own, so an item is only offered where
    // one of its own anchors occurs (`sk-proj-` rules do not run at every `sk-`).
    if (heads.some((h) => h.items.includes(a.item) && covers(h, a))) continue;
    const same = heads.find((h) => h.literal === a.literal && h.ignoreCase === a.ignoreCase);
    if (same) same.items.push(a.item);
    else heads.push({ literal: a.literal, lower: a.literal.toLowerCase(), ignoreCase: a.ignoreCase, items: [a.item] });
  }
  // Anchors are ASCII, so a dense table indexed by the first two character codes replaces hashing:
  // `pairBucket` holds 0 (no anchor starts with this pair) or 1 + the index of a bucket of heads.
  // A one-character anchor (`|`) is listed under every pair it can start, and under (c, 0), the
  // pair used when the next character is not ASCII or the text ends.
  const pairBucket = new Uint16Array(128 * 128);
  const buckets: Head<T>[][] = [];
  const addToPair = (k: number, h: Head<T>) => {
    if (pairBucket[k] === 0) {
      buckets.push([]);
      pairBucket[k] = buckets.length;
    }
    buckets[pairBucket[k]! - 1]!.push(h);
  };
  // One-character heads first: they were reported before longer ones at the same offset.
  const ordered = [...heads.filter((h) => h.literal.length === 1), ...heads.filter((h) => h.literal.length > 1)];
  for (const h of ordered) {
    if (/[^\x00-\x7f]/.test(h.literal)) throw new Error(`anchor '${h.literal}' is not ASCII`);
    if (h.literal.includes('\0')) throw new Error('anchors cannot contain NUL');
    for (const c0 of variants(h.literal[0]!, h.ignoreCase)) {
      if (h.literal.length === 1) {
        for (let c1 = 0; c1 < 128; c1++) addToPair((c0.charCodeAt(0) << 7) | c1, h);
        continue;
      }
      for (const c1 of variants(h.literal[1]!, h.ignoreCase)) addToPair((c0.charCodeAt(0) << 7) | c1.charCodeAt(0), h);
    }
  }
  for (const list of buckets) {
    const one = list.filter((h) => h.literal.length === 1);
    // Shorter heads first: where several match at one offset (`sk-` and `sk-proj-`), the items
    // of the shorter are offered first.
    const more = list.filter((h) => h.literal.length > 1).sort((a, b) => a.literal.length - b.literal.length);
    list.splice(0, list.length, ...one, ...more);
  }
  // Each bucket split by the third character (0 for non-ASCII or the end): `con` must not try
  // `cohere`, `co_api_key` and `connectionstring` one after the other. Order within a bucket kept.
  // One- and two-character heads fit every third character: a bucket's list of those is shared
  // by all the third characters no longer head starts with.
  const byThird: Array<Array<Head<T>[] | undefined>> = buckets.map((list) => {
    const short = list.filter((h) => h.literal.length <= 2);
    const sub: Array<Head<T>[] | undefined> = new Array(128).fill(short.length ? short : undefined);
    const thirds = new Set<number>();
    for (const h of list) if (h.literal.length > 2) for (const v of variants(h.literal[2]!, h.ignoreCase)) thirds.add(v.charCodeAt(0));
    for (const c of thirds) {
      sub[c] = list.filter((h) => h.literal.length <= 2 || variants(h.literal[2]!, h.ignoreCase).some((v) => v.charCodeAt(0) === c));
    }
    return sub;
  });
  // The pair lookup has matched the first two characters already.
  const matchesAt = (text: string, i: number, h: Head<T>): boolean => sameAt(text, i, h, 2);

  // A bit per three-character prefix (7 bits per character) any head can start with: the loop
  // tests one bit per offset, and only the few offsets that pass look at the heads. Characters
  // outside ASCII, and offsets past the end, count as NUL, which no anchor contains: they only
  // match the "any character" positions of one- and two-character heads.
  const gram = new Uint8Array((1 << 21) >> 3);
  const mark = (a: number, b: number, c: number) => {
    const g = (a << 14) | (b << 7) | c;
    gram[g >> 3]! |= 1 << (g & 7);
  };
  for (const h of heads) {
    for (const c0 of variants(h.literal[0]!, h.ignoreCase)) {
      const a = c0.charCodeAt(0);
      if (h.literal.length === 1) {
        for (let b = 0; b < 128; b++) for (let c = 0; c < 128; c++) mark(a, b, c);
        continue;
      }
      for (const c1 of variants(h.literal[1]!, h.ignoreCase)) {
        const b = c1.charCodeAt(0);
        if (h.literal.length === 2) {
          for (let c = 0; c < 128; c++) mark(a, b, c);
          continue;
        }
        for (const c2 of variants(h.literal[2]!, h.ignoreCase)) mark(a, b, c2.charCodeAt(0));
      }
    }
  }

  if (opts.engine !== 'js') {
    const index = new Map(heads.map((h, i) => [h, i]));
    // For each pair of first characters, for each third character: the heads to compare there.
    // Each distinct list converted once: the module stores a list once per identity, and most
    // third characters of a pair share one list (the heads of one or two characters).
    const converted = new Map<Head<T>[], number[]>();
    const convert = (l: Head<T>[]) => converted.get(l) ?? converted.set(l, l.map((h) => index.get(h)!)).get(l)!;
    const lists = new Map<number, Array<number[] | undefined>>();
    for (let pair = 0; pair < pairBucket.length; pair++) {
      const b = pairBucket[pair]!;
      if (b !== 0) lists.set(pair, byThird[b - 1]!.map((l) => (l ? convert(l) : undefined)));
    }
    // Created at the first scan, not here: a V8 startup snapshot (the hook's, cli/src/hook/) builds
    // these tables while WebAssembly does not exist, and cannot hold a module; the JavaScript loop
    // answers until it exists.
    let wasm: WasmScanner | undefined;
    // Made with the module (not in a startup snapshot, which builds these tables without WebAssembly).
    let log: HitLog | undefined;
    return {
      scan(text, onHit) {
        if (typeof WebAssembly === 'undefined') return jsScan(text, onHit);
        wasm ??= createWasmScanner(gram, heads, lists);
        const own = keepLogs ? (log ??= newHitLog(heads)) : undefined;
        // A scan started from inside onHit (none does today) takes the log over: this one then stops writing to it.
        const gen = own ? startLog(own, text) : 0;
        let stopped = false;
        wasm.scan(text, (at, i, exact) => {
          const h = heads[i]!;
          // Outside ASCII the module saw only the low byte of each character: check the real ones.
          if (!exact && !sameAt(text, at, h)) return true;
          if (own?.gen === gen) logHit(own, at, i);
          if (onHit(at, h.items) !== false) return true;
          return (stopped = true), false;
        });
        if (own && !stopped && own.gen === gen && own.n >= 0) own.complete = true;
      },
      any(text) {
        if (typeof WebAssembly === 'undefined') return jsAny(text);
        wasm ??= createWasmScanner(gram, heads, lists);
        return wasm.any(text, (at, i) => sameAt(text, at, heads[i]!));
      },
    };
  }

  return { scan: jsScan, any: jsAny };

  function jsAny(text: string): boolean {
    let hit = false;
    jsScan(text, () => ((hit = true), false));
    return hit;
  }

  function jsScan(text: string, onHit: (at: number, items: readonly T[]) => boolean | void): void {
    const n = text.length;
    const ascii = (k: number) => {
      const c = k < n ? text.charCodeAt(k) : 0;
      return c < 128 ? c : 0;
    };
    let g = (ascii(0) << 7) | ascii(1);
    for (let i = 0; i < n; i++) {
      const c = i + 2 < n ? text.charCodeAt(i + 2) : 0;
      g = ((g << 7) | (c < 128 ? c : 0)) & 0x1fffff;
      if ((gram[g >> 3]! & (1 << (g & 7))) === 0) continue;
      const b = pairBucket[g >> 7]!;
      if (b === 0) continue;
      const list = byThird[b - 1]![g & 127];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const h = list[k]!;
        if (matchesAt(text, i, h) && onHit(i, h.items) === false) return;
      }
    }
  }
}

/** Does the head's literal occur at `i` (in any case if it says so)? Case-blind compares start at `from`. */
function sameAt(text: string, i: number, h: { literal: string; lower: string; ignoreCase: boolean }, from = 0): boolean {
  const n = h.literal.length;
  if (i + n > text.length) return false;
  if (!h.ignoreCase) return text.startsWith(h.literal, i);
  for (let k = from; k < n; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== h.lower.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The hits of each WebAssembly prefilter's last scan, kept so that a later pass over the same text
 * that looks for some of the same literals (the filter's glue scan, core/filter/view.ts) reads them
 * instead of scanning again (anchorOffsets). Only a scan that ran to its end counts; a text with
 * more than LOG_MAX hits is not kept (its log would stay allocated).
 */
interface HitLog {
  heads: ReadonlyArray<{ literal: string; lower: string; ignoreCase: boolean }>;
  text: string | undefined;
  /** Counts scans, so a scan knows whether the log is still its own. */
  gen: number;
  complete: boolean;
  /** Hits so far, or -1 when the scan overflowed the log. */
  n: number;
  at: Int32Array;
  head: Int32Array;
  /** For a list of literals asked about: per head, the literals it can start (or undefined). */
  covers: WeakMap<readonly string[], Array<number[] | undefined> | null>;
}

const LOG_MAX = 1 << 16;
/**
 * Whether scans keep their hits: off until a reader of anchorOffsets says it will read them
 * (keepHitLogs), so a process that never runs the filter's glue scan (a CLI scan of ordinary files) does not
 * write a log entry at every hit of every file.
 */
let keepLogs = false;

/** From now on, each WebAssembly prefilter's scan keeps its hits for anchorOffsets. */
export function keepHitLogs(): void {
  keepLogs = true;
}
/** Each prefilter's log, held weakly: a prefilter no one holds any more takes its log (and last text) with it. */
const LOGS: Array<WeakRef<HitLog>> = [];

function newHitLog(heads: HitLog['heads']): HitLog {
  const log: HitLog = { heads, text: undefined, gen: 0, complete: false, n: 0, at: new Int32Array(64), head: new Int32Array(64), covers: new WeakMap() };
  for (let k = LOGS.length - 1; k >= 0; k--) if (LOGS[k]!.deref() === undefined) LOGS.splice(k, 1);
  LOGS.push(new WeakRef(log));
  return log;
}

function startLog(log: HitLog, text: string): number {
  log.text = text;
  log.complete = false;
  log.n = 0;
  return ++log.gen;
}

function logHit(log: HitLog, at: number, head: number): void {
  const n = log.n;
  if (n < 0) return;
  if (n === log.at.length) {
    if (n >= LOG_MAX) {
      log.n = -1;
      return;
    }
    const a = new Int32Array(n * 2);
    a.set(log.at);
    log.at = a;
    const h = new Int32Array(n * 2);
    h.set(log.head);
    log.head = h;
  }
  log.at[n] = at;
  log.head[n] = head;
  log.n = n + 1;
}

/**
 * Where in `text` any of `literals` (matched case-sensitively) starts, in order, each offset once,
 * read from the last complete scan of this same text by a prefilter whose anchors include, for every
 * literal, a prefix of it (an anchor is reported at every offset it occurs, so every occurrence of
 * the literal is at one of that anchor's hits, and each is checked with startsWith); undefined
 * when no prefilter has scanned this text last (then the caller scans it itself). Detection's
 * matching pass (rules/engine.ts) runs over every rule anchor: the case-sensitive provider
 * prefixes the filter's glue scan looks for are found there already.
 */
export function anchorOffsets(text: string, literals: readonly string[]): number[] | undefined {
  for (const ref of LOGS) {
    const log = ref.deref();
    if (!log || !log.complete || log.n < 0 || log.text !== text) continue;
    const covers = coversOf(log, literals);
    if (!covers) continue;
    const out: number[] = [];
    let last = -1;
    for (let k = 0; k < log.n; k++) {
      const list = covers[log.head[k]!];
      if (list === undefined) continue;
      const at = log.at[k]!;
      if (at === last) continue;
      for (const l of list) {
        if (text.startsWith(literals[l]!, at)) {
          out.push((last = at));
          break;
        }
      }
    }
    return out;
  }
  return undefined;
}

/** Per head of `log`, which of `literals` begin with it (in its case rule); null when a literal has no such head. */
function coversOf(log: HitLog, literals: readonly string[]): Array<number[] | undefined> | null {
  let covers = log.covers.get(literals);
  if (covers !== undefined) return covers;
  const per: Array<number[] | undefined> = log.heads.map(() => undefined);
  const covered = literals.map(() => false);
  log.heads.forEach((h, i) => {
    literals.forEach((l, k) => {
      if (!(h.ignoreCase ? l.toLowerCase().startsWith(h.lower) : l.startsWith(h.literal))) return;
      (per[i] ??= []).push(k);
      covered[k] = true;
    });
  });
  covers = covered.every(Boolean) ? per : null;
  log.covers.set(literals, covers);
  return covers;
}
