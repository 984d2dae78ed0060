import { INVISIBLE } from '../../core/filter/view';

/**
 * The filter's glue scan written with regexes, for property tests of the fast ways: the prefixes'
 * alternation (longest first, scanning on after each match) where a word character precedes,
 * except a prefix inside the body of the key the prefix before began (key characters, invisible
 * ones and quoted-printable soft breaks between them; none is a prefix right at the end of the one before).
 */
export function glueReference(anchors: readonly string[]): (text: string) => number[] {
  const longestFirst = [...anchors].sort((x, y) => y.length - x.length);
  const alternation = new RegExp(longestFirst.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const keyBody = new RegExp(`^(?:[A-Za-z0-9_./+-]|${INVISIBLE.source}|=\\r?\\n)+$`);
  return (text) => {
    const out: number[] = [];
    let bodyStart = -1;
    for (const m of text.matchAll(alternation)) {
      if (bodyStart >= 0 && keyBody.test(text.slice(bodyStart, m.index))) continue;
      if (m.index > 0 && /[A-Za-z0-9_./]/.test(text[m.index - 1]!)) out.push(m.index);
      bodyStart = m.index + m[0].length;
    }
    return out;
  };
}
