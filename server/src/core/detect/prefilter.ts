/**
 * One pass over the text finds every place a rule could start. Anchors that begin with another
 * anchor are folded into it (`sk-` covers `sk-ant-api`), so each position yields one hit and the
 * hit's bucket holds every rule that may start there.
 */
export interface Anchor<T> {
  literal: string;
  ignoreCase: boolean;
  item: T;
}

export interface Prefilter<T> {
  regex: RegExp;
  /** Bucket lookup for a hit's matched text. */
  bucketFor(hit: string): T[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
export const caseless = (s: string) =>
  [...s].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : escape(c))).join('');

export function buildPrefilter<T>(anchors: Anchor<T>[]): Prefilter<T> {
  const sorted = [...anchors].sort((a, b) => a.literal.length - b.literal.length);
  const heads: Array<{ literal: string; ignoreCase: boolean; items: T[] }> = [];
  for (const a of sorted) {
    const head = heads.find((h) =>
      h.ignoreCase ? a.literal.toLowerCase().startsWith(h.literal.toLowerCase()) : !a.ignoreCase && a.literal.startsWith(h.literal),
    );
    if (head) {
      if (!head.items.includes(a.item)) head.items.push(a.item);
    } else heads.push({ literal: a.literal, ignoreCase: a.ignoreCase, items: [a.item] });
  }
  // A case-sensitive head that a case-insensitive head also covers must share its rules.
  const cs = new Map<string, T[]>();
  const ci = new Map<string, T[]>();
  for (const h of heads) (h.ignoreCase ? ci : cs).set(h.ignoreCase ? h.literal.toLowerCase() : h.literal, h.items);
  const alternatives = heads
    .sort((a, b) => b.literal.length - a.literal.length)
    .map((h) => (h.ignoreCase ? caseless(h.literal) : escape(h.literal)));
  const regex = new RegExp(alternatives.join('|'), 'g');
  return {
    regex,
    bucketFor(hit: string): T[] {
      const a = cs.get(hit);
      const b = ci.get(hit.toLowerCase());
      if (a && b) return [...a, ...b];
      return a ?? b ?? [];
    },
  };
}
