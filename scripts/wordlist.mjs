// Builds the dictionary the value judgement reads (core/detect/judge/words.ts): the common words of
// the languages docs are written in, from the zxcvbn-ts language packages (MIT; word frequencies from
// OpenSubtitles via OPUS, ODC-BY), lower-cased, folded to ASCII (`contraseña` → `contrasena`: a
// value is judged in the credential alphabet), sorted and joined by line breaks. The judgement
// binary-searches that one string, so no worker holds a Set of words; the build writes it to
// dist/words.txt, read only when a value made of letters needs the word judgement.
//   node scripts/wordlist.mjs [OUT]   (prints counts; writes OUT when given)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The packages, one per language; the common-words list of each (names and Wikipedia titles are not words of the language). */
export const WORD_PACKAGES = ['en', 'de', 'fr', 'es-es', 'it', 'pt-br', 'nl-be'].map((l) => `@zxcvbn-ts/language-${l}`);

function commonWords(pkg) {
  const { dictionary } = require(pkg);
  const key = Object.keys(dictionary).find((k) => k.startsWith('commonWords'));
  if (!key) throw new Error(`${pkg}: no commonWords list`);
  return dictionary[key];
}

/**
 * Subtitles are short of the words of software (`credential`, `passphrase`): the English hunspell
 * dictionary (`dictionary-en`, MIT and BSD) adds its lower-case stems and their suffixed forms
 * (hunspell `SFX` rules: plurals, -ed, -ing…). The German and Italian hunspell dictionaries are GPL,
 * which this MIT extension cannot ship; their common words come from zxcvbn-ts above.
 */
export const HUNSPELL_PACKAGES = ['dictionary-en'];

function hunspellWords(pkg) {
  const dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  const aff = readFileSync(join(dir, 'index.aff'), 'utf8').split('\n');
  const dic = readFileSync(join(dir, 'index.dic'), 'utf8').split('\n').slice(1);
  const rules = new Map();
  for (const line of aff) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'SFX' || f.length < 5) continue; // a header has four fields, a rule five or more
    const [, flag, strip, add, cond] = f;
    const list = rules.get(flag) ?? [];
    list.push({ strip: strip === '0' ? '' : strip, add: add === '0' ? '' : add.split('/')[0], cond: new RegExp(`${cond === '.' ? '' : cond}$`) });
    rules.set(flag, list);
  }
  const out = [];
  for (const line of dic) {
    const [stem, flags = ''] = line.trim().split('/');
    if (!stem || stem !== stem.toLowerCase()) continue; // proper names and acronyms are not words of the language
    out.push(stem);
    for (const flag of flags) {
      for (const r of rules.get(flag) ?? []) {
        if (r.cond.test(stem) && stem.endsWith(r.strip)) out.push(stem.slice(0, stem.length - r.strip.length) + r.add);
      }
    }
  }
  return out;
}

const ATTRIBUTION =
  '# Rotation Guard word list (scripts/wordlist.mjs): common words of the zxcvbn-ts language packages (MIT), from OpenSubtitles 2024 via OPUS (ODC-BY, https://opus.nlpl.eu/datasets/OpenSubtitles); English hunspell dictionary dictionary-en (MIT AND BSD, SCOWL).';

/** The sorted, line-joined word list: every entry 2 to 24 ASCII letters after folding. */
export function buildWordList() {
  const words = new Set();
  const lists = [...WORD_PACKAGES.map(commonWords), ...HUNSPELL_PACKAGES.map(hunspellWords)];
  for (const list of lists) {
    for (const entry of list) {
      // `deixar-te`, `l'homme`, `full-bodied`: each part is a word of its own.
      for (const part of String(entry).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[-'’ ]+/)) {
        if (/^[a-z]{2,24}$/.test(part)) words.add(part);
      }
    }
  }
  // Code-unit order, which is what the lookup's comparisons use. The first line, the sources'
  // attribution (ODC-BY asks for it), sorts before every word (`#` is below `a`).
  const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [ATTRIBUTION, ...sorted].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const list = buildWordList();
  console.log(`${list.split('\n').length} words, ${list.length} bytes`);
  if (process.argv[2]) writeFileSync(process.argv[2], list);
}
