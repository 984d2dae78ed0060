// Builds the dictionary the value judgement reads (core/detect/judge/words.ts): the common words of
// the languages docs are written in, from the zxcvbn-ts language packages (MIT; word frequencies from
// OpenSubtitles via OPUS, ODC-BY), lower-cased, folded to ASCII (`contraseña` → `contrasena`: a
// value is judged in the credential alphabet), sorted and joined by line breaks. The judgement
// binary-searches that one string, so no worker holds a Set of words; the build writes it to
// dist/words.txt, read only when a value made of letters needs the word judgement.
//   node scripts/wordlist.mjs [OUT]   (prints counts; writes OUT when given)
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** The packages, one per language; the common-words list of each (names and Wikipedia titles are not words of the language). */
export const WORD_PACKAGES = ['en', 'de', 'fr', 'es-es', 'it', 'pt-br', 'nl-be'].map((l) => `@zxcvbn-ts/language-${l}`);

function commonWords(pkg) {
  const { dictionary } = require(pkg);
  const key = Object.keys(dictionary).find((k) => k.startsWith('commonWords'));
  if (!key) throw new Error(`${pkg}: no commonWords list`);
  return dictionary[key];
}

/** The sorted, line-joined word list: every entry 2 to 24 ASCII letters after folding. */
export function buildWordList() {
  const words = new Set();
  for (const pkg of WORD_PACKAGES) {
    for (const entry of commonWords(pkg)) {
      // `deixar-te`, `l'homme`, `full-bodied`: each part is a word of its own.
      for (const part of String(entry).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[-'’ ]+/)) {
        if (/^[a-z]{2,24}$/.test(part)) words.add(part);
      }
    }
  }
  // Code-unit order, which is what the lookup's comparisons use.
  return [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const list = buildWordList();
  console.log(`${list.split('\n').length} words, ${list.length} bytes`);
  if (process.argv[2]) writeFileSync(process.argv[2], list);
}
