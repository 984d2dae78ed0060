import { DEFER_TO_PROVIDER_RULE } from '../rules/providers';
import { CONFIDENCE } from './confidence';
import { classifyName, envVarForName, providerForName, type NameKind, type ProviderByName } from './names';
import type { Attempt, RawMatch } from '../report/raw-match';
import { ALL_RULES } from '../rules/all';
import type { PatternRule } from '../rules/rule';
import type { CodeKind, DollarTemplates } from '../../files/file-formats';
import { isDollarTemplate } from './string-templates';
import { isPairName, pairValue } from './name-value-pair';
import { isPlaceholder, isSlotCutAtBlank } from './placeholders';
import { base64Word, isStrongToken, outsideCredentialAlphabet, takesAddress } from './values';
import { judgeValueMemo } from './value-memo';
import { fallbackLiteral } from './fallback-literal';
import { isPowerShellCommand } from './notations';
import { memoByText } from '../input/detach';
import { isPlaceholderPair, isWeakDefaultValue, judgePassword, weakDefaultMatch } from './weak-defaults';

/**
 * The generic detector: `name = value` assignments (and the forms around them: `name: value`,
 * `name := value`, `"name": "value"`, `password "value"`, `"value" == password`,
 * `<password>value</password>`, `key="Password" value="…"`, `f("api_token", "value")`) where the
 * name denotes a credential and the value has the shape of one.
 *
 * It runs at prefilter hits of credential words, so it only looks at one line around a hit.
 */
export const GENERIC_KEYWORDS = ['pass', 'pwd', 'pswd', 'secret', 'token', 'key', 'auth', 'cred', 'bearer', 'connectionstring'];

const IDENT_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') IDENT_CHAR[c.charCodeAt(0)] = 1;
const isIdentAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 128 && IDENT_CHAR[c] === 1;
};
const QUOTES = new Set(['"', "'", '`']);

export interface GenericContext {
  text: string;
  /** What the text at an offset is: program source, shell, or prose and data (file-formats.ts, regions.ts). */
  codeAt: (pos: number) => CodeKind;
  /** Is the offset in documentation prose (Markdown outside code blocks, plain text)? */
  docsProseAt: (pos: number) => boolean;
  /** The file is JSON (JSON Lines, a notebook): code inside it is held in JSON strings, escaped. */
  jsonText: boolean;
  /** The file's language interpolates `$name` in these string literals (file-formats.ts); undefined: it does not. */
  dollarTemplates: DollarTemplates | undefined;
}

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const DIGEST_NOTE = /^[ \t]\((?:sha-?(?:1|224|256|384|512)|sha3-\d{3}|md5|blake2[bs]?)[ -](?:hash|digest|sum)\)/i;

/**
 * Is the value at `end` followed by a note naming a digest (` (sha256 hash)`)? The index is checked
 * before the read: a read past the text's end (a value closing the text) threw away genericAt's
 * optimised code, where this is inlined, and the corpus scan ran ~4 % slower for it (same-run,
 * alternating, 11 rounds).
 */
function notedAsDigest(text: string, end: number): boolean {
  const at = end + 1;
  return at < text.length && text.charCodeAt(at) === 40 && DIGEST_NOTE.test(text.slice(end, end + 40));
}

/**
 * A variable written with its sigil given another variable (Sass's `$sw-detail-access-key: $color-gray-200;`,
 * a style sheet's theme; PHP's and Perl's `$password = $other`): the name's `$` makes the line a
 * variable's declaration in these languages, and an unquoted `$name` after it is a reference to a
 * value declared elsewhere (held-out set twenty-six). A literal there has no `$` before a name.
 */
function assignsVariableToVariable(text: string, s: number, value: string, quoted: boolean): boolean {
  return !quoted && text.charCodeAt(s - 1) === 36 && value.charCodeAt(0) === 36 && /^\$[A-Za-z_][\w-]*$/.test(value);
}

/** A URL's scheme, `//` and a user name, then the colon before the password. */
const URL_USERINFO_BEFORE = /[A-Za-z][A-Za-z0-9+.-]{0,24}:\/\/[^\s:@/'"<>]{0,128}:$/;

/** The end of a PowerShell variable's assignment: `$pwd = `. */
const POWERSHELL_ASSIGNMENT = /\$[A-Za-z_]\w*[ \t]*=[ \t]*$/;

export function genericAt(ctx: GenericContext, hit: number): Attempt | null {
  const { text } = ctx;
  let s = hit;
  while (s > 0 && hit - s < 80 && isIdentAt(text, s - 1)) s--;
  let e = hit;
  while (e < text.length && e - hit < 80 && isIdentAt(text, e)) e++;
  while (text[s] === '-' || text[s] === '.') s++; // --password flags, .key
  s = afterJsonAmpersand(text, s);
  // The name is judged once: the engine skips this detector's later hits up to `end` (`e`).
  const judged = { ruleId: '' as const, end: e };
  if (!mayHaveValue(text, s, e)) return judged;
  // A segment of an ARN (arn, partition, service, region, account, then the resource type `secret`
  // and its name): the type of the resource the ARN names, not a secret with its value.
  if (s > 0 && text.charCodeAt(s - 1) === 58 && /\barn:[\w-]+:[\w-]+:[\w-]*:\d*:$/.test(text.slice(Math.max(0, s - 120), s))) return judged;
  if (s > 0 && text.charCodeAt(s - 1) === 58 && isColonChainSegment(text, s, e)) return judged;
  // The password slot of a URL's userinfo (`smtp://user:password:auth@server:port`): what stands there
  // is the URL's password, judged by the URL rule (rules/structural/url-credentials.ts), not a name.
  if (s > 0 && text.charCodeAt(s - 1) === 58 && URL_USERINFO_BEFORE.test(text.slice(Math.max(0, s - 160), s))) return judged;
  // Asked only now: the first question parses the file's regions (Markdown fences, notebook
  // cells), which a file whose credential words have no value near them never needs.
  const code = ctx.codeAt(hit);
  let ne = e;
  while (ne > s && (text.charCodeAt(ne - 1) === 46 || text.charCodeAt(ne - 1) === 45)) ne--; // trailing . and -
  const name = text.slice(s, ne);
  // A setter (`setPassword(`, `SetToken(`, `set_api_key(`) names its property after the verb, which
  // names alone never count: the property is the name.
  const facts = factsOf(name) ?? (text.charCodeAt(e) === 40 && code === 'program' ? setterFacts(name) : null);
  if (!facts) return judged;
  const kind = facts.kind;
  // A comment in program source is prose: what a key needs to be a key there is judged as in prose.
  const comment = kind === 'password' && code !== false && inLineComment(text, s);
  // `pass` in prose and comments is the verb or a noun (`all tests pass: …`, `// Pre-pass: expand
  // macros`); as a key it is quoted, starts a line of prose, or is a config name (`DB_PASS`).
  if (kind === 'password' && (code === false || comment) && isShortPass(name) && !QUOTES.has(text[s - 1]!) && (comment || !startsLine(text, s))) return judged;
  let span = valueAfter(text, s, e, kind, code, ctx.jsonText, comment) ?? valueBefore(text, s);
  // A record's `name` member (`- name: API_KEY` then `value: …`): the value is the record's `value` member.
  if (!span && code === false && isPairName(text, s)) span = pairValue(text, s, e, (at) => readValue(text, at, Math.min(text.length, at + 400), true));
  let prose = false;
  if (!span) {
    // Prompts introduce credentials in sentences: "use this credential for the tool: <value>".
    span = valueInProse(text, e, code !== false, isPascalCase(name));
    prose = span !== null;
  }
  if (!span) return judged;
  // `password: Langfuse Secret Key` (a label in a YAML scheme, a sentence in prose): an unquoted
  // first word followed by more words to the end of the line is a phrase, not a password.
  if (!prose && !span.quoted && kind === 'password' && /^ +[A-Za-z][A-Za-z'’ -]*(?:\r?\n|$)/.test(text.slice(span.end, span.end + 200))) return { ruleId: '', end: span.end };
  // A value the text right after names a digest (`pass:<64 hex> (sha256 hash)`, a tool's log with the
  // password replaced by its hash): what stands there is the hash, not the credential.
  if (!prose && notedAsDigest(text, span.end + (span.quoted ? 1 : 0))) return { ruleId: '', end: span.end };
  // `Authorization: Bearer <token>`: judge the token, not the scheme word.
  const first = text.charCodeAt(span.start) | 32; // b or t, in either case
  let basic = false;
  if (first === 98 || first === 116) {
    // (`Bearer%20…`: the space percent-encoded, as in OTEL_EXPORTER_OTLP_HEADERS.)
    const scheme = /^(?:bearer|token|basic)(?:\s+|%20|$)/i.exec(text.slice(span.start, span.end));
    basic = !!scheme && (scheme[0][0] === 'b' || scheme[0][0] === 'B') && /^basic/i.test(scheme[0]);
    if (scheme && scheme[0].length < span.end - span.start) {
      span.start += scheme[0].length;
      // The credential is one token68 (RFC 9110 §11.2): a comma or semicolon after it starts the next
      // header or parameter (`Bearer%20<token>,X-Axiom-Dataset=…` in OTEL_EXPORTER_OTLP_HEADERS).
      const stop = /[,;]/.exec(text.slice(span.start, span.end));
      if (stop) span = { ...span, end: span.start + stop.index };
    }
    else if (scheme) {
      // An unquoted header value stops at the space after the scheme: the credential is the next
      // word, whatever its characters (a password or key pasted as a token need not be base64).
      const next = /^[ \t]+([^\s"'`<>]{1,400})/.exec(text.slice(span.end, span.end + 410));
      if (!next) return { ruleId: '', end: span.end };
      span = { start: span.end + next[0].length - next[1]!.length, end: span.end + next[0].length, quoted: false };
    }
  }
  // An expression with a fallback literal (`System.getenv("API_KEY") ?: "…"`, `process.env.TOKEN || "…"`,
  // `os.getenv("X") or "…"`): the literal is the value whenever the expression is empty.
  if (!span.quoted && !prose && code === 'program') {
    const fallback = fallbackLiteral(text, span.start);
    if (fallback) span = fallback;
  }
  // `PGPASSWORD=value psql -h host`: the shell's environment prefix of a command; the value is the first word.
  if (!span.quoted && !prose) {
    const prefix = hasBlank(text, span.start, span.end) ? /^(\S+)[ \t]+[a-z][a-z0-9._-]*[ \t]+-/.exec(text.slice(span.start, span.end)) : null;
    if (prefix) span = { start: span.start, end: span.start + prefix[1]!.length, quoted: false };
  }
  // A list of `name=value` pairs (OTLP's exporter headers `X-Auth-Token=tok,X-Team=obs`, W3C
  // baggage): the value ends at the comma before the next name.
  if (!prose && holds(text, span.start, span.end, 44)) {
    const pair = /^([^\s,=]+),[A-Za-z][\w-]*=/.exec(text.slice(span.start, span.end));
    if (pair) span = { start: span.start, end: span.start + pair[1]!.length, quoted: span.quoted };
  }
  if (!prose) span = endsAtNextSetting(text, span);
  const rejected = { ruleId: '' as const, end: span.end };
  const value = text.slice(span.start, span.end);
  if (text.startsWith('...', span.end) || text[span.end] === '…') return rejected; // elided: `ops_eyJzaW…`
  if (!span.quoted && isSlotCutAtBlank(value, text, span.end)) return rejected; // `sk-<OPENAI KEY>`
  // A string template of the file's language (`"alice-$timestamp"` in Kotlin): built where it runs.
  if (ctx.dollarTemplates && code === 'program' && isDollarTemplate(text, span.start, span.end, span.quoted, ctx.dollarTemplates)) return rejected;
  // psql's SQL interpolation (`ALTER USER authenticator WITH PASSWORD :'pgpass'`): a colon right before
  // the quote, after a blank, quotes the value of the psql variable named inside, set elsewhere (`\set`,
  // `-v`); such names are lower-case words (a drawn key of mixed case written so stays a value).
  if (span.quoted && text.charCodeAt(span.start - 2) === 58 && /[ \t(,]/.test(text[span.start - 3] ?? '') && /^[a-z_]{2,40}\d{0,2}$/.test(value)) return rejected;
  if (basic && isPlaceholderBasic(value)) return rejected;
  // A YAML alias (`password: *database_password`): `*` and an anchor's name after a mapping's `: `
  // names the node anchored elsewhere in the document (YAML 1.2 §7.1), not a literal.
  if (!span.quoted && code === false && value.charCodeAt(0) === 42 && /^\*[A-Za-z_][\w.-]{0,99}$/.test(value) && /:[ \t]+$/.test(text.slice(Math.max(0, span.start - 4), span.start))) return rejected;
  // Base64 of a printable password (a Kubernetes Secret's data, Helm values; `c2VjdXJlLXBhc3N3b3Jk`
  // is "secure-password") is judged by what it encodes: a placeholder encoded is still one. A weak
  // or drawn password encoded stays reported as before.
  if (!prose && kind === 'password' && value.length % 4 === 0 && /^[A-Za-z0-9+/]{8,88}={0,2}$/.test(value)) {
    const word = base64Word(value);
    if (word !== undefined && judgePassword(word) === 'placeholder') return rejected;
  }
  // A well-known default (a vendor's documented password, or the user name again) is its own rule,
  // judged before the placeholder words (admin, root) would drop it. In program source only a
  // string literal is a value: an unquoted word is a variable.
  const authName = endsWithAuth(name);
  // The default of a shell expansion (`${REDIS_AUTH:-myredissecret}`) is the password used whenever
  // the variable is unset: a word there, even one that reads as a placeholder, is a weak default.
  if (!prose && (kind === 'password' || authName) && isShellDefault(text, s, span.start) && /^[A-Za-z0-9_.-]{4,64}$/.test(value) && judgePassword(value) !== 'value') {
    return weakDefaultMatch(span.start, span.end);
  }
  // A cmdlet assigned to a PowerShell variable (`$pwd = ConvertTo-SecureString -String …`) is a call, not the value (notations.ts).
  if (!span.quoted && isPowerShellCommand(value) && POWERSHELL_ASSIGNMENT.test(text.slice(Math.max(0, span.start - 80), span.start))) return rejected;
  if (assignsVariableToVariable(text, s, value, span.quoted)) return rejected;
  if (!prose && (kind === 'password' || authName) && (span.quoted || code !== 'program') && !outsideCredentialAlphabet(value) && isWeakDefaultValue(value, name, code, span.quoted ? '' : text.slice(span.end, span.end + 40))) {
    return weakDefaultMatch(span.start, span.end);
  }
  if (authName && isPlaceholderPair(value)) return rejected;
  // A name or value that points at a provider whose format a pattern rule knows: that rule decides.
  // (Asked before the value is judged: every key with a provider's prefix would be judged for nothing.)
  if ((facts.defers ??= DEFER_TO_PROVIDER_RULE.test(name)) || claimsKnownFormat(value, kind === 'password')) return rejected;
  const provider = facts.provider === undefined ? (facts.provider = providerForName(name)) : facts.provider;
  // A value in the exact shape of the provider the name names (40 base64 characters for an AWS
  // secret key) is judged as such, even where it starts like a path (`/7Zs1…`).
  const shaped = !!provider?.shape && provider.shape.test(value);
  // Read as prose in program source (`merged.AuthInfos[mergedAuthInfoName] = &mergedAuthInfo`, a
  // subscript too long for the assignment form): a name's address is code, as judgeValue reads `&` first.
  if (prose && code === 'program' && takesAddress(value)) return rejected;
  let confidence = prose ? (isStrongToken(value) ? CONFIDENCE.credentialValue : null) : judgeValueMemo(value, kind, span.quoted, code, name, shaped, facts);
  if (confidence === null) return rejected;
  // Documentation prose names credentials to explain them: a value there that does not look
  // generated is most often an example.
  if (ctx.docsProseAt(hit) && !isStrongToken(value)) confidence = Math.min(confidence, CONFIDENCE.inDocumentationProse);
  if (provider && (!provider.shape || shaped)) {
    return confidenceWritable({
      ruleId: provider.id,
      title: provider.title,
      severity: 'error',
      hint: `Read it from ${provider.envVar} (or a secret store) and rotate the exposed key.`,
      envVar: provider.envVar,
      start: span.start,
      end: span.end,
      confidence: Math.max(confidence, provider.shape ? CONFIDENCE.providerFormat : CONFIDENCE.generatedValue),
      priority: 1,
      byShape: true,
    });
  }
  const isPassword = kind === 'password';
  return confidenceWritable({
    ruleId: isPassword ? 'secret/hardcoded-password' : 'secret/generic-api-key',
    title: isPassword ? 'hardcoded password' : `hardcoded credential in '${name.slice(0, 60)}'`,
    severity: 'warning',
    hint: isPassword
      ? 'Keep passwords out of source: read it from the environment or a secret store, then change it.'
      : 'Read the value from the environment or a secret store, then rotate it: it has been exposed.',
    envVar: (facts.envVar ??= envVarForName(name, kind)),
    start: span.start,
    end: span.end,
    confidence,
    priority: 0,
  });
}

/**
 * Writes the match's confidence once more. Later passes lower it (placeShapeMatches, in docs), and
 * V8 treats a field only ever written in an object literal as constant: the first later write
 * threw away this function's optimised code in every scan (`--trace-deopt`: genericAt deoptimised
 * for "code dependencies" after a confidence field was generalised) and it was compiled again. A
 * write here, from the first call on, leaves the field mutable before anything is optimised.
 */
function confidenceWritable(m: RawMatch): RawMatch {
  m.confidence = +m.confidence;
  return m;
}

/**
 * What genericAt asks about a name, found with one lookup per name: its credential kind, and
 * (filled in when first asked) whether a provider's rule decides for it (DEFER_TO_PROVIDER_RULE,
 * an unanchored alternation of provider words), the provider it names and the variable name a
 * finding suggests. All are functions of the name alone, and names repeat: ~87,000 names with a
 * value on the benchmark corpus, each of which hashed afresh for three or four tables.
 */
interface NameFacts {
  kind: NameKind;
  defers: boolean | undefined;
  provider: ProviderByName | null | undefined;
  envVar: string | undefined;
}
const factsOf: (name: string) => NameFacts | null = memoByText(50_000, (name) => {
  const kind = classifyName(name);
  // (Every field is there from the start: one object shape for all names.)
  return kind ? { kind, defers: undefined, provider: undefined, envVar: undefined } : null;
});

/** `/auth$/i.test(name)` by character codes: this runs at every name that has a value. */
function endsWithAuth(name: string): boolean {
  const n = name.length;
  return n >= 4 && (name.charCodeAt(n - 4) | 32) === 97 && (name.charCodeAt(n - 3) | 32) === 117 && (name.charCodeAt(n - 2) | 32) === 116 && (name.charCodeAt(n - 1) | 32) === 104;
}

/**
 * `Basic dXNlcjpwYXNz` is `user:pass`: base64 of a user and a placeholder password, judged as the
 * password is in every other form (weak-defaults.ts judgePassword).
 */
function isPlaceholderBasic(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{4,}={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // No colon at all (RFC 7617 joins the user-id and the password with one): not a pair, so the
  // text is judged as a key (`clientid11211` in a test of a malformed header is not one).
  if (colon < 0 && /^[\x20-\x7e]+$/.test(decoded)) return !isStrongToken(decoded);
  return colon >= 0 && colon < decoded.length - 1 && judgePassword(decoded.slice(colon + 1), decoded.slice(0, colon)) === 'placeholder';
}

/**
 * Whether any of the parsers below could find a value for the name text[s, e): most credential
 * words sit in prose or code with no operator, quote or bracket near them, and this loop rejects
 * them before the name is sliced and classified. It errs towards true.
 */
function mayHaveValue(text: string, s: number, e: number): boolean {
  const before = s > 0 ? text.charCodeAt(s - 1) : 0;
  // `<password>` element, quoted name ("api_key": / \"api_key\"), `value == password`.
  if (before === 60 || before === 34 || before === 39 || before === 96 || before === 92) return true;
  let b = s;
  while (b > 0 && text.charCodeAt(b - 1) === 32) b--;
  if (b > 0 && text.charCodeAt(b - 1) === 61) return true;
  // A record's `name` member (`- name: API_KEY`): its value is the record's `value` member (name-value-pair.ts).
  if (b >= 5 && b < s && text.charCodeAt(b - 1) === 58 && (text.charCodeAt(b - 5) | 32) === 110 && isPairName(text, s)) return true;
  // A Dockerfile's `ENV NAME value`: the blank is the operator.
  if (b >= 3 && b < s && text.charCodeAt(b - 1) === 86 && dockerEnvBefore(text, s)) return true;
  // An operator, quote or bracket after the name on its line (the prose form looks 62 characters on).
  const stop = Math.min(text.length, e + 62);
  for (let k = e; k < stop; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return false;
    // : = < [ " ' ` and " is "
    if (c === 58 || c === 61 || c === 60 || c === 91 || c === 34 || c === 39 || c === 96) return true;
    if (c === 105 && text.charCodeAt(k + 1) === 115 && text.charCodeAt(k - 1) === 32) return true;
  }
  return false;
}

/** Parses `name <op> value` forward from the end of the name. */
function valueAfter(text: string, s: number, e: number, kind: NameKind, code: CodeKind, escapedText: boolean, comment: boolean): ValueSpan | null {
  // `redis://password:secret@host`: a user name in a URL, whose password the url-credentials rule judges.
  // (One call, not three reads: a rarely taken `s - 2` had no type feedback when the optimiser
  // compiled this function, and its first run threw the compiled code away.)
  if (s >= 3 && text.startsWith('://', s - 3)) return null;
  let i = e;
  const limit = Math.min(text.length, e + 400);
  // In a JSON string holding code (a notebook cell) the unescaped quote before a name is the JSON
  // string's own; the code's literals are the escaped ones.
  const jsonQuote = escapedText && text[s - 1] === '"' && text[s - 2] !== '\\';
  const quotedName = s > 0 && (QUOTES.has(text[s - 1]!) || text[s - 1] === '\\') && !(jsonQuote && code !== false);
  // XML element: <password>value</password>
  if (text[s - 1] === '<' && text[i] === '>') {
    const close = text.indexOf('<', i + 1);
    if (close < 0 || close > limit || text[close + 1] !== '/' || text.slice(i + 1, close).includes('\n')) return null;
    return trimSpan(text, i + 1, close, false);
  }
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    // A short index (`[0]`, `["k"]`), or a key that is a name or a member chain
    // (`cfg.Passwords[defaultPasswordName] = "…"`): what is assigned after it is the element's value.
    if (close < 0 || (close - i > 8 && !(close - i <= 80 && SUBSCRIPT_NAME.test(text.slice(i + 1, close))))) return null;
    i = close + 1;
  }
  if (quotedName) {
    if (text[i] === '\\') i++;
    if (QUOTES.has(text[i]!)) i++;
  }
  // A subscript's key (`os.environ["API_KEY"] = "…"`, `cfg['api_key'] = …`, Ruby's `config[:api_key]`,
  // PHP's `$settings['api_key']`, escaped in a notebook's JSON): the value is assigned after the `]`.
  if (text[i] === ']' && opensSubscript(text, s)) i++;
  // TypeScript's optional member (`password?: A2APasswordOAuthFlow | undefined`): the mark belongs to
  // the name, and after the colon comes the member's type, judged as any value after `:` in code is
  // (read as prose, a type's name of capitals and a digit passed for a drawn token).
  if (i === e && code === 'program' && text[i] === '?' && text[i + 1] === ':') i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const op = operatorAt(text, i);
  if (op) {
    // an assignment, a comparison or an argument separator: read below
  } else if (quotedName) {
    // key="Password" value="…" (NuGet, .NET appSettings)
    const attr = /^\s*value\s*=\s*/i.exec(text.slice(i, i + 40));
    if (!attr) return null;
    i += attr[0].length;
  } else if (i > e && text[i] !== '\n' && text[i] !== '\r' && dockerEnvBefore(text, s)) {
    // A Dockerfile's `ENV NAME value` (docs.docker.com, Dockerfile reference, "ENV": the older form
    // without `=` sets one variable to the rest of the line).
    return readValue(text, i, limit, true);
  } else if (code === 'program' && i === e && text[i] === '(' && callsSetter(text, s, e)) {
    // A setter or a builder's method given one string literal (`config.setPassword("…")`,
    // `.withPassword("…")`, `OpenAI.builder().apiKey("…")`): the literal is the credential's value.
    const arg = readValue(text, i + 1, limit, false);
    return arg && arg.quoted && text[arg.end + 1] === ')' ? arg : null;
  } else if (kind === 'password' && !comment && (text[i] === '"' || text[i] === "'") && i > e && /passw|pwd|pswd/i.test(text.slice(s, e))) {
    // password "value"; (in a comment, `using password "x"` is a sentence)
    return readValue(text, i, limit, false);
  } else return null;
  // A ternary's branch (`isPasscode ? "passcode" : "recovery_code"`): a literal after `?` is a value
  // the condition chooses, and the colon after it starts the other branch, not the literal's value.
  if (op === ':' && quotedName && code !== false && afterTernaryMark(text, s - 2)) return null;
  // Only f("api_token", "value"): the name opens an argument list. In a list of quoted words
  // (`keychain`, `pass`, `secret-storage`) the next item is not the name's value.
  if (op === ',' && (!quotedName || !opensArguments(text, s))) return null;
  if (op === ':' && text[i + 1] === '/' && text[i + 2] === '/') return null; // a URL scheme, not an assignment
  // A shell parameter expansion (`${REDIS_AUTH:-secret}`): after `:-` or `:=` the default is the
  // value; after `:+` (a word used when the variable is set) or `:?` (an error message) it is not.
  // (Indices checked before reading: a read before the text's start deoptimises this function, which
  // genericAt inlines: `--trace-deopt`, "out of bounds".)
  if (op === ':' && i + 1 < text.length && opensExpansion(text, s)) {
    const c = text[i + 1];
    if (c === '+' || c === '?') return null;
    if (c === '-' || c === '=') i++;
  }
  i += op.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  // f("api_token", "value") passes a string literal; after a comma anything else is the next
  // argument or object key (`name: 'API_KEY', baseDir: dir`), not a value.
  if (op === ',' && !QUOTES.has(text[i]!)) return null;
  if (text[i] === '@' && text[i + 1] === '"') i++; // C# verbatim string
  // A string literal's prefix in program source: Python's raw, bytes and Unicode literals (`r'…'`,
  // `b'…'`, `rb'…'`, `u'…'`; docs.python.org, "String and Bytes literals"), Rust's raw and byte
  // strings (`r"…"`, `b"…"`), Dart's raw strings (`r'…'`). The literal after it is the value, as
  // the same literal without the prefix is. (Python's f-strings are left: their `{…}` is code.)
  if (code === 'program') i += stringPrefixAt(text, i);
  // A YAML block scalar (`password: |` or `>-`, then the value on the next line, indented: YAML 1.2
  // §8.1): a value of one line is read as the plain scalar it would be. (A block of several lines is
  // a certificate, a script or a document, judged by its own format's rules.)
  if (op === ':' && code === false && (text[i] === '|' || text[i] === '>')) return blockScalarLine(text, i, s);
  // A YAML key whose value is a one-item list on the next line: how VCR cassettes record each
  // header (`Authorization:` then `- Bearer …`).
  if (op === ':' && code === false && (text[i] === '\n' || text[i] === '\r')) {
    const item = /^\r?\n[ \t]*- +(?=[^\s#])/.exec(text.slice(i, i + 120));
    if (!item) return null;
    i += item[0].length;
    // An item that is a mapping (`webauthn_credentials:` then `- created_at: 2024-…`): the list holds
    // records, and the first record's first key is not the credential's value.
    if (/^[\w.-]+:(?:[ \t]|\r?\n|$)/.test(text.slice(i, i + 80))) return null;
  }
  const toEndOfLine = (op === ':' || op === '=') && isConfigKey(text, s, e) && code === false;
  // Unquoted values stop at a quote, except where the name opened a literal: then running past its
  // closing quote marks the value as other code (below).
  const span = readValue(text, i, limit, toEndOfLine, !quotedName);
  // f("api_token", "value") passes two arguments; a third string literal after the value makes the
  // three items of a list (`("authorization", "x-amz-content-sha256", "x-amz-date")`), not a name and its value.
  if (span && op === ',' && span.quoted && anotherLiteralAfter(text, span.end + 1)) return null;
  // 'API_KEY=value' inside a string literal (a .env file written from code): the value is string
  // content, not an identifier, whatever the file's language. (`'KEY = f(x)'`, with spaces, is code.)
  if (span && quotedName && op === '=' && text[s - 1] !== '\\' && text[e] === '=' && span.start === e + 1) span.quoted = true;
  // A query parameter (`"…/v1/q?apikey=…"`, `'/s?x=1&token=…'` in a program's string): the value is
  // the URL's text, not an identifier of the program.
  // (An interpolation there, `?token={response["fileToken"]}` in an f-string, stays code.)
  if (span && !span.quoted && op === '=' && code === 'program' && span.start === e + 1 && text[span.start] !== '{' && s >= 2 && (text[s - 1] === '?' || (text[s - 1] === '&' && text[s - 2] !== '&'))) span.quoted = true;
  // In code, a name that starts a string literal (`'api_key: "…`, `'password='`) has its value
  // inside that literal: a value quoted by the literal's own quote, or running past it, is other
  // code (`'password='.repeat(n)`), not a value.
  const opener = text[s - 1]!;
  // The name's own literal closed right after it (`"api_key"`, escaped `\"api_key\"` in a notebook's JSON).
  const nameClosed = text[e] === opener || (text[e] === '\\' && text[e + 1] === opener);
  if (span && QUOTES.has(opener) && !nameClosed && code !== false && !jsonQuote) {
    const close = text.indexOf(opener, span.start);
    if (text[span.start - 1] === opener || (close >= 0 && close < span.end)) return null;
  }
  // The same where the literal opens further back (PHP's `'?access_token='.config('…')`, a query
  // string joined to a variable): the quote after `name=` closes the literal the name is written
  // in, and what follows is code.
  // (Not when the name's own literal closed right after it: `cfg["api_key"] = "…"`, a subscript's key.)
  if (span && span.quoted && code !== false && !jsonQuote && op === '=' && !nameClosed && closesLiteral(text, span.start - 1, s)) return null;
  return span;
}

/**
 * The length of a string literal's prefix right before its quote at `i`, or 0: raw, bytes and
 * Unicode prefixes (`r'`, `b"`, `rb'`, `u'`), Rust's raw string with its hashes (`r#"`), C's and
 * C++'s wide and UTF-8 literals (`L"`, `u8"`).
 */
function stringPrefixAt(text: string, i: number): number {
  const c = text.charCodeAt(i) | 32;
  if (c !== 114 && c !== 98 && c !== 117 && c !== 108) return 0; // r, b, u, l
  const d = text[i + 1];
  if (d === '"' || (d === "'" && c !== 108)) return c === 108 && text[i] !== 'L' ? 0 : 1;
  const q = text[i + 2];
  if (q !== '"' && q !== "'" && q !== '#') return 0;
  const pair = c + (text.charCodeAt(i + 1) | 32);
  if (pair === 114 + 98 && q !== '#') return 2; // rb, br
  if (c === 117 && d === '8' && q === '"') return 2; // u8"
  if (c === 114 && d === '#') {
    let k = i + 1;
    while (text[k] === '#' && k - i <= 3) k++;
    return text[k] === '"' ? k - i : 0;
  }
  return 0;
}

/**
 * Is the name text[s, e) a method that sets the credential: a setter by the JavaBeans convention and
 * its kin (`setPassword`, `SetToken` in Go and C#, `set_api_key` in Python, a builder's `withPassword`),
 * or a builder's or fluent configuration's method named for the property alone (`.password(`,
 * `.apiKey(`, as Lombok's builders and most SDKs' client builders name them), called on an object.
 * A getter, a check or a reset (`getPassword("key")`, `checkPassword(…)`) is none of these.
 */
function callsSetter(text: string, s: number, e: number): boolean {
  const name = text.slice(s, e);
  const dot = name.lastIndexOf('.');
  const last = name.slice(dot + 1);
  if (SETTER_PREFIX.test(last)) return true;
  // (A leading dot is not part of the name: `builder().apiKey(` leaves `apiKey` after `.`.)
  const member = dot >= 0 || (s >= 1 && text[s - 1] === '.') || (s >= 2 && text[s - 1] === '>' && text[s - 2] === '-');
  return member && BUILDER_PROPERTY.test(last);
}
/** A subscript's key that is a name or a member chain (`defaultPasswordName`, `cfg.names.primary`). */
const SUBSCRIPT_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** The facts of the property a setter's name sets (`setApiKey` → `ApiKey`), or null when it is no setter. */
function setterFacts(name: string): NameFacts | null {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const setter = SETTER_PREFIX.exec(last);
  return setter ? factsOf(last.slice(setter[0].length)) : null;
}

/** A setter's verb before its property (`set` or `with`, then `_` and a lower-case letter, or a capital): the `_` is the prefix's. */
const SETTER_PREFIX = /^(?:[Ss]et|[Ww]ith)(?:_(?=[a-z])|(?=[A-Z]))/;

const BUILDER_PROPERTY = /^(?:password|passwd|secret|token|api_?[kK]ey|(?:auth|access|bearer|refresh)_?[tT]oken|client_?[sS]ecret|(?:secret|access|private)_?[kK]ey)$/;

/** Is the name at `s` the key of a Dockerfile `ENV` instruction (`ENV NAME value`, first on its line)? */
function dockerEnvBefore(text: string, s: number): boolean {
  if (s < 4 || (text.charCodeAt(s - 1) !== 32 && text.charCodeAt(s - 1) !== 9)) return false;
  const line = text.lastIndexOf('\n', s - 1) + 1;
  return s - line <= 40 && /^[ \t]*ENV[ \t]+$/.test(text.slice(line, s));
}

/**
 * The one line of a YAML block scalar whose header (`|`, `>-`, `|2`, a comment after it) is at `i`,
 * indented past the key's line; null when the block holds more lines or none.
 */
function blockScalarLine(text: string, i: number, s: number): ValueSpan | null {
  const header = /^[|>](?:[+-]?[1-9]?|[1-9][+-])[ \t]*(?:#[^\n]*)?\r?\n/.exec(text.slice(i, i + 80));
  if (!header) return null;
  const keyLine = text.lastIndexOf('\n', s - 1) + 1;
  let keyIndent = 0;
  while (text[keyLine + keyIndent] === ' ') keyIndent++;
  const start = i + header[0].length;
  const line = /^( +)(\S[^\r\n]{0,399})(?:\r?\n|$)/.exec(text.slice(start, start + 600));
  if (!line || line[1]!.length <= keyIndent) return null;
  // The next line must end the block: indented no deeper than the key, or blank and then so.
  const rest = text.slice(start + line[0].length, start + line[0].length + 400);
  const next = /^(?:[ \t]*\r?\n)*( *)\S/.exec(rest);
  if (next && next[1]!.length >= line[1]!.length) return null;
  const from = start + line[1]!.length;
  return trimSpan(text, from, from + line[2]!.length, false);
}

/**
 * Does the quote at `q` close a string literal that opened before the name at `s`, with no blank
 * inside (`'?access_token='`, a URL's query or a `KEY=` being built)? The literal's opening quote is
 * the same quote nearest before the name, after no letter or digit (a closing quote is followed by
 * an operator, not a name); a blank between means prose (`don't … key='x'`), not asked. At most
 * 300 characters back, so a minified line costs no more per hit than a short one.
 */
function closesLiteral(text: string, q: number, s: number): boolean {
  const quote = text.charCodeAt(q);
  for (let k = s - 1; k >= 0 && q - k <= 300; k--) {
    const c = text.charCodeAt(k);
    if (c === quote) return k === 0 || !/[A-Za-z0-9_]/.test(text[k - 1]!);
    if (c === 32 || c === 9 || c === 10 || c === 13) return false;
  }
  return false;
}

/**
 * The operator at `i`, or '': `===` `!==` `==` `!=` `:=` `=>` `?=` `||=` `<-` `=` `:` (not `::`) `,`,
 * the longest first. Read by character codes: this runs at most credential words of a text.
 */
export function operatorAt(text: string, i: number): string {
  // -1 past the end: equal to nothing. (Tested, not read: reading past the end threw away the
  // optimised code of valueAfter, where this is inlined, once per scan: `--trace-deopt`, "out of bounds".)
  const n = text.length;
  if (i >= n) return '';
  const c = text.charCodeAt(i);
  const d = i + 1 < n ? text.charCodeAt(i + 1) : -1;
  const e = i + 2 < n ? text.charCodeAt(i + 2) : -1;
  switch (c) {
    case 61: // =
      if (d === 61) return e === 61 ? '===' : '==';
      return d === 62 ? '=>' : '=';
    case 33: // !
      if (d !== 61) return '';
      return e === 61 ? '!==' : '!=';
    case 58: // :
      if (d === 61) return ':=';
      return d === 58 ? '' : ':';
    case 63: // ?
      return d === 61 ? '?=' : '';
    case 124: // |
      return d === 124 && e === 61 ? '||=' : '';
    case 60: // <
      return d === 45 ? '<-' : '';
    case 44: // ,
      return ',';
    default:
      return '';
  }
}

/** Does the name starting at `s` open a shell parameter expansion (`${NAME`)? (Indices checked first: see valueAfter.) */
function opensExpansion(text: string, s: number): boolean {
  return s >= 2 && text.charCodeAt(s - 1) === 123 && text.charCodeAt(s - 2) === 36;
}

/** Is the last character before `k` and the blanks ending at `k` a `?` (a ternary's then-branch)? By character codes: asked at every quoted name with a colon. */
function afterTernaryMark(text: string, k: number): boolean {
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k >= 0 && text.charCodeAt(k) === 63;
}

/** Does the value at `v` follow `${NAME:-` or `${NAME:=` for the name starting at `s`? */
function isShellDefault(text: string, s: number, v: number): boolean {
  return v >= 2 && opensExpansion(text, s) && text.charCodeAt(v - 2) === 58 && (text.charCodeAt(v - 1) === 45 || text.charCodeAt(v - 1) === 61);
}

/** Is text[i…] a comma and another quoted literal (spaces and a line break allowed between)? */
function anotherLiteralAfter(text: string, i: number): boolean {
  return /^[ \t]*,[ \t\r\n]*["'`]/.test(text.slice(i, i + 80));
}

/** Is the quoted name starting at `s` the first argument of a call: `f("name"` or `f( \"name\"`? */
function opensArguments(text: string, s: number): boolean {
  let k = s - 1; // the opening quote
  if (k > 0 && text[k - 1] === '\\') k--;
  k--;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  return text[k] === '(';
}

/** Does a `[` open right before the name at `s`, through its quote (escaped or not) or a Ruby symbol's `:`? */
function opensSubscript(text: string, s: number): boolean {
  let k = s - 1;
  if (k >= 0 && (QUOTES.has(text[k]!) || text[k] === ':')) k--;
  if (k >= 0 && text[k] === '\\') k--;
  return k >= 0 && text[k] === '[';
}

/** Does text[s, e) hold the character `code` (a comma, `;`, a backslash)? (Asked at every value: no slice, and no search past `e`.) */
function holds(text: string, s: number, e: number, code: number): boolean {
  for (let k = s; k < e; k++) if (text.charCodeAt(k) === code) return true;
  return false;
}

/** `/[_-]/.test(name) || /^[A-Z0-9_]+$/.test(name)` for the name text[s, e), without slicing it. */
function isConfigKey(text: string, s: number, e: number): boolean {
  let screaming = e > s;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 95 || c === 45) return true; // _ -
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) screaming = false;
  }
  return screaming;
}

/** `"value" == password`: the comparison written the other way round. */
function valueBefore(text: string, s: number): ValueSpan | null {
  let i = s;
  while (i > 0 && text[i - 1] === ' ') i--;
  const ops = ['!==', '===', '==', '!='];
  const op = ops.find((o) => text.slice(i - o.length, i) === o);
  if (!op) return null;
  i -= op.length;
  while (i > 0 && text[i - 1] === ' ') i--;
  const q = text[i - 1];
  if (!q || !QUOTES.has(q)) return null;
  const end = i - 1;
  const open = text.lastIndexOf(q, end - 1);
  if (open < 0 || end - open > 300 || text.slice(open, end).includes('\n')) return null;
  return { start: open + 1, end, quoted: true };
}

function readValue(text: string, i: number, limit: number, toEndOfLine: boolean, stopAtQuotes = true): ValueSpan | null {
  // `NAME= # comment`: the value is empty and the comment is not it.
  if (text[i] === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) return null;
  let q = text[i];
  let qlen = 1;
  if (q === '\\' && (text[i + 1] === '"' || text[i + 1] === "'")) {
    q = `\\${text[i + 1]}`; // a quote inside a JSON string (notebooks, JSONL)
    qlen = 2;
  }
  // A triple-quoted literal on one line (`"""…"""`, `'''…'''`: Python, Kotlin, Scala, Groovy, TOML,
  // C# raw strings): its content. (Indices checked before reading: see trimSpan.)
  if ((q === '"' || q === "'") && i + 2 < text.length && text[i + 1] === q && text[i + 2] === q) return tripleQuoted(text, i, q, limit);
  if (q && (QUOTES.has(q) || qlen === 2)) {
    const start = i + qlen;
    let j = start;
    // By character codes: this loop reads every quoted value a name has (~87,000 on the corpus).
    const qc = q.charCodeAt(qlen - 1);
    while (j < limit) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) return null;
      if (qlen === 2 ? c === 92 && text.charCodeAt(j + 1) === qc : c === qc) break;
      if (c === 92 && qlen === 1) j++;
      j++;
    }
    if (j >= limit) return null;
    return { start, end: j, quoted: true };
  }
  let j = i;
  // An escaped line break (`\n` in a JSON or program string holding a .env file) ends the value
  // too, and so does a quote: an unquoted value inside a string (`"…:_authToken=$NPM_TOKEN"`)
  // ends where the string does.
  const ends = stopAtQuotes ? ENDS_UNQUOTED : ENDS_AT_SPACE;
  // (The loop notes where the last `&` is as it goes: the form-field test below needs one after
  // the first character. An assignment, not a comparison, in the rare branch: see trimSpan.)
  let lastAmp = -1;
  for (; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (ends[c] || (c === 92 && escapedBreakAt(text, j))) break;
    if (c === 38) lastAmp = j;
  }
  // A form body or query string (`client_secret=…&refresh_token=…`, recorded in cassettes): the
  // next `&name=` starts the next field.
  // (Most values hold no `&`: then nothing is sliced and no regex runs.)
  const amp = lastAmp > i ? text.slice(i, j).search(/&[A-Za-z_][\w.[\]-]{0,60}=/) : -1;
  if (amp > 0) j = i + amp;
  j = beforeJsonAmpersandField(text, i, j);
  if (toEndOfLine && text[j] === ' ') {
    let k = j;
    while (k < limit && text[k] !== '\n' && text[k] !== '\r') k++;
    // A comment, the next option of a command line (`--host=…`, `-e NAME=…`), the next assignment
    // on the line (`time_to_first_token=None, timer=None` in a logged Python repr), a shell line
    // continuation (` \`, escaped ` \\\n` in a notebook's JSON) or a quote ends it.
    const stop = text.slice(j, k).search(/\s#|\s--?[A-Za-z]|\s[A-Za-z_][\w.-]*=(?!=)|\s\\|["'`]|\\"/);
    j = stop >= 0 ? j + stop : k;
  }
  return trimSpan(text, i, j, false);
}

/** The content of a triple-quoted literal opening at `i` and closing on the same line, or null. */
function tripleQuoted(text: string, i: number, q: string, limit: number): ValueSpan | null {
  const close = text.indexOf(q + q + q, i + 3);
  if (close < 0 || close > limit) return null;
  const eol = text.indexOf('\n', i + 3);
  return eol >= 0 && eol < close ? null : { start: i + 3, end: close, quoted: true };
}

const ENDS_UNQUOTED = new Uint8Array(65536);
for (const c of '\n\r \t"\'`') ENDS_UNQUOTED[c.charCodeAt(0)] = 1;
const ENDS_AT_SPACE = new Uint8Array(65536);
for (const c of '\n\r \t') ENDS_AT_SPACE[c.charCodeAt(0)] = 1;

/**
 * `pass` as a word of a sentence: alone or closing a hyphenated word (`pass`, `Pass`, `Pre-pass`);
 * not a config key or an identifier (`DB_PASS`, `dbPass`, `conn.pass`), which stays a name in
 * comments too (commented-out code).
 */
function isShortPass(name: string): boolean {
  return /^(?:[A-Za-z][a-z]*-)*[Pp]ass$/.test(name);
}

/**
 * Does text[s] sit in a line comment: a line that starts with `//`, `#`, `*` (a block comment's
 * body) or `--`, or a trailing ` // ` / ` # ` after an even number of quotes? (`#define`,
 * `#include` and the other preprocessor lines are code.)
 */
function inLineComment(text: string, s: number): boolean {
  let k = s;
  while (k > 0 && s - k < 400 && text.charCodeAt(k - 1) !== 10) k--;
  const before = text.slice(k, s);
  if (/^\s*(?:\/\/|\*|\/\*|--\s|#(?!(?:define|include|if|ifdef|ifndef|else|endif|pragma|undef|region|endregion)\b))/.test(before)) return true;
  const t = before.search(/\s(?:\/\/|#)\s/);
  if (t < 0) return false;
  const lead = before.slice(0, t);
  return (lead.split('"').length - 1) % 2 === 0 && (lead.split("'").length - 1) % 2 === 0 && (lead.split('`').length - 1) % 2 === 0;
}

/** Is text[s] the first thing on its line (after indentation, a list marker or `export`)? */
function startsLine(text: string, s: number): boolean {
  let k = s;
  while (k > 0 && text[k - 1] !== '\n') k--;
  return /^\s*(?:[-*]\s+)?(?:export\s+)?$/.test(text.slice(k, s));
}

/** Does text[from, to) hold a space or a tab? (Most values do not: then no regex needs to look.) */
function hasBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 32 || c === 9) return true;
  }
  return false;
}

/**
 * JSON's `\u0026` is `&` (RFC 8259 §7; Go's encoding/json and JavaScript's HTML-safe serialisers
 * write every `&` so, as in a recorded request's URL `…?alt=json\u0026pageToken=…`): a name right
 * after it starts at the next query parameter, not at `u0026`. Returns the name's start.
 */
function afterJsonAmpersand(text: string, s: number): number {
  return s > 0 && text.charCodeAt(s - 1) === 92 && text.startsWith('u0026', s) && s + 5 < text.length ? s + 5 : s;
}

/**
 * The same escape inside an unquoted value text[i, j): `\u0026name=` starts the next field of a
 * query string written in JSON, as `&name=` does (readValue). A value that starts with it is empty
 * (`pageToken=\u0026prefix=…`). Returns the value's end.
 */
function beforeJsonAmpersandField(text: string, i: number, j: number): number {
  // (Most values hold no backslash: then nothing is sliced and no regex runs.)
  if (!holds(text, i, j, 92)) return j;
  const field = text.slice(i, j).search(/\\u0026[A-Za-z_][\w.[\]-]{0,60}=/);
  return field >= 0 ? i + field : j;
}

/**
 * A connection string's settings (`DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;
 * EndpointSuffix=…` of Azure Storage, ADO.NET's `Server=…;Password=…;Database=…`) are `name=value`
 * pairs joined by `;`: a value ends at the `;` before the next name. (A value holding `;` is
 * quoted in that syntax; base64 and hex hold none.)
 */
function endsAtNextSetting(text: string, span: ValueSpan): ValueSpan {
  if (!holds(text, span.start, span.end, 59)) return span;
  // (Only a value that is one setting's: a whole connection string under a name, `CONNECTIONSTRING:
  // "Host=…;Password=…"`, starts with a setting of its own, and each of its settings is judged where
  // its name is. Base64's padding may end the value.)
  const setting = /^([^\s;=]+={0,2});[A-Za-z][\w .-]{0,40}=/.exec(text.slice(span.start, span.end));
  return setting ? { start: span.start, end: span.start + setting[1]!.length, quoted: span.quoted } : span;
}

function escapedBreakAt(text: string, j: number): boolean {
  if (text.charCodeAt(j) !== 92) return false; // backslash
  const n = text.charCodeAt(j + 1);
  return n === 110 || n === 114 || n === 116; // n r t
}

function trimSpan(text: string, start: number, end: number, quoted: boolean): ValueSpan | null {
  for (;;) {
    // A block comment closing right after the value (`token = default*/);`) is not part of it.
    // (`end - 2` computed at every step and assigned: an operation that first runs after the
    // optimiser compiled the function has no type feedback and throws the compiled code away.)
    const back = end - 2;
    if (!quoted && end - start > 2 && text.startsWith('*/', back)) {
      end = back;
      continue;
    }
    if (!(end > start && /[\s,;.'"`)>\]}\\]/.test(text[end - 1]!))) break;
    // Drop one trailing separator or stray quote ("db_pass: value," — the comma is not the value);
    // keep a bracket the value opened (`<your-key>`, `f(x)`).
    const c = text[end - 1]!;
    if (/[)}\]>]/.test(c) && text.slice(start, end - 1).includes(c === ')' ? '(' : c === '}' ? '{' : c === '>' ? '<' : '[')) break;
    end--;
  }
  return end > start ? { start, end, quoted } : null;
}


let prefixRe: RegExp | undefined;
let rulesByPrefix: Map<string, PatternRule[]> | undefined;
/** The first two characters of every prefix (all ASCII, four or more long): most values start otherwise, and are answered before the regex runs. */
const PREFIX_PAIRS = new Uint8Array(128 * 128);
/**
 * Does the value start with a provider prefix (`xoxp-`, `dapi`, `secret_`)? Then only that
 * provider's rule may report it: a token with the prefix but not the format is the provider's
 * sample (`sk-lf-project-1`). A password is another matter: it defers only when it has the format,
 * since a prefix that is a word (`secret_123`; Notion's keys start `secret_` and run 43 characters
 * on) is chance there, and the URL form judges that password as a value.
 */
function claimsKnownFormat(value: string, onlyInFormat: boolean): boolean {
  if (!prefixRe || !rulesByPrefix) {
    rulesByPrefix = new Map();
    for (const r of ALL_RULES) {
      if (r.anchorsIgnoreCase) continue;
      for (const a of r.anchors) {
        if (a.length < 4 || !/^[A-Za-z]/.test(a) || !/[-_.]$|^dapi$|^AKIA$|^AIza$/.test(a)) continue;
        rulesByPrefix.set(a, [...(rulesByPrefix.get(a) ?? []), r]);
      }
    }
    // (`sk-` alone is too common a prefix — LiteLLM and OpenAI-compatible gateways use it — to defer on.)
    // Longest first, so the prefix read is the one its rules are listed under.
    const prefixes = [...rulesByPrefix.keys()].sort((a, b) => b.length - a.length);
    prefixRe = new RegExp(`^(?:${prefixes.map((a) => a.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})`);
    for (const a of prefixes) PREFIX_PAIRS[(a.charCodeAt(0) << 7) | a.charCodeAt(1)] = 1;
  }
  // (Not read past the end: 128 stands for "no character", which starts no prefix.)
  const c0 = value.length > 0 ? value.charCodeAt(0) : 128;
  const c1 = value.length > 1 ? value.charCodeAt(1) : 128;
  if (!(c0 < 128 && c1 < 128 && PREFIX_PAIRS[(c0 << 7) | c1] === 1)) return false;
  const m = prefixRe.exec(value);
  if (!m) return false;
  if (!onlyInFormat) return true;
  return rulesByPrefix.get(m[0])!.some((r) => {
    if (r.scan) return true;
    r.pattern.lastIndex = 0;
    return r.pattern.test(value);
  });
}

/**
 * Does the name ending at `e` go on through `/` to a key's colon (`reconcile.external-secrets.io/data-hash:`)?
 * Then the key is a path: a Kubernetes annotation's or label's qualified key is a DNS prefix, `/` and
 * its name (kubernetes.io, "Annotations", "Labels and Selectors"), and the credential word in the
 * prefix names the domain, not the value. The key's last segment is judged at its own hit, if it
 * holds a credential word (`example.io/api-key: …`).
 */
function isPathKey(text: string, e: number): boolean {
  return /^(?:\/[\w.-]+)+:[ \t]/.test(text.slice(e, e + 120));
}

/**
 * Does the word end in a printf verb (`creationPolicy=%s` in `"unable to delete secret %s: creationPolicy=%s is not Owner"`)?
 * C's, Go's (`%v`, `%q`, `%T`) and Python's %-formatting put an argument there when the message is
 * formatted: a message's template, not its value. (`%d`, `%x` and `%f` are left: after `%` they
 * read as a percent-encoded byte.)
 */
function endsInFormatVerb(text: string, start: number, end: number): boolean {
  return /(?:^|[^%])%[-+# 0-9.]*[svqT]$/.test(text.slice(Math.max(start, end - 12), end));
}

/** `…credential … : <token>` later on the same line (at most 80 characters on). */
/**
 * A compound type's name in the languages that write types so (`OAuth2AuthorizationContext`,
 * `ResponseToken`, `Saml2X509Credential`): a capital first, lower case, and another capital or a
 * digit inside. (One capitalised word, `Token`, may start a sentence in a comment.)
 */
function isPascalCase(name: string): boolean {
  const c = name.charCodeAt(0);
  return c >= 65 && c <= 90 && /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(name) && /[A-Z0-9]/.test(name.slice(1));
}

function valueInProse(text: string, e: number, inCode: boolean, typeName = false): ValueSpan | null {
  // In program source a name before `(` is a function, called or declared (`tokenVerify(…): false|Document`):
  // what follows its arguments is its return type or the rest of an expression, not its value.
  if (inCode && text.charCodeAt(e) === 40) return null;
  if (text.charCodeAt(e) === 47 && isPathKey(text, e)) return null;
  // Most credential words in prose have no ':' / '=' / ' is ' after them: check that with a loop first.
  let k = e;
  const stop = Math.min(text.length, e + 62);
  for (; k < stop; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 58 || c === 61 || (c === 105 && text.charCodeAt(k + 1) === 115 && text.charCodeAt(k - 1) === 32)) break;
  }
  if (k >= stop || text.charCodeAt(k) === 10) return null;
  const line = text.slice(e, Math.min(text.length, e + 80));
  const m = /^[^\n:=]{0,60}?(?::|=|\bis\b)[ \t]+(?=[^\s"'`<>])/.exec(line);
  if (!m) return null;
  // An escaped line break (`\n` in a string literal, a generated description's paragraphs) ends the
  // line of the text the literal holds, as a line break ends the file's: the word and the value are
  // in different sentences (`…Secret of type kubernetes.io/tls\n\nSupport: Implementation-specific`).
  if (m[0].includes('\\n')) return null;
  // In program source, a credential word inside a string ('Move secret to store') and a value
  // outside it (`command: Commands.moveToStore`) belong to different expressions.
  if (inCode && /["'`]/.test(m[0])) return null;
  // A parenthesis closed that did not open after the name, and the colon right after it
  // (`string $secret, Proof $p): false|Document`): the name was a parameter, and what follows is the
  // declaration's return type.
  if (inCode && /\)[ \t]*:[ \t]+$/.test(m[0]) && m[0].split(')').length > m[0].split('(').length) return null;
  // Another name and its colon after a comma (`cf: loginFixtureCredentials, sf: loginFixtureResponse`
  // in a struct literal): the value after it is that name's.
  if (inCode && /,[ \t]*[A-Za-z_$][\w$]*[ \t]*:[ \t]+$/.test(m[0])) return null;
  // A declaration's type (`OAuth2AuthorizationContext authorizationContext = OAuth2AuthorizationContext`
  // in Java, `for (Saml2X509Credential c : credentials)`): the credential word names the type, and the
  // operator after the declared name gives that name its value, judged at that name if it is one.
  // (The type may carry type arguments, the word among them: `OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator = …`.)
  // (Only after a type's name: in a comment, `API key prod: …` gives the word its value.)
  if (inCode && typeName && /^(?:[^:=\n]*>)?[ \t]+[A-Za-z_$][\w$]*[ \t]*[:=][ \t]+$/.test(m[0])) return null;
  // A ternary after the word (`isPrimaryKey ? true : !field.isOptional`): the branches are what the
  // condition chooses between, not a value the word is given.
  if (inCode && /^[ \t]*\?[^:?]*:[ \t]+$/.test(m[0])) return null;
  // `>=`, `<=` and `!=` compare (`if privateKeyCap >= privateKeyLen+publicKeyLen`): what follows is
  // the other operand, not a value the word is given.
  if (/[<>!]=[ \t]+$/.test(m[0])) return null;
  // A credential word closing a destructuring pattern (`({ onSubmit, token }: AuthFormProps) =>`, in
  // code or quoted in a page about it): what follows the colon is the pattern's type, not the word's value.
  if (/^\s*(?:,\s*[\w$]+\s*)*\}\s*:/.test(m[0])) return null;
  const start = e + m[0].length;
  let end = start;
  while (end < text.length && end - start < 200 && !/[\s"'`<>]/.test(text[end]!)) end++;
  while (end > start && /[.,;:!?)\]]/.test(text[end - 1]!)) end--;
  if (end - start < 12 || endsInFormatVerb(text, start, end)) return null;
  return { start, end, quoted: false };
}

/**
 * A name inside a chain of names joined by colons (`snyk:lic:golang:…:vault:api:auth:kubernetes:MPL-2.0`,
 * a policy file's rule id; `a:b:token:c`): one segment of a namespaced key, as values.ts judges
 * such a key (two or more segments before the name, a colon right after it), not a name and its value.
 */
function isColonChainSegment(text: string, s: number, e: number): boolean {
  return text.charCodeAt(e) === 58 && /[^\s:]/.test(text[e + 1] ?? ' ') && /(?:[A-Za-z0-9_.-]+:){2}$/.test(text.slice(Math.max(0, s - 80), s));
}
