/**
 * One pass over the text finds every place a rule could start. A single regex alternation of a
 * hundred anchors is slow in V8 (it tries each alternative at each position), so the scan is a
 * hand-written loop: a table of possible first characters, then a lookup by the first two
 * characters, then a literal comparison. Anchors that begin with another anchor are folded into
 * it (`sk-` covers `sk-ant-api`), so each anchor occurrence yields one bucket of rules.
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

export interface Prefilter<T> {
  /** Calls `onHit(offset, items)` for every anchor occurrence in order; stops when it returns false. */
  scan(text: string, onHit: (at: number, items: readonly T[]) => boolean | void): void;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** A regex source matching `s` in any letter case, for use inside case-sensitive patterns. */
export const caseless = (s: string) =>
  [...s].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');

const variants = (c: string, ignoreCase: boolean) => (ignoreCase && c.toLowerCase() !== c.toUpperCase() ? [c.toLowerCase(), c.toUpperCase()] : [c]);

export function buildPrefilter<T>(anchors: Anchor<T>[]): Prefilter<T> {
  const sorted = [...anchors].sort((a, b) => a.literal.length - b.literal.length);
  const heads: Head<T>[] = [];
  for (const a of sorted) {
    const head = heads.find((h) =>
      h.ignoreCase ? a.literal.toLowerCase().startsWith(h.lower) : !a.ignoreCase && a.literal.startsWith(h.literal),
    );
    if (head) {
      if (!head.items.includes(a.item)) head.items.push(a.item);
    } else heads.push({ literal: a.literal, lower: a.literal.toLowerCase(), ignoreCase: a.ignoreCase, items: [a.item] });
  }
  // Anchors are ASCII, so dense tables indexed by character codes below 128 replace hashing.
  const single: Array<Head<T>[] | undefined> = new Array(128).fill(undefined); // one-character anchors
  const byPair: Array<Head<T>[] | undefined> = new Array(128 * 128).fill(undefined);
  for (const h of heads) {
    if (/[^\x00-\x7f]/.test(h.literal)) throw new Error(`anchor '${h.literal}' is not ASCII`);
    for (const c0 of variants(h.literal[0]!, h.ignoreCase)) {
      if (h.literal.length === 1) {
        const k = c0.charCodeAt(0);
        single[k] = [...(single[k] ?? []), h];
        continue;
      }
      for (const c1 of variants(h.literal[1]!, h.ignoreCase)) {
        const k = (c0.charCodeAt(0) << 7) | c1.charCodeAt(0);
        byPair[k] = [...(byPair[k] ?? []), h];
      }
    }
  }
  for (const list of byPair) list?.sort((a, b) => b.literal.length - a.literal.length);
  // Third-character filter per pair: most occurrences of a common pair ("to", "ke") end there.
  const third: Array<Uint8Array | undefined> = byPair.map((list) => {
    if (!list) return undefined;
    const allowed = new Uint8Array(129); // index 128: any character (a two-character anchor)
    for (const h of list) {
      if (h.literal.length === 2) allowed.fill(1);
      else for (const c of variants(h.literal[2]!, h.ignoreCase)) allowed[c.charCodeAt(0)] = 1;
    }
    return allowed;
  });

  const matchesAt = (text: string, i: number, h: Head<T>): boolean => {
    const n = h.literal.length;
    if (i + n > text.length) return false;
    if (!h.ignoreCase) return text.startsWith(h.literal, i);
    for (let k = 2; k < n; k++) {
      let c = text.charCodeAt(i + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== h.lower.charCodeAt(k)) return false;
    }
    return true;
  };

  return {
    scan(text, onHit) {
      const n = text.length;
      let c1 = n > 0 ? text.charCodeAt(0) : 0;
      for (let i = 0; i < n; i++) {
        const c0 = c1;
        c1 = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c0 >= 128) continue;
        const one = single[c0];
        if (one !== undefined) for (const h of one) if (onHit(i, h.items) === false) return;
        if (c1 >= 128) continue;
        const pair = (c0 << 7) | c1;
        const list = byPair[pair];
        if (list === undefined) continue;
        const c2 = i + 2 < n ? text.charCodeAt(i + 2) : 128;
        if (third[pair]![c2 < 128 ? c2 : 128] === 0) continue;
        for (const h of list) {
          if (matchesAt(text, i, h)) {
            if (onHit(i, h.items) === false) return;
          }
        }
      }
    },
  };
}
