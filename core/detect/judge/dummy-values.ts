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
  if (v.length < 6 || !/^[a-z]?(?:\d[a-z])+\d?$/i.test(v)) return false;
  const digits = v.replace(/[^\d]/g, '');
  const letters = v.replace(/\d/g, '').toLowerCase();
  return ('1234567890'.startsWith(digits) || '0123456789'.startsWith(digits)) && 'abcdefghijklmnopqrstuvwxyz'.startsWith(letters);
}

/** Judged run by run, left to right, so a generated value is rejected at its first odd run. */
export function isDummyValue(value: string): boolean {
  if (value.length > 64) return false;
  const v = value.includes('\\') ? value.replace(/\\u[0-9a-fA-F]{4}|\\[nrt0]/g, ' ') : value;
  if (countsInTwoAlphabets(v)) return true;
  let letters = 0;
  let marked = false;
  let onlyNouns = true;
  let i = 0;
  while (i < v.length) {
    const c = v.charCodeAt(i);
    let j = i + 1;
    if (isDigit(c)) {
      while (j < v.length && isDigit(v.charCodeAt(j))) j++;
      if (!countingDigits(v.slice(i, j))) return false;
    } else if (isUpper(c) || isLower(c)) {
      // A run of letters ends at a digit, a separator or a lower-to-upper change (`testApiKey`).
      while (j < v.length) {
        const d = v.charCodeAt(j);
        if (isLower(d) || (isUpper(d) && isUpper(v.charCodeAt(j - 1)))) j++;
        else break;
      }
      const words = segments(v.slice(i, j).toLowerCase());
      if (!words) return false;
      letters += j - i;
      for (const w of words) {
        if (MARKERS.has(w)) marked = true;
        if (!NOUNS.has(w)) onlyNouns = false;
      }
    }
    i = j;
  }
  return letters >= 3 && (marked || onlyNouns);
}
