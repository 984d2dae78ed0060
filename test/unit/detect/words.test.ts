import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { isDummyValue } from '../../../core/detect/judge/dummy-values';
import { isPlaceholder } from '../../../core/detect/judge/placeholders';
import { readFileSync } from 'node:fs';
import wordsFile from '../../../core/detect/judge/words.wordlist';
import { isMadeOfWords, isWord, letterParts, splitIntoWords, wordListLoaded, wordLookups, wordOrPrefix } from '../../../core/detect/judge/words';

// Issue #21: a generic value that is a dictionary word, or words joined, is typed by a person, not
// generated. The dictionary is built from word-list packages (scripts/wordlist.mjs), never written here.
const shown = (text: string, path = 'config.yaml') => scanText(text, { path }).filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE).map((f) => f.ruleId);
const found = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);

// Per language: words that name or describe the field (one of them a credential noun of any of the
// seven languages) and words a person chose (a guessable password, weak where it runs).
const BY_LANGUAGE: Record<string, { names: string[]; chosen: string[] }> = {
  English: { names: ['mySecretValue', 'secret_key', 'strong-password', 'SuperSecretPassword'], chosen: ['purplemonkeydishwasher', 'sunshine'] },
  German: { names: ['Passwort', 'geheimesPasswort', 'sicheres_kennwort'], chosen: ['schmetterling'] },
  French: { names: ['motdepasse', 'mot-de-passe-secret', 'CleSecrete'], chosen: ['papillon'] },
  Spanish: { names: ['claveSecreta', 'contrasena_segura', 'contrasenasegura'], chosen: ['mariposa'] },
  Italian: { names: ['chiave_segreta', 'parolaSegreta', 'passwordsicura'], chosen: ['farfalla'] },
  Portuguese: { names: ['chaveSecreta', 'senha_forte', 'senhasegura'], chosen: ['borboleta'] },
  Dutch: { names: ['geheim_wachtwoord', 'sterkWachtwoord', 'Instancewachtwoord'], chosen: ['vlinder'] },
};
const WEAK = 'weak/default-credential';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;
// fc.noBias: fast-check's default draws favour the first letters and repeated runs
// (`aaaaaaaaaaaaaMa9`), which are typed values, not the random ones these properties are about.
const randomOf = (alphabet: string, min: number, max: number) =>
  fc.noBias(fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join('')));

describe('dictionary words (word-list packages, words.ts)', function () {
  this.timeout(60000);

  it('the built word list is found and searched: words in, random letters out', () => {
    assert.ok(wordListLoaded(), 'dist/words.txt is written by scripts/build.mjs');
    for (const w of ['password', 'secret', 'passwort', 'contrasena', 'chiave', 'senha', 'wachtwoord', 'credential']) assert.ok(isWord(w), w);
    for (const w of ['qzxv', 'kjhgfd', 'xkcdqwz']) assert.ok(!isWord(w), w);
  });

  it('the list is sorted, so the binary search finds every entry (a sample of 2,000) and nothing between entries', () => {
    const lines = readFileSync(wordsFile, 'latin1').split('\n');
    assert.ok(lines[0]!.startsWith('# '), 'the first line attributes the sources');
    const words = lines.slice(1);
    assert.ok(words.length > 100_000, `${words.length} words`);
    for (let i = 1; i < words.length; i++) assert.ok(words[i - 1]! < words[i]!, `${words[i - 1]} before ${words[i]}`);
    const all = new Set(words);
    const step = Math.floor(words.length / 2000);
    for (let i = 0; i < words.length; i += step) {
      assert.ok(isWord(words[i]!), words[i]);
      assert.equal(isWord(`${words[i]}qzx`), all.has(`${words[i]}qzx`));
    }
  });

  it('lookups by the groups of two first letters answer as a search of the whole list: every word, its prefixes, and random letters (fast-check)', () => {
    const words = readFileSync(wordsFile, 'latin1').split('\n').slice(1);
    const all = new Set(words);
    // The reference: the first word not before w, by a binary search of the sorted array.
    const firstNotBefore = (w: string) => {
      let lo = 0;
      let hi = words.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (words[mid]! < w) lo = mid + 1;
        else hi = mid;
      }
      return words[lo];
    };
    const expected = (w: string) => (all.has(w) ? 2 : firstNotBefore(w)?.startsWith(w) ? 1 : 0);
    const step = Math.floor(words.length / 3000);
    for (let i = 0; i < words.length; i += step) {
      const w = words[i]!;
      for (const probe of [w, w.slice(0, 2), w.slice(0, 3), w.slice(0, -1), `${w}s`, `${w}zq`, w.slice(1)]) {
        if (probe.length < 2) continue;
        assert.equal(wordOrPrefix(probe), expected(probe), probe);
        assert.equal(isWord(probe), all.has(probe), probe);
      }
    }
    // The first and last groups of the list, and two letters past its end.
    // One letter and letters outside ASCII have no group: the whole list is searched.
    for (const probe of [words[0]!, words[words.length - 1]!, `${words[words.length - 1]!}a`, 'zz', 'zzzz', '{a', 'a{', 'a', 'q', 'z', 'über', 'été', '\u0101b']) {
      assert.equal(wordOrPrefix(probe), expected(probe), probe);
      assert.equal(isWord(probe), all.has(probe), probe);
    }
    fc.assert(
      fc.property(randomOf('abcdefghijklmnopqrstuvwxyz', 2, 12), (w) => wordOrPrefix(w) === expected(w) && isWord(w) === all.has(w)),
      { numRuns: 3000 },
    );
  });

  for (const [language, { names, chosen }] of Object.entries(BY_LANGUAGE)) {
    it(`${language}: words and compounds of words are not generated credentials; where they run a chosen one is weak`, () => {
      for (const v of [...names, ...chosen]) {
        assert.ok(isMadeOfWords(v), `${v} is made of ${language} words`);
        assert.deepEqual(shown(`api_secret: "${v}"\n`), [], v);
        assert.deepEqual(shown(`db_password: "${v}"\n`, 'docs/config.yaml'), [], `${v} in docs`);
        assert.deepEqual(found(`db_password: "${v}"\n`, 'docs/config.yaml'), chosen.includes(v) ? [WEAK] : [], `${v} in docs, below the threshold`);
      }
      for (const v of names) assert.deepEqual(shown(`db_password: "${v}"\n`), [], `${v} names the field`);
      for (const v of chosen) assert.deepEqual(shown(`db_password: "${v}"\n`), [WEAK], `${v} where it runs`);
    });
  }

  it('compounds split at separators and camelCase humps; a two-letter word only opens a run', () => {
    assert.deepEqual(letterParts('mySecretValue'), ['my', 'secret', 'value']);
    assert.deepEqual(letterParts('strong-password_VALUE.x'), ['strong', 'password', 'value', 'x']);
    assert.deepEqual(splitIntoWords('mysecretvalue'), ['my', 'secret', 'value']);
    // Pieces of one letter (random mixed case) never split into words.
    assert.equal(isMadeOfWords('aBcDeFgHiJ'), false);
  });

  it('random values of the same lengths are still credentials (fast-check)', () => {
    fc.assert(
      fc.property(randomOf(LETTERS, 12, 40), (v) => {
        // Mixed case letters only: exactly the values the word judgement looks at.
        fc.pre(/[a-z]/.test(v) && /[A-Z]/.test(v));
        assert.equal(isMadeOfWords(v), false, v);
      }),
      // A fixed seed keeps CI deterministic (unbiased, 0 of 20,000 draws missed when measured).
      { numRuns: 300, seed: 2026 },
    );
    fc.assert(
      fc.property(randomOf(ALNUM, 16, 40), (v) => {
        fc.pre(/[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v));
        assert.deepEqual(shown(`db_password: "${v}"\n`), ['secret/hardcoded-password'], v);
      }),
      { numRuns: 100, seed: 2026 },
    );
  });

  it('a value with a digit or a symbol is not looked up', () => {
    isWord('password'); // load the list first: loading is not a lookup of the value
    for (const v of ['password1', 'secret!value', 'p@ssword', 'my secret', 'clé']) {
      const before = wordLookups();
      assert.equal(isMadeOfWords(v), false, v);
      assert.equal(wordLookups(), before, `${v} was looked up`);
    }
  });

  it('possessives in the languages of docs joined to a noun are placeholders', () => {
    for (const v of ['suachave', 'yourkey', 'votreCle', 'ihrPasswort', 'tuClaveSecreta', 'vostraChiave', 'jouwWachtwoord', 'sua_chave']) assert.ok(isPlaceholder(v), v);
    assert.deepEqual(shown('https://api.example.org/v1?api_key=suachaveaqui\nAPI_KEY=votreclefapi\n', 'README.md'), []);
    // A random key that happens to start like a possessive is not one.
    assert.equal(isPlaceholder('tuXq7RkWp2LmZ9vB'), false);
    assert.equal(isPlaceholder('suQxWkTzRvPbNm'), false);
  });

  it('dummy values are told by dictionary words and a marker; the hand list keeps only jargon', () => {
    for (const v of ['token123', 'testpwd', 'test-password', 'old-token-value-1234567890', 'fake_secret_key', 'dummyApiKey']) assert.ok(isDummyValue(v), v);
    for (const v of ['rootpasswd', 'testAbQzRw', 'Xk9testQ2', 'mem0test']) assert.equal(isDummyValue(v), false, v);
  });
});
