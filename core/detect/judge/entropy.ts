/** Shape measures used to tell random credentials from words, identifiers and placeholders. */

/** Shannon entropy in bits per character. */
// Reused counting table for ASCII input (values are short; the table is cleared after each use).
const COUNTS = new Uint32Array(128);

export function shannonEntropy(s: string): number {
  if (!s.length) return 0;
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 128;
  let h = 0;
  if (ascii) {
    for (let i = 0; i < s.length; i++) COUNTS[s.charCodeAt(i)]!++;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const n = COUNTS[c]!;
      if (n === 0) continue;
      const p = n / s.length;
      h -= p * Math.log2(p);
      COUNTS[c] = 0;
    }
    return h;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export interface CharClasses {
  lower: boolean;
  upper: boolean;
  digit: boolean;
  symbol: boolean;
}

export function charClasses(s: string): CharClasses {
  let lower = false, upper = false, digit = false, symbol = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 48 && c <= 57) digit = true;
    else symbol = true;
  }
  return { lower, upper, digit, symbol };
}

/**
 * Upper bound of the guessing work for a value, in bits: length times log2 of the alphabet its
 * character classes span. Used to decide whether a plain hash of the value is safe to publish.
 */
export function searchSpaceBits(s: string): number {
  const c = charClasses(s);
  const alphabet = (c.lower ? 26 : 0) + (c.upper ? 26 : 0) + (c.digit ? 10 : 0) + (c.symbol ? 33 : 0);
  return alphabet ? s.length * Math.log2(alphabet) : 0;
}

/** Longest run of one repeated character. */
export function longestRun(s: string): number {
  let best = 0, run = 0;
  for (let i = 0; i < s.length; i++) {
    run = i > 0 && s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** Longest strictly ascending or descending run by one (abcdef, 123456, 987654). */
export function longestSequence(s: string): number {
  let best = 1, up = 1, down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return s.length ? best : 0;
}

/**
 * The share of a value's characters that follow from the one or two before them by a typist's
 * pattern: the same again, the next or the previous one (`1234`, `abcd`, `0011`), or the next after
 * the one before last (`a1b2c3`, `A1B2C3`, `00112233`). A random draw follows so by chance at a few
 * per cent of positions (four chances in an alphabet of 62); a counting or alphabet run typed as a
 * fake key (`AIza0123456789abcdef…`, `xoxb-12345678-1234567890123-…`, `a1b2c3d4e5f6…`) at most.
 */
export function patternedShare(s: string): number {
  if (s.length < 3) return 0;
  let n = 0;
  for (let i = 2; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const p = s.charCodeAt(i - 1);
    if (c === p || c === p + 1 || c === p - 1 || c === s.charCodeAt(i - 2) + 1) n++;
  }
  return n / (s.length - 2);
}

/**
 * A value typed as a pattern, not drawn: its body (after the last `=`, `:` or blank, so a name or
 * a scheme before it does not count) of 16 or more characters, not all digits, has a patterned
 * share of 0.65 or more. Drawn bodies reach that by chance at most a few times in 100,000 (hex of
 * 16-24 characters; base62 never in 200,000 draws); typed fakes sit at 0.68-0.95.
 */
export function isTypedPattern(value: string): boolean {
  const body = value.slice(Math.max(value.lastIndexOf('='), value.lastIndexOf(':'), value.lastIndexOf(' ')) + 1);
  return body.length >= 16 && !/^\d+$/.test(body) && patternedShare(body) >= 0.65;
}

/**
 * Alphabets written out in order (`abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`,
 * a character set, or a key typed as one): counting runs of six or more characters cover over 60 %
 * of a value of 16 or more. A drawn value holds such a run about once in a million positions (hex),
 * far less often in a larger alphabet.
 */
export function spellsAlphabets(s: string): boolean {
  const n = s.length;
  if (n < 16) return false;
  let up = 1, inRuns = 0;
  for (let i = 1; i < n; i++) {
    if (s.charCodeAt(i) - s.charCodeAt(i - 1) === 1) up++;
    else {
      inRuns += up >= 6 ? up : 0;
      up = 1;
    }
  }
  inRuns += up >= 6 ? up : 0;
  return inRuns * 5 > n * 3;
}

/**
 * Characters stepping through the alphabet at a fixed period (`…jK5lM6nN7oO8pP9qQ0rR1…`: a letter,
 * its capital and a digit, each one on from three characters before): a sequence typed to look
 * like a key, a test's or a reader's fake as the typed patterns are (placeShapeMatches). Runs
 * where the character two, three or four places on is the next one (letters case-folded, digits
 * wrapping) cover half of a value of 32 or more; a drawn value has such a step about once in 60
 * positions, and a run of twelve about never.
 */
export function stepsThroughAlphabet(s: string): boolean {
  const n = s.length;
  if (n < 32) return false;
  for (let p = 2; p <= 4; p++) {
    let run = 0, covered = 0;
    for (let i = 0; i + p < n; i++) {
      if (nextInAlphabet(s.charCodeAt(i), s.charCodeAt(i + p))) run++;
      else {
        covered += run >= 12 ? run + p : 0;
        run = 0;
      }
    }
    covered += run >= 12 ? run + p : 0;
    if (covered * 2 >= n) return true;
  }
  return false;
}

function nextInAlphabet(a: number, b: number): boolean {
  if (a >= 48 && a <= 57) return b === (a === 57 ? 48 : a + 1);
  const la = a | 32, lb = b | 32;
  if (la < 97 || la > 122 || lb < 97 || lb > 122) return false;
  return lb === (la === 122 ? 97 : la + 1);
}

// Reused by distinctChars and cleared after each use: a typed array of 128 bytes is allocated
// outside the JavaScript heap, and one per judged value (every distinct key a rule matches) cost
// more than the count, in the allocation and in the garbage collector's sweep of its buffer.
const SEEN = new Uint8Array(128);

/** Number of distinct characters. */
export function distinctChars(s: string): number {
  let n = 0;
  let other: Set<string> | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (SEEN[c] === 0) {
        SEEN[c] = 1;
        n++;
      }
    } else (other ??= new Set()).add(s[i]!);
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) SEEN[c] = 0;
  }
  return n + (other?.size ?? 0);
}

/**
 * Does `s` hold `max` distinct characters or fewer (`distinctChars(s) <= max`)? Stops at the first
 * character over the count: a generated key passes it within a few characters, and every distinct
 * key a rule matches is asked.
 */
export function atMostDistinctChars(s: string, max: number): boolean {
  let n = 0;
  let other: Set<string> | undefined;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i++);
    if (c < 128) {
      if (SEEN[c] === 0) {
        SEEN[c] = 1;
        n++;
      }
    } else (other ??= new Set()).add(s[i - 1]!);
    if (n + (other?.size ?? 0) > max) break;
  }
  for (let k = 0; k < i; k++) {
    const c = s.charCodeAt(k);
    if (c < 128) SEEN[c] = 0;
  }
  return n + (other?.size ?? 0) <= max;
}

/** A rule validator accepting values with at least `min` bits/char of Shannon entropy. */
export const minEntropy = (min: number, confidence = 0.9) => (v: string): number | null => (shannonEntropy(v) >= min ? confidence : null);
