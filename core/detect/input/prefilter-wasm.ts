import wasmBase64 from './prefilter.wat';

/**
 * The prefilter's loop in WebAssembly (prefilter.wat): the same tables as the JavaScript loop in
 * prefilter.ts, laid out in the module's memory. On the 50 MiB benchmark corpus, prefilter alone
 * with an empty callback: 98 ms against 152 ms for the JavaScript loop; whole `scan`, 0.63 s against
 * 0.71 s (median of 9, alternating). The offsets that pass the three-character test (3% of them)
 * and the head comparisons cost a few instructions instead of array and closure lookups.
 * JavaScript keeps the work that depends on the rules (onHit).
 */

/** A head as the module sees it: its literal (lower case when matched in any case). */
export interface WasmHead {
  literal: string;
  ignoreCase: boolean;
}

const GRAM = 0;
const PAIR = 262144;
const LISTS = 327680;
const OUT = 851968;
const OUT_PAIRS = 32768;
const TEXT = OUT + OUT_PAIRS * 8;
const PAGE = 65536;

// The slice of the WebAssembly JavaScript API used here (Node has it; the ES2022 lib and
// @types/node 20 do not declare it).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface Exports {
  memory: WasmMemory;
  resume: { value: number };
  scan(text: number, start: number, n: number, cap: number, room: number): number;
}

let compiled: object | undefined;

export interface WasmScanner {
  /**
   * Calls `onHit(offset, headIndex)` for every offset where a head matches, in order of offset
   * and then of the heads' order in their pair list; stops when onHit returns false. The module
   * compares bytes (each UTF-16 unit cut to its low 8 bits), so a text with characters outside
   * ASCII can yield hits that are not real: `exact` tells the caller whether to check them.
   */
  scan(text: string, onHit: (at: number, head: number, exact: boolean) => boolean | void): void;
  /**
   * Whether a head matches anywhere in `text` that `accept(offset, headIndex)` agrees to (asked for
   * each hit: the module's bytes are exact only for ASCII): the module stops at the first offset
   * after a hit, so a text whose first anchor comes early costs a few bytes' scan, not a whole
   * pass, and no hit is handed over.
   */
  any(text: string, accept: (at: number, head: number) => boolean): boolean;
}

/**
 * Lays out the tables: `gram` (the 2^21-bit table of prefilter.ts) and, for each pair of first
 * characters and each third character, the indexes of the heads to compare there, in order.
 * A list passed in several places (the same array) and identical third-character tables are
 * stored once (the one-character anchor `|` alone would otherwise need 128 of each).
 */
export function createWasmScanner(
  gram: Uint8Array,
  heads: readonly WasmHead[],
  lists: ReadonlyMap<number, ReadonlyArray<readonly number[] | undefined>>,
): WasmScanner {
  compiled ??= new WebAssembly.Module(Buffer.from(wasmBase64, 'base64'));
  const ex = new WebAssembly.Instance(compiled).exports as unknown as Exports;
  let mem = new Uint8Array(ex.memory.buffer);
  mem.set(gram, GRAM);
  let dv = new DataView(ex.memory.buffer);
  let at = LISTS;
  const reserve = (bytes: number) => {
    const start = at;
    at += bytes;
    if (at > OUT) throw new Error(`prefilter tables need more than the ${OUT - LISTS} bytes reserved`);
    return start;
  };
  // Heads: id, length, ignoreCase, bytes (lower case when matched in any case), padded to 4.
  const headAt = heads.map((h, id) => {
    const bytes = h.ignoreCase ? h.literal.toLowerCase() : h.literal;
    const p = reserve(12 + ((bytes.length + 3) & ~3));
    dv.setInt32(p, id, true);
    dv.setInt32(p + 4, bytes.length, true);
    dv.setInt32(p + 8, h.ignoreCase ? 1 : 0, true);
    for (let k = 0; k < bytes.length; k++) mem[p + 12 + k] = bytes.charCodeAt(k);
    return p;
  });
  // Lists are stored once per array (callers pass the same array wherever the same list applies).
  const listAt = new Map<readonly number[], number>();
  const tableAt = new Map<string, number>();
  let room = 1;
  for (const [pair, thirds] of lists) {
    const entries = thirds.map((list) => {
      if (!list?.length) return 0;
      let p = listAt.get(list);
      if (p === undefined) {
        p = reserve(4 + list.length * 4);
        dv.setInt32(p, list.length, true);
        list.forEach((h, k) => dv.setInt32(p! + 4 + k * 4, headAt[h]!, true));
        listAt.set(list, p);
        room = Math.max(room, list.length);
      }
      return p;
    });
    const key = entries.join(',');
    let t = tableAt.get(key);
    if (t === undefined) {
      t = reserve(128 * 4);
      entries.forEach((p, third) => dv.setInt32(t! + third * 4, p, true));
      tableAt.set(key, t);
    }
    dv.setInt32(PAIR + pair * 4, t, true);
  }

  const load = (text: string, n: number) => {
    const need = TEXT + n + 3;
    if (ex.memory.buffer.byteLength < need) {
      ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / PAGE));
      mem = new Uint8Array(ex.memory.buffer);
      dv = new DataView(ex.memory.buffer);
    }
    // latin1 writes one byte per UTF-16 unit (its low 8 bits): offsets stay the same.
    Buffer.from(ex.memory.buffer).write(text, TEXT, n, 'latin1');
    mem[TEXT + n] = mem[TEXT + n + 1] = mem[TEXT + n + 2] = 0;
  };

  return {
    any(text, accept) {
      const n = text.length;
      load(text, n);
      const out = new Int32Array(ex.memory.buffer, OUT, OUT_PAIRS * 2);
      // A capacity of one offset's heads: the module returns at the first offset after a hit. Each
      // hit is checked against the text (a few characters) instead of asking first whether the text
      // is ASCII: that question (its UTF-8 length) reads the whole text, 6-8 µs for 10 KB.
      for (let start = 0; start < n; ) {
        const count = ex.scan(TEXT, start, n, room, room);
        for (let k = 0; k < count; k++) if (accept(out[2 * k]!, out[2 * k + 1]!)) return true;
        start = ex.resume.value;
      }
      return false;
    },
    scan(text, onHit) {
      const n = text.length;
      load(text, n);
      // Bytes are exact when every unit is ASCII: then the UTF-8 length is the length.
      const exact = Buffer.byteLength(text, 'utf8') === n;
      const out = new Int32Array(ex.memory.buffer, OUT, OUT_PAIRS * 2);
      for (let start = 0; start < n; ) {
        const count = ex.scan(TEXT, start, n, OUT_PAIRS, room);
        for (let k = 0; k < count; k++) {
          if (onHit(out[2 * k]!, out[2 * k + 1]!, exact) === false) return;
        }
        start = ex.resume.value;
      }
    },
  };
}
