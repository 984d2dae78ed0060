/**
 * Dummy values: made only of words that tests and docs use for fake credentials (`token123`,
 * `test-password`, `testpwd`, `sk-ant-test123456789`, `old-token-value-1234567890ab`), counting
 * runs, and alphabet runs. A generated key always holds a run of letters that is no such word.
 */
const WORDS = new Set(
  ('test tests testing tester dummy fake mock mocked example examples sample demo secret secrets token tokens key keys api apikey ' +
    'pass password passwd pwd pw passphrase value val string str invalid valid correct wrong incorrect bad good old new temp ' +
    'temporary my your their our user username usr admin root foo bar baz qux quux hello world default custom some any another ' +
    'other random local dev only format changed updated expired revoked rotated base primary secondary private public access auth ' +
    'bearer client server app service abc abcd abcdef abcdefg xyz sk pk rk ant proj live prod staging null none empty my ' +
    'super very long short sup er s3cr3t p4ssw0rd p4ss passw0rd pa55word qwerty letmein welcome sekret shh shhh hunter ' +
    'todo here this that the for with not no yes real first second third one two three cred creds credential ' +
    'credentials db database mysql postgres redis mongo jwt hmac signing session cookie webhook whsec ghp xox gsk hf tgp lf ' +
    'ab abcde abcdefgh xx xxx yyy zzz aaa bbb ccc').split(' '),
);
const MAX_WORD = 12;
// At least one of these (or only credential nouns and a count: `token123`) makes the value a dummy;
// `rootpasswd` and `abcd1234ABCD…` are made of known words too, but nothing says they are fake.
const MARKERS = new Set(
  ('test tests testing tester dummy fake mock mocked example examples sample demo invalid valid correct wrong incorrect bad temp ' +
    'temporary old base foo bar baz qux quux your their todo here xyz abc abcd abcde abcdef abcdefg abcdefgh custom').split(' '),
);
const NOUNS = new Set('secret secrets token tokens key keys api apikey pass password passwd pwd passphrase value string str'.split(' '));

/** Splits a lower-case run of letters into known words, or returns null. */
function segments(run: string): string[] | null {
  if (WORDS.has(run)) return [run];
  // ok[i]: run.slice(0, i) is made of words.
  const from = new Int16Array(run.length + 1).fill(-1);
  from[0] = 0;
  for (let i = 1; i <= run.length; i++) {
    for (let w = Math.min(MAX_WORD, i); w >= 1; w--) {
      if (from[i - w]! >= 0 && WORDS.has(run.slice(i - w, i))) {
        from[i] = i - w;
        break;
      }
    }
  }
  if (from[run.length]! < 0) return null;
  const words: string[] = [];
  for (let i = run.length; i > 0; i = from[i]!) words.push(run.slice(from[i]!, i));
  return words;
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

/** Judged run by run, left to right, so a generated value is rejected at its first odd run. */
export function isDummyValue(value: string): boolean {
  if (value.length > 64) return false;
  const v = value.includes('\\') ? value.replace(/\\u[0-9a-fA-F]{4}|\\[nrt0]/g, ' ') : value;
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
