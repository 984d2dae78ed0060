import type { rawMatches } from '../detect/index';
import { matchesIn } from './anchor-free';
import { withoutInvisible } from './view';

/**
 * Keys hard-wrapped across lines (a terminal, an e-mail, a PEM-like dump): the token that ends a
 * line is joined with the first token of the following lines, one more at a time, and detection
 * runs on each join. The longest join that yields a match crossing its last line break wins, so a
 * fixed-length key is not lost to the next line's word, and a variable-length one takes every
 * piece it can. Only tokens that look like the start of a key are tried (a rule's prefix, or a
 * long run of key characters), so prose lines cost nothing.
 */
const MAX_PIECES = 6;
const MAX_LENGTH = 1024;
const KEY_START = /(?:sk-|ghp_|gh[ousr]_|github_pat_|xox[a-z]-|AKIA|ASIA|AIza|glpat-|eyJ|hf_|gsk_|r8_|pplx-|xai-|npm_|SG\.|pcsk_|lsv2_|sk_live_|rk_live_|dckr_)|[A-Za-z0-9_\-+/=]{16,}/;

/** [A-Za-z0-9_\-+/=.] by character code (a regex test per character cost more than the scan). */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 95 || c === 45 || c === 43 || c === 61 || c === 46;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Whether KEY_START can match in [from, to): a run of 16 needs 16 characters, and every prefix
 * holds `-`, `_`, `A`, `J` or is `SG.`. Most lines end in a short word, which this rejects without
 * running the regex (a test per line was most of this scan).
 */
function mayStartKey(text: string, from: number, to: number): boolean {
  if (to - from >= 16) return true;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 45 || c === 95 || c === 65 || c === 74 || (c === 46 && k >= from + 2 && text.startsWith('SG', k - 2))) return true;
  }
  return false;
}

export interface WrappedMatch {
  start: number;
  end: number;
  ruleId: string;
  value: string;
  secretId?: string;
}

export function wrappedKeys(text: string, opts: Parameters<typeof rawMatches>[1]): WrappedMatch[] {
  const out: WrappedMatch[] = [];
  let nl = text.indexOf('\n');
  while (nl >= 0) {
    const lineEnd = nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const next = text.indexOf('\n', nl + 1);
    let t = lineEnd;
    if (isTokenChar(text.charCodeAt(lineEnd - 1))) while (t > 0 && !isBlank(text.charCodeAt(t - 1)) && text.charCodeAt(t - 1) !== 10) t--;
    if (lineEnd - t >= 3 && mayStartKey(text, t, lineEnd) && KEY_START.test(text.slice(t, lineEnd))) {
      const found = tryJoins(text, t, lineEnd, nl, opts);
      if (found) {
        out.push(found);
        nl = text.indexOf('\n', Math.max(nl + 1, found.end));
        continue;
      }
    }
    nl = next;
  }
  return out;
}

function tryJoins(text: string, t: number, lineEnd: number, nl: number, opts: Parameters<typeof rawMatches>[1]): WrappedMatch | undefined {
  // pieces[i] = [start, end) in the original; the candidate is their concatenation.
  const pieces: Array<[number, number]> = [[t, lineEnd]];
  let total = lineEnd - t;
  let at = nl + 1;
  let best: WrappedMatch | undefined;
  // A key already whole on its line takes a next line only when that line is nothing but a long
  // token (a wrapped key's next piece), not the next line of code or prose.
  // Detection on the line's own token runs only once a next piece exists (most candidates have none).
  let wholeAlready: boolean | undefined;
  while (pieces.length < MAX_PIECES && at < text.length) {
    let s = at;
    while (s < text.length && isBlank(text.charCodeAt(s))) s++;
    let e = s;
    while (e < text.length && isTokenChar(text.charCodeAt(e))) e++;
    if (e === s || total + (e - s) > MAX_LENGTH) break;
    wholeAlready ??= matchesIn(text.slice(t, lineEnd), opts).some((m) => m.end === lineEnd - t);
    if (wholeAlready && (e - s < 8 || !lineEndsAt(text, e))) break;
    pieces.push([s, e]);
    total += e - s;
    const cand = pieces.map(([a, b]) => text.slice(a, b)).join('');
    const lastJoin = total - (e - s);
    for (const m of matchesIn(cand, opts)) {
      if (m.start >= lineEnd - t || m.end <= lastJoin) continue; // must start on the first line and cross the last break
      best = { start: toOriginal(pieces, m.start), end: toOriginal(pieces, m.end - 1) + 1, ruleId: m.ruleId, value: withoutInvisible(cand.slice(m.start, m.end)) };
      const secretId = (m as { secretId?: string }).secretId;
      if (secretId) best.secretId = secretId;
    }
    // The piece did not fill its line: the wrap ends here.
    if (!lineEndsAt(text, e)) break;
    const nextNl = text.indexOf('\n', e);
    if (nextNl < 0) break;
    at = nextNl + 1;
  }
  return best;
}

function lineEndsAt(text: string, at: number): boolean {
  let rest = at;
  while (rest < text.length && isBlank(text.charCodeAt(rest))) rest++;
  return rest >= text.length || text[rest] === '\n' || text[rest] === '\r';
}

function toOriginal(pieces: Array<[number, number]>, offset: number): number {
  let left = offset;
  for (const [a, b] of pieces) {
    if (left < b - a) return a + left;
    left -= b - a;
  }
  const last = pieces[pieces.length - 1]!;
  return last[1];
}
