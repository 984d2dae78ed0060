import { formatOf, type CodeKind } from '../../files/file-formats';
import { CONFIDENCE } from './confidence';
import { isTypedPattern, longestSequence, stepsThroughAlphabet } from './entropy';
import { describesTheField, isIndirect, isLeetPlaceholder, isPlaceholder, nounsAndNumber, unLeet } from './placeholders';
import { isPromptFile, isTranslationCatalog } from '../../files/file-kinds';
import type { RawMatch } from '../report/raw-match';
import { isDummyValue, isTypedFromWords } from './dummy-values';
import { decodeURIComponentSafe, isIdentifierName, isStrongToken, spellsPartOfName } from './values';
import { isMadeOfWords } from './words';
import { detach, memoByText } from '../input/detach';

/**
 * Weak default credentials (issue #21): the passwords products ship with or their images document
 * (the postgres image's password set to the word postgres, neo4j's pair of neo4j and neo4j, MinIO's
 * minioadmin), and a password equal to its user name. They are not leaked secrets: anyone can guess
 * them. Where they run (a compose file, a CI service container, an env fallback in code) they are
 * worth changing, so they are reported at the default threshold; in docs, examples and tests they
 * are what the reader is told to type, and sit below it. The URL, env and YAML forms are judged
 * alike. Words that are placeholders everywhere (the word password itself, changeme, secret) stay
 * placeholders: a sample URL of user and password is a template, not a default.
 */
export const WEAK_DEFAULT_RULE_ID = 'weak/default-credential';

const DEFAULTS = new Set(
  (
    // Database and service images' documented defaults.
    'postgres postgrespassword mysecretpassword mysql root rootpassword mariadb mongo mongodb redis neo4j arcadedb oracle ' +
    'bitnami guest minioadmin minio123 elastic changeit cassandra couchbase couchdb clickhouse influxdb airflow ' +
    'superset grafana keycloak rabbitmq admin administrator toor docker vagrant ubuntu raspberry ' +
    // The most common chosen passwords (the head of every breach list).
    'password1 password123 passw0rd p@ssw0rd admin123 admin1234 root123 123456 1234567 12345678 123456789 qwerty ' +
    'letmein pleaseletmein welcome welcome1 testpass testpassword secret123'
  ).split(' '),
);

/**
 * How a password is judged, the same in every form it is written in (issue #21: the URL, curl,
 * Basic-header, env and YAML forms): `placeholder` (not a value: a sample, a reference, the field's
 * name or description in one of the seven languages, a dummy), `weak` (a well-known default, the
 * user name again, or dictionary words with at most a short number after them: guessable, so a
 * weak credential where it runs and a sample in docs), or `value` (judged further by its form).
 */
export type PasswordVerdict = 'placeholder' | 'weak' | 'value';

export function judgePassword(password: string, user?: string): PasswordVerdict {
  if (user === undefined) return judgeAlone(password);
  let byPassword = withUser.get(user);
  if (!byPassword) {
    if (withUser.size >= 1000) withUser.clear();
    const u = detach(user);
    withUser.set(u, (byPassword = memoByText(100, (p) => judgeWith(p, u))));
  }
  return byPassword(password);
}

/**
 * The verdict is a function of its text alone, asked again for the same values across a repository
 * (every URL of a compose file, every `PASSWORD=` of its env files): memoised as names and values
 * are, by the password and, when one is given, the user name.
 */
const judgeAlone = memoByText(20_000, (p: string) => judgeWith(p, undefined));
const withUser = new Map<string, (password: string) => PasswordVerdict>();

function judgeWith(password: string, user: string | undefined): PasswordVerdict {
  const p = password.trim();
  if (isWeakPassword(p, user)) return 'weak';
  if (p.length < 4 || new Set(p).size < 3 || isPlaceholder(p) || isIndirect(p)) return 'placeholder';
  if (isLeetPlaceholder(p)) return 'placeholder';
  // Under six characters of fewer than three kinds (`api0`, `abc12`): a stand-in, as the env form
  // judges it (values.ts); a short default (`root`, `toor`) was judged weak above.
  if (p.length < 6 && Number(/[a-z]/.test(p)) + Number(/[A-Z]/.test(p)) + Number(/\d/.test(p)) + Number(/[^A-Za-z0-9]/.test(p)) < 3) return 'placeholder';
  // A dummy (`test-password`, `fake_secret`), but not nouns and a number (`secretKey456`), which the
  // benchmarks' connection strings count as a password (the env form judges it in values.ts).
  if (isDummyValue(p) && !nounsAndNumber(p)) return 'placeholder';
  // One capitalised word, the label of a field in an interface (`Senha`, `Forgot`): what a form
  // calls the field, not what fills it.
  if (/^[A-Z][a-z]{2,15}$/.test(p)) return 'placeholder';
  // Names joined by dots: a reference (`random_password.db.result` in Terraform, `router.pass`,
  // `org.freedesktop.secrets`), not a password.
  if (/^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(p) && !/\d/.test(p)) return 'placeholder';
  // Names joined by slashes: a route or a path (NGINX Unit's `"pass": "routes/status"` passes a
  // request on), not a password.
  if (/^[A-Za-z_][\w-]*(?:\/[A-Za-z_][\w-]*)+$/.test(p) && !/\d/.test(p)) return 'placeholder';
  if (isDictionaryPassword(p)) return 'weak';
  // A longer one that is no word of the list (`Instansadgangskode`, a Danish compound): a label too,
  // in a language the list does not hold; a generated value mixes cases and digits.
  if (/^[A-Z][a-z]{16,31}$/.test(p)) return 'placeholder';
  // A name of other pieces (`dbConnStr`, `doc_store_orderBy`): a variable or column, not a value.
  return isIdentifierName(p) ? 'placeholder' : 'value';
}

/**
 * Dictionary words, alone or joined, with at most a short number or one symbol after them
 * (`sunshine`, `correcthorsebatterystaple`, `dragon2024`, `hunter2`): the first guesses of any
 * dictionary attack. Accents are folded as in the word list.
 */
function isDictionaryPassword(p: string): boolean {
  // Hexadecimal digits only (`deadbeef`, `cafebabe`, `facade`): an encoded secret whose letters spell words by chance.
  if (/^[0-9a-f]+$/i.test(p)) return false;
  const stem = p.replace(/[!?.#*]?\d{0,4}[!?.#*]?$/, '');
  // (With a number after it, a description is still one: `securepassword123`.)
  if (stem.length < 4 || (stem !== p && describesTheField(stem))) return false;
  const folded = /[^\x00-\x7f]/.test(stem) ? stem.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : stem;
  return isMadeOfWords(folded);
}

/** Is `password` a well-known default (optionally for `user`)? */
export function isWeakPassword(password: string, user?: string): boolean {
  const p = password.toLowerCase();
  // The user name again is a default (`chroma:chroma@`), unless the word is a placeholder (`fake:fake@`).
  return DEFAULTS.has(p) || (!!user && user.length >= 2 && p === user.toLowerCase() && !isPlaceholder(p));
}

/**
 * The value given to a password (or `…_AUTH`) name, when it is a weak default: a default word, or a
 * user and password pair joined by a slash or a colon (neo4j's `NEO4J_AUTH` form), or dictionary
 * words (judgePassword). The name itself as its value (a map from names to names) is not one.
 * `after`: the text after an unquoted value on its line.
 */
export function isWeakDefaultValue(value: string, name: string, code: CodeKind = false, after = ''): boolean {
  if (value.toLowerCase() === name.toLowerCase()) return false;
  // A string constant in program source spelling a run of its own name's words (`PasswordlessSignInPurpose
  // = "PasswordlessSignIn"`) is a key or a purpose named after the constant, not a password.
  if (code === 'program' && spellsPartOfName(value, name)) return false;
  if (isWeakPassword(value)) return true;
  // A user and password pair is the value of a name that holds both (neo4j's `NEO4J_AUTH`, a
  // credentials setting); a password name's value is one password (`"pass": "routes/status"`).
  const pair = BARE_NOUN.test(name) ? null : PAIR.exec(value);
  if (pair) return judgePassword(pair[2]!, pair[1]) === 'weak';
  // The one word of an `…_AUTH` setting is a mode (`auth: basic`, `AUTH=oauth`), not a password;
  // words that name a secret (`${REDIS_AUTH:-myredissecret}`) are one.
  if (/auth$/i.test(name) && !/secret|pass|pwd|key|token/i.test(value)) return false;
  // In program source the bare noun in a string is data about the field as often as its key: a
  // ternary's branch (`isSecret ? "password" : "text"`), a tuple of field names (`("password",
  // "connection_string")`). Plain words given to it there are not judged a password (read on the
  // pool of issue #21: three such, no password); a word with a number (`password: 'hunter'` and a
  // digit) is, as in JSON, and so are words given to a variable or environment variable (`db_password =`,
  // `os.environ.get("DB_PASSWORD", …)`).
  if (code === 'program' && BARE_NOUN.test(name) && /^[A-Za-z_-]+$/.test(value)) return false;
  // An unquoted word with more words after it on its line opens a sentence (`password: adds the new
  // one, verifies it…` in a description, `- Pass: identity, configurations…`), not a password; with
  // a quoted argument after it, it is a command (PowerShell's `$pass = Read-Host "Enter…"`).
  if (/^[ \t]+[A-Za-z"']/.test(after)) return false;
  return judgePassword(value) === 'weak';
}

const BARE_NOUN = /^(?:pass(?:word)?|passwd|pwd)$/i;

const PAIR = /^([A-Za-z0-9_.-]{2,40})[/:]([^\s/:]{2,64})$/;

/** A user and password pair whose password is a placeholder (`neo4j/password`, `admin:changeme`). */
export function isPlaceholderPair(value: string): boolean {
  const pair = PAIR.exec(value);
  return !!pair && isPlaceholder(pair[2]!);
}

/** How the URL rule reports a weak default (rules/structural.ts). */
export const WEAK_DEFAULT_VARIANT = {
  id: WEAK_DEFAULT_RULE_ID,
  title: 'well-known default password in a URL',
  hint: 'A well-known default — change it where this runs, and read it from the environment or a secret store.',
  severity: 'warning' as const,
};

const WEAK_MESSAGE = 'A well-known default password ({preview}) — change it where this runs.';
const WORD_MESSAGE = 'A guessable password ({preview}): dictionary words — change it where this runs.';

/** The password inside a Basic credential (base64 of `user:password`, printable), or undefined. */
function passwordOfBasic(value: string): string | undefined {
  return /^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) ? /^[\x20-\x7e]*?:([\x20-\x7e]+)$/.exec(Buffer.from(value, 'base64').toString('latin1'))?.[1] : undefined;
}

/** The message for a weak value: a vendor's default, or words any dictionary attack tries first. */
function weakMessage(value: string): string {
  // The password after the user (`NEO4J_AUTH=neo4j/…`), or inside a Basic credential (base64 of `user:password`).
  const password = passwordOfBasic(value) ?? PAIR.exec(value)?.[2] ?? value;
  return DEFAULTS.has(password.toLowerCase()) || !isDictionaryPassword(password) ? WEAK_MESSAGE : WORD_MESSAGE;
}

/** A match of the weak-default rule at [start, end), confidence set later by `placeWeakDefaults`. */
export function weakDefaultMatch(start: number, end: number): RawMatch {
  return {
    ruleId: WEAK_DEFAULT_RULE_ID,
    title: 'well-known default password',
    severity: 'warning',
    hint: 'A well-known default — change it where this runs, and read it from the environment or a secret store.',
    start,
    end,
    confidence: CONFIDENCE.credentialValue,
    priority: 0,
  };
}

/** Where a file runs or documents, by its path (exported for the test that holds runsWhereItIs to them on whole paths). */
// A compose file may carry a prefix (`ha-cluster-docker-compose.yml`, run with `docker compose -f`).
export const RUNS_NAME = /(?:^|\/)(?:(?:[\w.-]*[._-])?(?:docker-)?compose[\w.-]*\.ya?ml|dockerfile[\w.-]*|[\w.-]*\.dockerfile|\.env(?:\.[\w-]+)?|\.gitlab-ci\.ya?ml|jenkinsfile|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml)$/i;
export const RUNS_DIR = /(?:^|\/)(?:\.github\/workflows|\.circleci|\.buildkite|helm|charts|k8s|kubernetes|deploy|deployment|infra|terraform)\//i;
export const EXAMPLE_NAME = /\.(?:example|sample|template|dist|tmpl)(?:\.[\w]+)?$|(?:^|\/)[^/]*[._-](?:example|sample)\.[\w.]+$/i;
/**
 * An API's or a configuration's description: an OpenAPI or Swagger document (`openapi.yml`,
 * `swagger.json`, `petstore.openapi.yaml`) or a JSON Schema (`config.schema.json`). What it holds
 * documents values (its `example`/`examples`, JSON Schema 2020-12 §9.5); nothing reads it as settings.
 */
export const SPEC_NAME = /(?:^|[._-])(?:openapi|swagger)(?:[._-][\w.-]*)?\.(?:ya?ml|json)$|\.schema\.json$/i;
export const TEST_NAME = /(?:^|\/)(?:test_[^/]*|[^/]*[._-](?:test|tests|spec|eval|bench)\.[\w]+|conftest\.py|test[-_]?utils?\.[\w]+|testutils?\.[\w]+)$/i;
// A test class by the xUnit conventions of .NET, the JVM and Swift (`TracingTests.cs`, `UserServiceTest.java`,
// `LoginTests.swift`): a capitalised name ending in `Test` or `Tests` (case matters: `Contest.java` is none).
export const TEST_CLASS = /(?:^|\/)[A-Z]\w*[a-z0-9]Tests?\.(?:cs|vb|fs|java|kt|kts|scala|groovy|swift)$/;
/** A test file by its name: a test runner's, not where the folder deploys. */
export const isTestName = (name: string): boolean => TEST_NAME.test(name) || TEST_CLASS.test(name);
// A folder named by one of these words, alone or joined to others (`docs_src`, `internal_docs`,
// `example_notebooks`, `integration-tests`, a .NET test project's `App.Core.Tests`): documentation, samples and tests.
// (Release notes and changelogs are documentation: `releasenotes/notes/x.yaml` in OpenStack's reno.)
export const DOCS_DIR = /(?:^|\/)(?:[\w.]+[_.-])?(?:docs?|documentation|website|site|examples?|samples?|cookbooks?|tutorials?|notebooks?|guides?|vignettes?|tests?|__tests__|spec|specs|testdata|fixtures|mock_tests|e2e|evals?|benchmarks?|releasenotes|notes|changelogs?)(?:[_-][\w.]+)?\//i;

/** Does a file at `path` run (a compose file, a CI workflow, a Dockerfile, an env file, code outside docs and tests)? */
export function runsWhereItIs(path: string): boolean {
  const norm = path.replace(/\\/g, '/');
  // The name patterns never cross a `/` and the folder patterns end at one: the first are tested on
  // the file name, the second once per folder (a folder's files share it). Each of the five took
  // ~4 µs per path on the corpus's absolute paths, at every file with a match.
  const slash = norm.lastIndexOf('/');
  const name = slash < 0 ? norm : norm.slice(slash + 1);
  if (EXAMPLE_NAME.test(name) || SPEC_NAME.test(name)) return false;
  const format = formatOf(norm);
  const kind = format.kind;
  // Documentation formats, wherever they sit (`deploy/README.md`); plain text and unknown
  // extensions (`.conf`, `.tf`) are configuration as often as notes.
  if (kind === 'markdown' || kind === 'mdx' || kind === 'asciidoc' || kind === 'notebook' || kind === 'markup') return false;
  if (RUNS_NAME.test(name)) return true;
  const folder = folderKind(norm.slice(0, slash + 1));
  // A deployment folder (`infra/`, `charts/`) runs, but a program's test file in it (`config_test.go`,
  // `test_settings.py`) runs under its test runner: a test's input, as in a tests folder.
  if (folder === 'runs') return !(format.code === 'program' && isTestName(name));
  return folder !== 'docs' && !isTestName(name);
}

/** What the folder part of a path (up to and with its last `/`) says: RUNS_DIR first, then DOCS_DIR. */
const folderKind: (folder: string) => 'runs' | 'docs' | 'other' = memoByText(2_000, (folder) => (RUNS_DIR.test(folder) ? 'runs' : DOCS_DIR.test(folder) ? 'docs' : 'other'));

/** Sets each weak-default match's confidence by where the file is (default threshold or below it). */
export function placeWeakDefaults(matches: RawMatch[], path: string, text: string): void {
  let runs: boolean | undefined;
  for (const m of matches) {
    if (m.ruleId !== WEAK_DEFAULT_RULE_ID) continue;
    // Plain text and unknown extensions are not known to run: a weak default there is a sample. A
    // translation catalog's values are an interface's messages (`rtsp://usuari:contrasenya@host:port/ruta`
    // as a field's placeholder, `Passwortanforderungen`): they are shown, never used to log in.
    runs ??= runsWhereItIs(path) && formatOf(path.replace(/\\/g, '/')).kind !== 'text' && !isTranslationCatalog(path);
    m.message ??= weakMessage(text.slice(m.start, m.end));
    m.confidence = runs && !inDocsInCode(text, m.start, path) && !onCommentLine(text, m.start, path) ? CONFIDENCE.credentialValue : CONFIDENCE.weakDefaultInDocs;
  }
}

/**
 * Documentation and tests inside code: a doctest line (`>>> DB_URI = "…"`), or, in Python, a triple-quoted
 * string — a docstring, or a code sample the program serves (`"x-codeSamples": [{"source":
 * textwrap.dedent(""" client.users.create(password="…") """)}]` in an OpenAPI route).
 */
function inDocsInCode(text: string, at: number, path: string): boolean {
  return inDoctest(text, at) || (formatOf(path.replace(/\\/g, '/')).kind === 'python' && inTripleQuoted(text, at)) || inRustTestModule(text, at, path);
}

/**
 * Rust keeps a file's unit tests in a module compiled only for `cargo test` (`#[cfg(test)] mod tests {`,
 * by convention at the file's end: doc.rust-lang.org/book/ch11-03-test-organization.html): a weak
 * default there is a test's input, as in a tests folder. (A key pasted there keeps its confidence.)
 */
function inRustTestModule(text: string, at: number, path: string): boolean {
  if (!path.endsWith('.rs')) return false;
  const cfg = text.lastIndexOf('#[cfg(test)]', at);
  return cfg >= 0 && /^#\[cfg\(test\)\]\s*(?:pub(?:\([\w:]+\))?\s+)?mod\s+\w+\s*\{/.test(text.slice(cfg, cfg + 80));
}

/**
 * Is the offset on a line the format comments out (`//	record.Set("password", "123456")` in a Go
 * doc comment, `# POSTGRES_PASSWORD=postgres` in a compose file, ` * ` inside a block comment)? A
 * default there documents, or is kept on a line that does not run. (Asked of weak defaults only: a
 * key pasted into a comment is as exposed as anywhere. Not of plain text, where `#` is no marker.)
 */
function onCommentLine(text: string, at: number, path: string): boolean {
  const format = formatOf(path.replace(/\\/g, '/'));
  const comment = format.comment;
  if (!comment || comment[1] !== '' || format.kind === 'text') return false;
  const from = text.lastIndexOf('\n', at - 1) + 1;
  const head = text.slice(from, Math.min(at, from + 200)).trimStart();
  const open = comment[0].trimEnd();
  return head.startsWith(open) || (open === '//' && (head.startsWith('/*') || head.startsWith('* ') || head.startsWith('*\t')));
}

/** Is `at` inside a `"""` or `'''` string? The ranges are found once per text (asked only at matches). */
function inTripleQuoted(text: string, at: number): boolean {
  if (tripleText !== text) {
    tripleText = text;
    tripleRanges = [];
    for (let i = 0; ; ) {
      const open = nextTriple(text, i);
      if (open < 0) break;
      const delim = text.slice(open, open + 3);
      const close = text.indexOf(delim, open + 3);
      tripleRanges.push(open, close < 0 ? text.length : close + 3);
      if (close < 0) break;
      i = close + 3;
    }
  }
  for (let k = 0; k < tripleRanges.length; k += 2) if (at > tripleRanges[k]! && at < tripleRanges[k + 1]!) return true;
  return false;
}
let tripleText: string | undefined;
let tripleRanges: number[] = [];
function nextTriple(text: string, from: number): number {
  const d = text.indexOf('"""', from);
  const s = text.indexOf("'''", from);
  return d < 0 ? s : s < 0 ? d : Math.min(d, s);
}

/** Is the offset on a doctest line (`>>> DB_URI = "…"` in a docstring)? */
function inDoctest(text: string, at: number): boolean {
  const from = text.lastIndexOf('\n', at - 1) + 1; // (run only at matches, never at every hit)
  return /^[ \t]*(?:>>>|\.\.\.)[ \t]/.test(text.slice(from, from + 80));
}

/** Rules that judge a value by its shape next to a name or in a URL or header, not by a provider's format. */
const SHAPE_RULES = new Set([
  'secret/generic-api-key', 'secret/hardcoded-password', 'secret/url-credentials', 'secret/authorization-header', 'secret/curl-credentials',
  // The password slots (judge/password-slot.ts): a value judged by its shape in a place that says it is a password.
  'secret/sql-password', 'secret/netrc-password', 'secret/redis-password', 'secret/securestring-password', 'secret/cli-password',
]);

/**
 * In docs, examples and tests (not prompts), a value judged by its shape that does not look
 * generated (a word and a digit, a dummy bearer token, a URL password of one word) is what a
 * test or a reader types, and sits below the default threshold, as values in documentation prose
 * do. A generated-looking value there is still reported: real keys get pasted into tests too. A
 * Basic credential is judged by the password inside it, as the URL form is (base64 always looks generated).
 */
export function placeShapeMatches(matches: RawMatch[], path: string, text: string): void {
  let docs: boolean | undefined;
  let catalog: boolean | undefined;
  for (const m of matches) {
    if (m.confidence <= CONFIDENCE.inDocumentationProse) continue;
    const byShape = m.byShape || SHAPE_RULES.has(m.ruleId);
    // A provider's format filled with a typed pattern (`AIza0123456789abcdefghijklmnopqrstuv…`,
    // `xoxb-12345678-1234567890123-…`, `A1B2C3D4E5F6…`) in docs and tests: a reader's or a test's
    // fake, as a typed value by shape is. Outside them such a value keeps its confidence (a
    // benchmark's or a scanner's own samples are typed so), and a drawn key in a test keeps it too.
    if (!byShape && (!m.ruleId.startsWith('secret/') || m.end - m.start < 20 || m.end - m.start > 200)) continue;
    const value = text.slice(m.start, m.end);
    // A provider's format with parts masked (`T01XXXXRKMJ/B04XXXXGY67/1UgUkao8pXXXXPmsuXXXX2lk`, a
    // webhook shown in a guide with `XXXX` over its secret parts): no longer the key, wherever it is.
    if (!byShape && isMasked(value)) {
      m.confidence = CONFIDENCE.inDocumentationProse;
      continue;
    }
    // A translation catalog's values are an interface's messages (`'password' => 'Wachtwoord'`,
    // `auths.smtp_auth=SMTP-authenticatietype`): judged as docs are, and a value there must also
    // hold a digit to look drawn (a word of a language with capitals passes the shape test; 22 drawn
    // base62 characters hold no digit about once in fifty). A drawn key pasted into one is reported.
    catalog ??= isTranslationCatalog(path);
    docs ??= (!runsWhereItIs(path) || catalog) && !isPromptFile(path);
    const drawn = catalog ? looksDrawnInCatalog : looksGenerated;
    // (A drawn head before a typed tail that steps through the alphabet, `<random>…jK5lM6nN7oO8…`, is typed as well.)
    if (byShape ? (docs || inDocsInCode(text, m.start, path)) && (!shownValues(value).every(drawn) || stepsThroughAlphabet(value)) : docs && isTypedInEitherCase(value)) m.confidence = CONFIDENCE.inDocumentationProse;
  }
}

/**
 * A typed pattern, also with its letters' case alternated (`ghp_aBcDeF…XyZ0123456789`, a sanitizer test's token:
 * the alphabet in order, every other letter a capital). Case is no step of a typist's run, as
 * looksGenerated already reads sequences in either case; a drawn value lower-cased stays far under
 * the patterned share (about one position in eight follows its neighbours by chance, not 0.65).
 */
function isTypedInEitherCase(v: string): boolean {
  return isTypedPattern(v) || isTypedPattern(v.toLowerCase());
}

/** In a translation catalog a drawn value also holds a digit (placeShapeMatches). */
const looksDrawnInCatalog = (v: string): boolean => looksGenerated(v) && /\d/.test(v);

/** Masked: two or more runs of four `X`, `x` or `*`, or one of eight or more (a draw holds neither by chance). */
function isMasked(v: string): boolean {
  const runs = v.match(/X{4,}|x{4,}|\*{4,}/g);
  return !!runs && (runs.length >= 2 || runs[0]!.length >= 8);
}

/**
 * The forms a value is judged in: the password inside a Basic credential, or the value as written
 * and, in a URL, with its percent-encoding undone (`P%40ssword%21…` is `P@ssword!…`, a test of
 * special characters). Generated only when every form looks generated.
 */
function shownValues(v: string): string[] {
  const basic = passwordOfBasic(v);
  if (basic !== undefined) return [basic];
  return /%[0-9A-Fa-f]{2}/.test(v) ? [v, decodeURIComponentSafe(v)] : [v];
}

/**
 * Generated, not typed: strong by shape (or a JWT), no dummy words (`secret-token-12345`), and not a
 * phrase of two or more lower-case words (`freshly-rotated-in-key-material`, `text-embedding-3-small`).
 */
function looksGenerated(v: string): boolean {
  if (/^eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/.test(v)) return true;
  if (/\s/.test(v)) return false; // generated keys and passwords hold no whitespace (`p@ss w0rd&123`)
  if (!isStrongToken(v) || isDummyValue(v) || isPlaceholder(v)) return false;
  // A credential noun as a word of its own (`secret-token-9` or `cfg606-password`) or inside a run
  // (`supersecretkey1234`), also in leetspeak (`TenantPassw0rd!`, `S3cr3t`), or a counting run
  // (`test12345678`): typed, not generated. A random string holds neither by chance.
  if (/(?:^|[^a-z])(?:pass(?:word|wd)?|pwd|secret|token|key|apikey)(?:[^a-z]|$)|password|passwd|secret|apikey|token/i.test(v)) return false;
  if (/[0134579@$]/.test(v) && /password|passwd|secret|token|apikey/i.test(unLeet(v).replace(/[\s_.-]/g, ''))) return false;
  if (longestSequence(v.toLowerCase()) >= 6) return false; // (in either case: `abCDefGHijKL`)
  if (isTypedPattern(v)) return false; // a typed pattern: `a1b2c3d4e5f6…`, `00112233…`
  if (isTypedFromWords(v)) return false; // words and counting runs after a short prefix: `sk-lw-newrotatedkey1234`
  return v.split(/[-_.@:/]/).filter((p) => /^[a-z]{4,}$/.test(p)).length < 2;
}

