// The rule list in ripgrep's (Rust regex) syntax: the "equivalent pattern list" the benchmark
// times ripgrep on. The translation only ever makes ripgrep's job easier: look-arounds (which
// Rust's engine lacks) are dropped, so ripgrep matches a superset with less work per position.
import { ALL_RULES } from '../../core/detect/rules/all';
import { GENERIC_KEYWORDS } from '../../core/detect/judge/generic';

/** `(?<=…)`, `(?<!…)`, `(?=…)`, `(?!…)` removed; named groups made non-capturing; classes escaped for Rust. */
export function toRustRegex(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      // `\/` is not an escape Rust knows; every other escape in our rules is shared.
      out += source[i + 1] === '/' ? '/' : c + source[i + 1];
      i++;
    } else if (c === '[') {
      const end = classEnd(source, i);
      // Rust reads `[` inside a class as a nested class, and `&&`, `--`, `~~` as set operations.
      const body = source
        .slice(i + 1, end)
        .replace(/(?<!\\)\[/g, '\\[')
        .replace(/&&|--|~~/g, (m) => `\\${m[0]}\\${m[1]}`);
      out += `[${body}]`;
      i = end;
    } else if (/^\(\?(?:<=|<!|=|!)/.test(source.slice(i, i + 4))) {
      i = groupEnd(source, i);
    } else if (source.startsWith('(?<', i)) {
      out += '(?:';
      i = source.indexOf('>', i);
    } else {
      out += c;
    }
  }
  return out;
}

function classEnd(s: string, start: number): number {
  let j = start + 1;
  if (s[j] === '^') j++;
  if (s[j] === ']') j++;
  while (s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
  return j;
}

function groupEnd(s: string, start: number): number {
  let depth = 0;
  for (let j = start; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '[') j = classEnd(s, j);
    else if (s[j] === '(') depth++;
    else if (s[j] === ')' && --depth === 0) return j;
  }
  throw new Error(`unbalanced group at ${start}`);
}

const escapeLiteral = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const literal = (s: string, ignoreCase: boolean): string => (ignoreCase ? `(?i:${escapeLiteral(s)})` : escapeLiteral(s));

/**
 * Every pattern rule's regex; for rules judged by code (PEM blocks, `curl -u`) and for the generic
 * detector's credential words, their literal anchors (ripgrep then does less than we do).
 */
export function ripgrepRulePatterns(): string[] {
  const out = new Set<string>();
  for (const r of ALL_RULES) {
    if (r.scan) {
      for (const a of r.anchors) out.add(literal(a, !!r.anchorsIgnoreCase));
    } else {
      out.add(`${r.pattern.flags.includes('i') ? '(?i)' : ''}${toRustRegex(r.pattern.source)}`);
    }
  }
  for (const k of GENERIC_KEYWORDS) out.add(literal(k, true));
  return [...out];
}

/** The prefilter's anchor literals alone: a floor that locates candidates and judges nothing. */
export function ripgrepAnchorLiterals(): string[] {
  const out = new Set<string>();
  for (const r of ALL_RULES) for (const a of r.anchors) out.add(literal(a, !!r.anchorsIgnoreCase));
  for (const k of GENERIC_KEYWORDS) out.add(literal(k, true));
  return [...out];
}
