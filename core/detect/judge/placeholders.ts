import { atMostDistinctChars, longestSequence, shannonEntropy } from './entropy';
import { memoByText } from '../input/detach';
import { isPublishedExample } from './public-examples';
import { isMadeOfWords, isWord, letterParts, splitIntoWords } from './words';

/**
 * Indirect values (the value lives elsewhere) and placeholders (the value was never real) are not
 * findings. Both are judged on the candidate value alone, so every rule shares one definition.
 */

// Syntaxes that point at a store or the environment instead of holding a value.
const INDIRECT_RES: RegExp[] = [
  /^\$\{\{?\s*[^}]{1,200}\}\}?$/, // ${VAR}, ${env:VAR}, ${{ secrets.X }}
  /^\$\{[^}]{0,200}\}?/, // starts with ${ (possibly cut by a quote inside)
  /^\$\(/, // $(command)
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$env:[A-Za-z_][A-Za-z0-9_]*$/i, // $env:VAR (PowerShell's Env: drive)
  // %VAR% (Windows); a Symfony container parameter (`%kernel.secret%`) or environment variable
  // read through its processors (`%env(APP_SECRET)%`, `%env(resolve:DATABASE_URL)%`).
  /^%(?:[A-Za-z_][\w.]*|env\([\w:.-]{1,100}\))%$/,
  /^\{\{.{0,200}\}\}$/, // {{ env.X }} / Jinja / Handlebars
  /^\{\{/, // template expression
  /^\{%/, // template tag
  /^<%.*%>$/, // ERB
  /^os\.environ/, // os.environ/VAR (LiteLLM), os.environ["X"]
  /^os\.getenv/,
  /^process\.env\b/,
  /^import\.meta\.env\b/,
  /^env\(/i, // env('X') in Laravel, Terraform
  /^(?:op|vault|secret|secrets|sm|ssm|keyvault|azurekeyvault|gcpsm|awssm|doppler|infisical|bws|pass|keychain|env):\/\//i, // op://vault/item/field, vault://…
  /^arn:aws:secretsmanager:/,
  /^projects\/[^/]+\/secrets\//, // GCP Secret Manager resource name
  /^(?:secret|kv)\/(?:data\/)?[A-Za-z0-9_-]+\//, // Vault KV paths
  /^@Microsoft\.KeyVault\(/,
  /^\(\(.*\)\)$/, // Concourse ((var))
  /^#\{.*\}$/, // Ruby/Octopus #{var}
  /^(?:secrets|vars|env|inputs|steps|needs)\.[A-Za-z_][\w-]*$/, // a GitHub Actions context written without ${{ }}
  /^ENC\[[A-Z0-9_]+,/, // SOPS-encrypted value
];

/** An indirect value: it refers to a secret held elsewhere (env var, template variable, vault path) rather than holding one. */
const INDIRECT_RE = new RegExp(INDIRECT_RES.map((r) => `(?:${r.source})`).join('|'), 'i');

export function isIndirect(value: string): boolean {
  const c = value.trimStart().charCodeAt(0);
  // A `$` escaped by backslashes (`\\${env:${6:OPENAI_API_KEY}}` in a string that writes a snippet or
  // a template) is still the reference: the escape only keeps the writing language from expanding it.
  if (c === 92) return /^\\+\$/.test(value.trimStart()) && isIndirect(value.trimStart().replace(/^\\+/, ''));
  // Every indirect syntax starts with one of these characters: skip the regex for the rest.
  if (c !== 36 && c !== 37 && c !== 123 && c !== 60 && c !== 40 && c !== 35 && c !== 64 && c !== 69 && !/^[a-z]/i.test(value.trimStart())) return false;
  return INDIRECT_RE.test(value.trim());
}

// Words that mark example or placeholder values, matched inside the value (case-insensitive). A
// determiner before the field's own noun describes a value instead of being one: `your_api_key`,
// `mypassword`, `somepassword`, `anysecret`, `the-token`, `someuser` (as a URL's user).
const PLACEHOLDER_WORDS =
  /(?:your|my)[-_ ]?(?:own[-_ ]?)?(?:api[-_ ]?)?(?:key|token|secret|pass|password|pwd)|(?:^|[^a-z])(?:some|any|our|the|this|other)[-_ ]?(?:api[-_ ]?)?(?:key|token|secret|pass|password|passwd|pwd|user|username)(?:[^a-z]|$)|placeholder|not[-_ ]?(?:required|needed)|changeme|change[-_]me|replace[-_]?me|replace[-_]?(?:this|it)[-_]?with|redacted|dummy|example|sample|fake|notreal|not[-_]a[-_](?:real|secret)|insert[-_]|enter[-_]your|(?:^|[^a-z])(?:todo|fixme|xxx|foobar|lorem|ipsum)(?:[^a-z]|$)|(?:^|[^a-z])here(?:[^a-z]|$)|^(?:test|testing|invalid|secret|password|passwd|pass|token|apikey|api[-_]key|none|null|nil|undefined|true|false|admin|root|default|string|value|empty|required|optional|unknown|number|integer|int|str|bool|boolean|float|object|array|replace|change|tbd)$/i;

/**
 * The second person's possessives in the languages of docs (Portuguese, Spanish, French, German,
 * Italian, Dutch), and English `your`/`their`/`my`: before the field's noun (`sua_chave`,
 * `votre-cle`, `ihrToken`, `suachave`) they describe a value instead of being one. A grammar fact no
 * word list holds; the noun after them is looked up in the dictionary (possessiveCompound).
 */
const POSSESSIVES = 'your their my sua seu suas seus tua teu tuo tuoi vostro vostra votre vos ton ta tes tu tus su sus ihr ihre ihren dein deine deinen uw jouw je'.split(' ');
const POSSESSIVE_RE = POSSESSIVES.filter((p) => !['your', 'their', 'my'].includes(p)).join('|');

// <your-key>, [token]; elided (sk-..., sk-proj-…abcd); masked or filled (****, xxxxx, ####, 00000000).
const MARKERS = new RegExp(
  `^__[A-Za-z0-9_]{3,80}__$|^<[^<>]{0,80}>$|^\\[[^[\\]]{0,80}\\]$|^\\{[A-Za-z][^{}]{0,80}\\}$|^(?:your|their|my)[-_ ]|^(?:${POSSESSIVE_RE})[-_ ][a-z]+(?:[-_ ][a-z]+)*$|\\.\\.\\.|…|\\*{3,}|•{2,}|[xX]{5,}|#{4,}|0{8,}`,
);

/**
 * A possessive joined to dictionary words without a separator or in camelCase (`suachave`,
 * `yourkey`, `votreCleApi`, `tuClaveSecreta`): the words after it must be long on average, as words
 * of a language are and chance pieces of a random key are not.
 */
function possessiveCompound(v: string, parts: string[] | null): boolean {
  if (v.length > 40) return false;
  if (!parts) return false;
  const first = parts[0]!;
  // Without a possessive at its start nothing below can hold; asked first, so a random key's
  // letters are not split into words for nothing.
  if (!POSSESSIVES.some((p) => first.startsWith(p))) return false;
  // Read as words, the first part must open with the possessive: `supersecret` is super and
  // secret, not su (Spanish "your") and persecret.
  const read = splitIntoWords(first);
  if (read && !POSSESSIVES.includes(read[0]!)) return false;
  for (const p of POSSESSIVES) {
    if (!first.startsWith(p)) continue;
    const rest = [first.slice(p.length), ...parts.slice(1)].filter(Boolean);
    let letters = 0;
    let words = 0;
    const ok = rest.length > 0 && rest.every((r) => {
      const w = splitIntoWords(r, undefined, false);
      letters += r.length;
      words += w?.length ?? 0;
      return w !== null;
    });
    if (ok && letters >= 3 && letters >= words * 3) return true;
  }
  return false;
}

/**
 * The nouns of credentials in the seven languages of the word list (English, German, French,
 * Spanish, Italian, Portuguese, Dutch; accents folded, as the list holds them) and in seven more. A value made of
 * them alone is the field's own name written where its value goes (`senha`, `Passwort`,
 * `mot_de_passe`, `secret_key`, `chiave_segreta`), as `password` is in English. (`secret` is a noun
 * here in every language: the adjective names the field too, `clé secrète` is a secret key.) Nouns are grammar of the field, not
 * vocabulary a word list marks, so they are listed here; the other words are looked up in the list.
 */
const CREDENTIAL_NOUNS = new Set(
  (
    'password passwords passphrase passcode secret secrets apikey api token tokens credential credentials key keys ' +
    'authorization authentication bearer ' +
    'passwort passworte kennwort schluessel schlussel geheimnis zugangsdaten geheim geheime geheimes geheimer geheimen ' + // German
    'motdepasse mot passe cle cles jeton jetons secrete secretes ' + // French
    'contrasena contrasenas clave claves llave secreto secreta secretos ' + // Spanish
    'chiave chiavi parola segreto segreta ' + // Italian
    'senha senhas chave chaves segredo secreta ' + // Portuguese
    'wachtwoord sleutel geheim secreet ' + // Dutch
    // Languages the word list does not hold, whose nouns still name the field (folded: `lösenord`,
    // `hasło`, `klíč`): Danish, Norwegian, Swedish, Polish, Czech, Finnish, Indonesian.
    'adgangskode kodeord passord losenord nyckel haslo klucz heslo klic salasana avain sandi kunci'
  ).split(' '),
);

/**
 * Words that mark a sample in the same languages (example, placeholder, here, change): one of them
 * among dictionary words makes the value a placeholder (`beispiel_passwort`, `senha-aqui`,
 * `ejemplo`, `cambiame`).
 */
const SAMPLE_MARKERS = new Set(
  (
    'example examples sample placeholder dummy here changeme ' +
    'beispiel muster aendern andern ' + // German
    'exemple ici changer changez ' + // French
    'ejemplo aqui cambiar cambiame ' + // Spanish
    'esempio qui cambiare cambiami ' + // Italian
    'exemplo mudar altere trocar ' + // Portuguese
    'voorbeeld hier wijzigen wijzig' // Dutch
  ).split(' '),
);

/** A credential noun or a sample marker anywhere in a run of letters. */
const FIELD_WORD_INSIDE = new RegExp([...CREDENTIAL_NOUNS, ...SAMPLE_MARKERS].join('|'));

// Articles and possessives: short words a description opens with (`la_tua_password`, `il_tuo_token`).
const SHORT_WORDS = new Set([...POSSESSIVES, ...'a o the la le il lo el los las de del di da du der die das het een un une uno una'.split(' ')]);

/**
 * Does the value, made of dictionary words, name or describe the field, or mark a sample? One of its
 * words is a credential noun (`mot-de-passe`, `la_tua_password`, `strong-password`,
 * `contrasena_segura`, `Instancewachtwoord`) or a sample marker (`senha_aqui`, `beispiel`). Letters
 * and separators only; accents are folded first (`contraseña`, `clé`). Read on the pool of issue
 * #21 and four held-out repositories: such values were descriptions in docs and tests and labels
 * of translated interfaces, never a password where it runs (`rootpasswd`, whose noun is jargon, is
 * not a dictionary compound and stays a value). Words without a noun are a chosen password, weak
 * (weak-defaults.ts judgePassword).
 */
export function describesTheField(value: string): boolean {
  return fieldWords(value) !== 'none';
}

/** `describesTheField` for a value whose `letterParts` the caller has already computed (judgePlaceholder). */
function describesTheFieldIn(value: string, parts: string[] | null): boolean {
  return fieldWords(value, parts) !== 'none';
}

/**
 * Credential nouns and a number, nothing else (`secretKey456`, `token123`): what the benchmarks'
 * own samples write as a password in a connection string (gitleaks, secretlint), unlike a sample
 * marked as one (`test-password`, `example_secret`).
 */
export function nounsAndNumber(value: string): boolean {
  const m = /^([A-Za-z_.-]+?)[-_]?(\d{1,6})$/.exec(value);
  return !!m && fieldWords(m[1]!) === 'nouns';
}

/** `nouns` when the value's words are credential nouns (and short words) only, `described` when one is, `none` otherwise. */
function fieldWords(value: string, asciiParts?: string[] | null): 'nouns' | 'described' | 'none' {
  // (Only a value with a letter outside ASCII is folded; the parts of any other are the caller's when given.)
  const folded = /[^\x00-\x7f]/.test(value);
  const parts = folded ? letterParts(value.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) : asciiParts !== undefined ? asciiParts : letterParts(value);
  // Every word read below is a piece of a part, so without a noun or a marker inside a part the
  // answer is `none` (asked first: splitting a part into words looks up each of its pieces).
  if (!parts || !parts.some((p) => FIELD_WORD_INSIDE.test(p))) return 'none';
  const known = (w: string) => CREDENTIAL_NOUNS.has(w) || SAMPLE_MARKERS.has(w);
  let noun = false;
  let other = false;
  for (const p of parts) {
    // (Short words count only as whole parts: anywhere in a run, `a`, `o`, `de` would split random letters.)
    const words = SHORT_WORDS.has(p) || known(p) ? [p] : splitIntoWords(p, known);
    if (!words) return 'none';
    for (const w of words) {
      if (SAMPLE_MARKERS.has(w)) return 'described';
      if (CREDENTIAL_NOUNS.has(w)) noun = true;
      else if (!SHORT_WORDS.has(w)) other = true;
    }
  }
  return !noun ? 'none' : other ? 'described' : 'nouns';
}

// Fully documented example values that providers publish in their docs.
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

/**
 * A template's slot cut at its first blank (`sk-<OPENAI KEY>` read unquoted up to the space:
 * `sk-<OPENAI`): the value opens a `<` before a letter that the text after it, on the same line,
 * closes with `>`. The whole is a slot the reader fills, as `<your-key>` is (MARKERS); no key's
 * alphabet holds `<`. `text` and `end`: the text the value sits in and where the value ends.
 */
export function isSlotCutAtBlank(value: string, text: string, end: number): boolean {
  const open = value.lastIndexOf('<');
  if (open < 0 || value.includes('>', open) || !/[A-Za-z]/.test(value[open + 1] ?? '')) return false;
  // (The text after the value is sliced only here: this is asked at every unquoted value.)
  return /^[ \t][^<>\r\n]{0,80}>/.test(text.slice(end, end + 82));
}

/**
 * Is the value a placeholder? `sk-...`, `xxxx`, `YOUR_API_KEY`, `<your-key>`, `changeme`, runs of
 * one character, `***`, documented example keys. Memoised: the same sample values recur across a
 * repository (`sk-...your-key-here` in every README and .env.example), and the judgement below
 * makes a dozen passes over the value.
 */
export const isPlaceholder: (value: string) => boolean = memoByText(20_000, (value) => judgePlaceholder(value));

function judgePlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (DOCUMENTED_EXAMPLES.has(v) || v.includes('EXAMPLE')) return true; // AWS and others mark documentation keys this way
  if (isPublishedExample(v)) return true; // fixtures of public SDK test suites
  if (MARKERS.test(v)) return true;
  if (opensWithReplaceWith(v)) return true;
  // The value's letter parts, computed once for both dictionary judgements.
  const parts = letterParts(v);
  if (possessiveCompound(v, parts) || describesTheFieldIn(v, parts)) return true;
  if (v.startsWith('-----BEGIN ') && isTrivialPem(v)) return true; // `-----BEGIN PRIVATE KEY-----\ntest\n-----END…`
  if (v.includes('**') && /\*\*[A-Za-z_ ]{3,40}\*\*/.test(v)) return true; // a redaction marker: **data_scrubbed**
  if (redactedInside(v)) return true;
  // A placeholder word inside a long, random-looking token is chance ("…T7xxx5d…", "…Here…"
  // in 150 generated characters), not a placeholder.
  // A marker word of five or more letters that opens or closes the value (`FwoGZXIv…DH7example`,
  // AWS's way of marking a documentation credential) was put there, however random the rest.
  if (PLACEHOLDER_WORDS.test(v) && (!looksGenerated(v) || EDGE_MARKER.test(v)) && !markersByChance(v)) return true;
  // A provider's versioned prefix and then a word (`sk-ant-oat01-file`, `sk-ant-api03-test`): a
  // label for a key; a key's body is random. (Words joined by separators, `infini_rag_flow_helm`,
  // or one part and a word, `cfg606-password`, are typed passwords, judged as such.)
  const labelled = /^[a-z]{2,3}[-_](?:[A-Za-z0-9]{1,8}[-_]){1,2}([A-Za-z]{3,24})$/.exec(v);
  if (labelled && /\d/.test(v.slice(0, v.length - labelled[1]!.length)) && isMadeOfWords(labelled[1]!)) return true;
  if (/^[A-Z][A-Z0-9]*(?:[_/:|][A-Z0-9]+)+$/.test(v) && !/\d{3}/.test(v)) return true; // YOUR_API_KEY, API_KEY/USERNAME:PASSWORD
  const body = v.replace(/^[A-Za-z]{1,8}[-_]/, ''); // judge the body after a provider prefix
  if (body.length >= 6 && atMostDistinctChars(body, 3)) return true;
  if (body.length >= 8 && typedRuns(body)) return true;
  const tail = v.slice(-16);
  if (tail.length === 16 && periodAtMost(tail, 3)) return true; // 123123123…
  // One block typed again and again (`1234567890abcdef1234567890abcdef…extra`): a generator
  // does not repeat a 4-32 character block over three quarters of a key.
  if (body.length >= 24 && repeatedBlockShare(body) >= 0.75) return true;
  return false;
}

/**
 * Longest share of `s` covered by one block repeated back to back (period 4 to 32, at least 3
 * copies): the longest run of offsets i with s[i] = s[i + p] that is 2p or longer, plus p. Such a
 * run holds two consecutive multiples of p, so only those offsets are tested first (n/p tests per
 * period instead of n; measured 8x faster on the corpus's candidate values) and a run is measured
 * only where two tests in a row match.
 */
export function repeatedBlockShare(s: string): number {
  let best = 0;
  const n = s.length;
  const same = (i: number, p: number) => s.charCodeAt(i) === s.charCodeAt(i + p);
  for (let p = 4; p <= 32 && p * 3 <= n; p++) {
    const last = n - p; // offsets i < last have an s[i + p]
    for (let i = 0; i + p < last; i += p) {
      if (!same(i, p) || !same(i + p, p)) continue;
      // The run holding i + p (i matching does not make the offsets between match).
      // (The offsets move by assignment of a value the test computed, not by `a--` / `b++`: an
      // operation that first runs after the optimiser compiled this function, as these did at the
      // first repeated block of a scan, has no type feedback and throws the compiled code away.)
      let a = i + p;
      for (;;) {
        const k = a - 1;
        if (k < 0 || !same(k, p)) break;
        a = k;
      }
      let b = i + p;
      for (;;) {
        const k = b + 1;
        if (k >= last || !same(k, p)) break;
        b = k;
      }
      const run = b - a + 1;
      if (run >= 2 * p) best = Math.max(best, run + p);
      while (i + p <= b) i += p; // the next test starts past this run
    }
  }
  return best / n;
}

/**
 * `REDACTED` written inside a value (`…wdoREDACTEDozrm…`, or kept in a UUID's shape as `…-oRED-ACTED-…`):
 * the writer cut part of a real value out and marked the cut, so what stands is no longer usable. Eight
 * capitals in that order come out of a mixed-case draw of 62 characters about once in 2 * 10^14
 * places (a chance marker of four letters, `FaKe`, stays judged by markersByChance).
 */
function redactedInside(v: string): boolean {
  return v.length >= 12 && v.replace(/-/g, '').includes('REDACTED');
}

// (An instruction that opens the value, `ReplaceThisWith32RandomBytes…`, `replace_it_with_…`, tells the
// reader what to write in its place: a generator does not spell one.)
const EDGE_MARKER = /^(?:example|sample|placeholder|dummy|redacted|changeme|notreal|replace[-_]?(?:this|it)[-_]?with)|(?:example|sample|placeholder|dummy|redacted|changeme|notreal)$/i;

/** Leetspeak read back as letters (`Passw0rd` → `Password`, `pa$$word` → `password`, `S3cr3t` → `Secret`, `!` as `i`). */
export function unLeet(v: string): string {
  return v.replace(/[0134579@$!]/g, (c) => LEET[c]!);
}
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '!': 'i' };

/**
 * The field's own noun written in leetspeak (`pa$$word`, `s3cr3t`): still the word. Only the noun
 * alone: a password that spells more (`r3alP4ssw0rd`, `s3cr3tP4ss`) is a chosen one, judged as such.
 */
export function isLeetPlaceholder(v: string): boolean {
  if (!/[0134579@$]/.test(v)) return false;
  return /^(?:password|passwd|pass|secret|token|apikey|changeme)$/i.test(unLeet(v)) || isLeetYourHere(v);
}

/**
 * The "your … here" template (`YourApiKeyHere`, a placeholder by its words) written in leetspeak
 * (`Y0urL1c3ns3K3yH3r3`): still the template. Letters and leet digits only, the template's two words
 * at its ends (eight fixed letters, each in either case or as its leet digit: a draw of 64
 * characters starts and ends so less than once in 10^10).
 */
function isLeetYourHere(v: string): boolean {
  return v.length <= 64 && /^[A-Za-z0134579@$_-]+$/.test(v) && /^your[a-z_-]{2,}here$/i.test(unLeet(v));
}

/**
 * Are the placeholder words in a value chance pieces of a random string? A person writes a marker
 * as a word (`fake`, `FAKE`, `Fake`, `myPwd`): one in mixed case inside (`WFaKeQ…`, `3xXX7`) was
 * drawn letter by letter. And a value whose rest, with the markers taken out, is still a random
 * string (`DbmlixeMyPwdUYrUTHRX`: `Dbmlixe…UYrUTHRX`) is a generated key with a word in it by
 * chance, while a placeholder's rest is words, counting runs or nothing (`sk-fake-key-1234567890`,
 * `YourApiKeyHere`). Measured on random 16-40 character keys: markers appear in about 1 of 2,000.
 */
function markersByChance(v: string): boolean {
  const markers = [...v.matchAll(PLACEHOLDER_WORDS_ALL)];
  if (markers.every((m) => !typedAsWords(m[0]))) return true;
  // A marker at the start, the end or beside a separator was put there (`sk-fake…`, `…_here`).
  for (const m of markers) {
    // the marker's letters, without the boundary characters its pattern takes in (`-xxx-`)
    const letters = /[A-Za-z](?:.*[A-Za-z])?/.exec(m[0])!;
    const start = m.index + letters.index;
    const end = start + letters[0].length;
    if (!/[A-Za-z0-9]/.test(v[start - 1] ?? '-') || !/[A-Za-z0-9]/.test(v[end] ?? '-')) return false;
  }
  const rest = v.replace(PLACEHOLDER_WORDS_ALL, '');
  if (rest.length < 12 || !/[a-z]/.test(rest) || !/[A-Z]/.test(rest) || !/^[A-Za-z0-9_+/=.-]+$/.test(rest)) return false;
  if (longestSequence(rest) >= 4 || isMadeOfWords(rest) || mostlyWords(rest)) return false;
  return shannonEntropy(rest) >= Math.log2(rest.length) - 1;
}

/** PLACEHOLDER_WORDS for `matchAll` and `replace` (both start from the string's start, whatever `lastIndex` holds). */
const PLACEHOLDER_WORDS_ALL = new RegExp(PLACEHOLDER_WORDS.source, 'gi');

/** camelCase humps: a capital and its lower-case letters, or a run of capitals (an acronym). */
const CAMEL_HUMPS = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g;

/** Half or more of the letters in dictionary words of four letters or more (`intra42ClientSecret`): a name, not a draw. */
function mostlyWords(v: string): boolean {
  const humps = v.match(CAMEL_HUMPS) ?? [];
  let letters = 0, inWords = 0;
  for (const h of humps) {
    letters += h.length;
    if (h.length >= 4 && isWord(h.toLowerCase())) inWords += h.length;
  }
  return letters > 0 && inWords * 2 >= letters;
}

/** The words a marker is made of, where a camelCase hump may start (`myPwd`, `YourApiKey`, `notRequired`). */
const MARKER_HUMPS = new Set('your my own api key token secret pass password passwd pwd some any our the this other user username not required needed change me replace it with real insert enter here'.split(' '));

/** Is a marker written as words: all lower, all upper, or humps that each start one of its words? */
function typedAsWords(marker: string): boolean {
  const w = marker.replace(/[^A-Za-z]/g, '');
  if (w === w.toLowerCase() || w === w.toUpperCase()) return true;
  const humps = w.match(CAMEL_HUMPS);
  if (!humps || humps.join('') !== w) return false;
  return humps.slice(1).every((h) => MARKER_HUMPS.has(h.toLowerCase()));
}

/**
 * Long, unbroken, high-entropy and of mixed case, with digits or (formats of letters only, such as
 * Hugging Face tokens) long: what a key generator emits. Dots are allowed (SendGrid's `SG.….…`).
 */
function looksGenerated(v: string): boolean {
  if (v.length < 24 || !/^[A-Za-z0-9_+/=.-]+$/.test(v) || !/[a-z]/.test(v) || !/[A-Z]/.test(v)) return false;
  return (/\d/.test(v) || v.length >= 32) && shannonEntropy(v) >= 4.2;
}

/**
 * Typed runs, measured in one pass over a body of 8 or more characters (every distinct key a rule
 * matches is judged here): one character over half of it (`longestRun`), a counting run over 60 %
 * and at least 8 (`longestSequence`: abcdefgh, 98765432), or, from 16 characters, mostly runs of
 * three or more of one character (5555555dAAAAA7777777…).
 */
export function typedRuns(s: string): boolean {
  const n = s.length;
  let run = 1, longest = 1, up = 1, down = 1, sequence = 1, inRuns = 0;
  for (let i = 1; i < n; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d === 0) run++;
    else {
      // (Added at every break, 0 for a short run: a branch that first runs after the optimiser has
      // compiled this function throws the compiled code away.)
      inRuns += run >= 3 ? run : 0;
      run = 1;
    }
    if (run > longest) longest = run;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up > sequence) sequence = up;
    if (down > sequence) sequence = down;
  }
  inRuns += run >= 3 ? run : 0;
  if (longest * 2 > n) return true;
  if (sequence >= Math.max(8, n * 0.6)) return true;
  return n >= 16 && inRuns / n > 0.5;
}

/** Does the string repeat with a period of `max` or less (its smallest period is at most `max`, below its length)? */
function periodAtMost(s: string, max: number): boolean {
  for (let p = 1; p <= max && p < s.length; p++) {
    let ok = true;
    for (let i = p; i < s.length && ok; i++) ok = s.charCodeAt(i) === s.charCodeAt(i - p);
    if (ok) return true;
  }
  return false;
}

/** Regular-expression source (`/^[A-Za-z0-9]{32}$/`, `sk_(?!live_)[\\S]{29}`), not a key. */
export function isPatternSource(v: string): boolean {
  // Anchored at both ends with a wildcard inside (`^.+Credential=123/.+$` in a test's expected header),
  // or a bounded repetition of one (`^.{8,32}$`, a password policy's length: `{m,n}` after `.` or a class).
  if (v[0] === '^' && v[v.length - 1] === '$' && /\.[*+]|\][*+]|[.\]]\{\d{1,4}(?:,\d{0,4})?\}/.test(v)) return true;
  if (/^\/.+\/[dgimsuvy]*$/.test(v) && /[\^$[\]()|?*+\\]/.test(v)) return true;
  // Alternatives with a wildcard (`.*logfire|Authorization=.*pylf` in a search command): a pattern.
  if (v.includes('|') && /\.[*+]/.test(v)) return true;
  return /\(\?[:!=<]|\\[dDsSwW]|\][{*+?]/.test(v);
}

/** A PEM block whose body is too short to be a key (a test's `\ntest\n`, `...`): a stand-in. */
function isTrivialPem(v: string): boolean {
  const m = /^-----BEGIN [A-Z0-9 ]{1,40}-----([\s\S]{0,200}?)-----END /.exec(v);
  if (!m) return false;
  return m[1]!.replace(/\\[nr]|\s/g, '').length < 40;
}

/**
 * An instruction that opens the value (`REPLACE-WITH-AWS-SECRET-KEY`, `replace_with_your_token`,
 * base64 of it in a Secret's data): "replace with" tells the reader what to write in its place;
 * a generator does not spell it. So do words after the verb alone (`replace-default-auth` in a chart's
 * redis.conf that an init script rewrites, `change_this_secret`): an order to the reader, not a value.
 */
function opensWithReplaceWith(v: string): boolean {
  return /^replace[-_ ]?with[-_ ][A-Za-z]/i.test(v) || /^(?:replace|change)[-_ ][a-z]+(?:[-_ ][a-z]+){0,5}$/i.test(v);
}
