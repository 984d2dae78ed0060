import { isBackslashWord, isNotation, isScopedPackageSubpath } from './notations';
import type { CodeKind } from '../../files/file-formats';
import { CONFIDENCE } from './confidence';
import { isDummyValue } from './dummy-values';
import { charClasses, shannonEntropy, spellsAlphabets } from './entropy';
import type { NameKind } from './names';
import { isLeetPlaceholder, isPatternSource, isPlaceholder, isIndirect, nounsAndNumber, unLeet } from './placeholders';
import { isMadeOfWords, isWord, letterParts } from './words';

/**
 * Judging a candidate value found next to a credential name: is it a credential literal, or a
 * reference, a placeholder, a dummy, code, a name, a path, prose? Shared by the generic detector's
 * parsers (generic.ts), which find where a value is.
 */
// (`default!`, `value!`: C# and TypeScript's null-forgiving operator ends an expression too.)
// A name closing a destructuring pattern or a block (`{token:k}=S.default`, `…Token=null}static`) ends one too.
// (`token&.downcase`: Ruby's safe navigation calls a method on the name, as `?.` does elsewhere.)
// (`normalized_tokens**token_exponent_penalty`: `*` multiplies, or with `**` raises, the name; no literal.)
const CODE_IDENTIFIER = /^[A-Za-z_$][\w$.]*(?:$|[\s),;|\]}<>?=!*]|&\.)/;
// Key material, configuration, code and data, and the media, documents and archives a storage key
// or an upload path names (`"storage_key": "<uuid>/<uuid>.jpg"` in a recorded response).
const FILE_NAME =
  /\.(?:pem|p12|pfx|key|crt|cer|der|json|ya?ml|txt|xml|keytab|jks|keystore|env|ini|conf|cfg|properties|ts|js|py|patch|diff|md|sh|sql|csv|lock|log|jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|mp[34]|wav|ogg|webm|mov|avi|zip|gz|tgz|tar|bz2|xz|7z|html?|css|parquet|jsonl|bin|wasm)$/i;
const PATHLIKE = new RegExp(`^(?:\\.{0,2}\\/|~\\/|[A-Za-z]:\\\\)|${FILE_NAME.source}`, 'i');
/** The next `NAME=` of a command line, read where a value was left empty (`API_KEY= OTHER_SETTING=x`). */
const NEXT_VARIABLE = /^[A-Z][A-Z0-9_]{2,}=/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A decimal or scientific number with a point or an exponent (`1.875e-6`, `-0.5`, `.25`). */
const INTEGER_LITERAL = /^(?:0[xX][0-9A-Fa-f]{1,16}|0[bB][01]{1,64}|0[oO][0-7]{1,22})[uUlL]{0,3}$/;
const NUMBER_LITERAL = /^[-+]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][-+]?\d+)?$/;
const CODE_VALUE = /^(?:[A-Za-z_$][\w$]*\s*(?:[(.[]|$|;|,)|new\s|await\s|function|lambda|\(|=>|!|&&|\|\||[0-9.]+;?$)/;
/** Names of letters joined by `.`, `/` or `:`, each of parts joined by `_` (judgeValue, namesInStyle). */
const DOTTED_LETTERS = /^[A-Za-z]+(?:_[A-Za-z]+)*(?:[./:][A-Za-z]+(?:_[A-Za-z]+)*)+$/;
/** A name in a naming style: words in lower, capital or camel case and acronyms (`MySQLConfig`, `accessKeyID`, `LDAPBackend`). */
const NAME_PIECES = /^(?:[A-Z]{2,}(?=[A-Z][a-z]|$)|[A-Z]?[a-z]+|[A-Z]$)+$/;

/**
 * Are the letter names of a dotted value (DOTTED_LETTERS) written as names: each in a naming style,
 * one at least a word of four letters or more? Letters drawn at random mix cases within a name
 * (`HFZdpvCbJhsVXcsfM/MsTCJqPYVBwMKN`, base64 of drawn bytes without a digit: about once in 400
 * draws of 24 bytes) and hold no word.
 */
function namesInStyle(v: string): boolean {
  const parts = v.split(/[./:_]/);
  return parts.every((p) => NAME_PIECES.test(p)) && parts.some((p) => p.length >= 4 && isMadeOfWords(p));
}

/**
 * The credential alphabet: generated keys, tokens and passwords are printable ASCII without
 * whitespace. A letter outside ASCII (`'Mot de passe'`, `'كلمة المرور'`, `'Contraseña'`) or a space
 * means a sentence or a label of a translated interface (so does typographic punctuation: a curly
 * apostrophe, a dash, an arrow); measured on the pool of issue #21, the value
 * span of 224 of 332 non-credentials held one, and that of none of the 27 credential-like ones.
 */
// (Or Latin-1's punctuation of prose opening a word: Spanish `¿` and `¡`, a guillemet, as in
// `¿Olvidaste`; among symbols, `A,.:-¨@*¿?!`, it is a password's character, and the external
// benchmark's keyword cases hold one.)
const NON_ASCII_LETTER = /(?![\u0000-\u007f])[\p{L}\u2010-\u205e]|(?:^|\s)[\u00a1\u00ab\u00bf][A-Za-z]/u;
export function outsideCredentialAlphabet(v: string): boolean {
  // JSON's `\uXXXX` escapes (a translation file or a model's answer written with ensure_ascii): a
  // character they spell outside ASCII (`Wikipedia\u2019s`, `\u2192`) is text, and only printable
  // ASCII ones (`\u0021`) can belong to a key: a control character (`value\u0001with\u0001control`)
  // is in no credential alphabet.
  if (v.includes('\\u') && /\\u(?!00[2-7])[0-9a-fA-F]{4}/.test(v)) return true;
  // A string's escaped line end or tab (`Username: Authorization\n- Password:` in a JSON-held note)
  // separates words as the character it stands for does; one at either end (`password "second\r"`
  // in a netrc test) separates nothing.
  if (v.includes('\\') && /\\[nrt]/.test(v)) v = v.replace(/\\[nrt]/g, ' ').trim();
  let space = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) space = true;
    else if (c >= 128 && NON_ASCII_LETTER.test(v)) return true;
  }
  // Words of a language are a phrase (`value with quotes and spaces`, `Clave API`, `crewai token`);
  // a value whose every part is itself random (`QC7dPPabnB AOgPsmbN` in an env file) is not.
  return space && v.split(/\s+/).some((w) => PROSE_WORD.test(w));
}
const PROSE_WORD = /^[("'`]?(?:[a-z]+|[A-Z][a-z]*|[A-Z]+)(?:['’-][a-z]+)?[.,!?:;)"'`]*$/;

/**
 * Program code read as a value (unquoted, in program source): a pointer or reference
 * (`&hashedPassword`, `*row.APIKey`), a path (`S3CredentialsConfig::Explicit`), a macro or a
 * composite literal (`vec![…]`, `&entity.APIToken{`), a path from the root namespace (`::Digest::SHA256.hexdigest(`).
 */
const MEMBER_CHAIN = /^[A-Za-z_]\w*(?:(?:->|\??\.)[A-Za-z_]\w*)+(?:\[[A-Za-z_]\w*\])?$/;
const CODE_EXPRESSION = /^(?:[&*]+\s*[A-Za-z_(]|[A-Za-z_][\w.]*(?:::|!\[|!\(|\{$|\{\})|::[A-Za-z_])/;
const PHP_QUALIFIED = /^(?:\\[A-Za-z_]\w*)+(?:$|::|\(|[,;)\]])/;
const MARKER = /^(?:([#%@=*~^])\1+[A-Z]+(?:[-_ ][A-Z]+)*\1{2,}|\[\[[A-Z]+(?:[-_ ][A-Z]+)*\]\]|<<[A-Z]+(?:[-_ ][A-Z]+)*>>)$/;
const CONSTANT_PATH = /^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)+(?:\.[A-Za-z_]\w*)*(?:\(|$)/;
const HEXSPEAK = /deadbeef|cafebabe|feedface|8badf00d|baadf00d|deadc0de|defec8ed|cafed00d|decafbad|facefeed|0d15ea5e|dabbad00/i;

/**
 * Unquoted text that is a piece of code wherever it sits (a JSDoc line, a Python docstring, a
 * release note): the rest of a call chain (`}).transcription(id)`, `4.0).count(messages)`), an
 * f-string (`f"{self.api_key}"`), a printf format (`%s;database=%s`), markup or a slot (`<decrypted
 * password>`), a composite literal (`restAPIToken{recursive:`), an identifier ending a condition
 * (`dry_run_keys:`).
 */
function isCodeFragment(v: string): boolean {
  const c = v[0]!;
  if (c === ')' || c === '}' || c === ']' || c === '<') return true;
  if (/\)\.[A-Za-z_]/.test(v) || /^[fFrRbBuU]{1,2}["']/.test(v) || /^%[-+ #0-9.]*[sdvqxXfg]/.test(v)) return true;
  if (/^[A-Za-z_$][\w$]*\}/.test(v)) return true; // a name closing a block or a destructuring (`{token:k}=S`)
  // A hash read by a symbol key (Ruby's `params[:token]`, `flash[:application_secret].presence` in an ERB view).
  if (/^[A-Za-z_]\w*\[:[A-Za-z_]\w*\]/.test(v)) return true;
  // An element read by a variable (`config[profile_name]['aws_secret_access_key']`, a script's dict).
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\[[A-Za-z_]\w*\](?:$|[[.(])/.test(v)) return true;
  return /^[A-Za-z_][\w.-]*(?:\{(?:[A-Za-z_]\w*:|\}|$)|:$)/.test(v); // (`changed-files:`: the next YAML key)
}

const MODULE_PATH = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[A-Za-z0-9_.~+-]+)+$/;

/** `{$name` then a member (`->`), an element (`[`), a static member (`::`) or the closing `}`: PHP's curly interpolation. */
function isPhpCurlyInterpolation(v: string): boolean {
  return /\{\$[A-Za-z_]\w*(?:->|\[|::|\})/.test(v);
}

/**
 * A Python string literal with its prefix (`f"token {token}"`, `rb'…'`) written inside a JSON string,
 * a notebook cell's source: the quote after the prefix is escaped there (`f\"token`, RFC 8259 §7).
 * Code, as the unescaped form is (isCodeFragment); a drawn key holds no backslash.
 */
function isEscapedStringPrefix(v: string): boolean {
  return /^[fFrRbBuU]{1,2}\\["']/.test(v);
}

/**
 * An identifier and an empty argument list (`hf_whoami()`, `client.get_token()`, in a Markdown code
 * span or a docstring): a call in every C-family language and in Python. Parentheses are in no
 * key's alphabet; a password with them is not written as a bare name and `()`.
 */
function isEmptyCall(v: string): boolean {
  return v.endsWith('()') && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(\)$/.test(v);
}

/**
 * A base64 secret that happens to start with `/` (one in 32 of them: AWS secret keys, Django and
 * Rails secrets) is not a path: a path's segments are names, with dots, dashes or words, while
 * this is one run of 30+ base64 characters of all three classes at the entropy of a draw.
 */
function isBase64Draw(v: string): boolean {
  if (v.length < 30 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  const c = charClasses(v);
  if (!c.lower || !c.upper || !c.digit) return false;
  // A draw has few slashes (one character in 32) and long runs between them; a path's segments are names.
  const segments = v.split('/');
  const longest = segments.reduce((a, s) => (s.length > a.length ? s : a), '');
  return segments.length <= 5 && longest.length >= 12 && shannonEntropy(v) >= 4.3;
}

// (Ids written with `_` only: the check runs for values holding one; `chatcmpl-…` and `ftjob-…` are not among them.)
const OBJECT_ID = '(?:call|fc|resp|msg|rs|asst|thread|run|step|batch|vs|toolu|srvtoolu|msgbatch)[-_][A-Za-z0-9]{16,64}';
const OBJECT_IDS = new RegExp(`^${OBJECT_ID}(?:\\|${OBJECT_ID})*$`);
const KEY_PART = '(?:[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*|[a-z]+(?:[A-Z][a-z]+)+|\\{[a-z][\\w.-]*\\}|\\([a-z][a-z0-9_]*\\))';
const NAMESPACED_KEY = new RegExp(`^${KEY_PART}(?::${KEY_PART}){2,}$`);

/** Words in a comma-separated list (a CSV row's next fields, `issued,prior_authorization,…`): fields, not a value. */
function isWordList(v: string): boolean {
  return v.includes(',') && /^[A-Za-z]+(?:[_-][A-Za-z]+)*(?:,[A-Za-z]+(?:[_-][A-Za-z]+)*){2,}$/.test(v);
}

/** Confidence that a value assigned to a credential name is a real credential, or null. */
export function judgeValue(value: string, kind: NameKind, quoted: boolean, code: CodeKind, name: string, shaped = false): number | null {
  const v = value.trim();
  if (v.length < 4 || v.length > 400) return null;
  // A passphrase (four or more lower-case words, quoted, in a configuration file) is the one
  // credential made of words; a label or a sentence has capitals, fewer words or sits in code.
  if (kind === 'password' && quoted && code === false && /^[a-z]+(?: [a-z]+){3,}$/.test(v)) return CONFIDENCE.credentialValue;
  if (outsideCredentialAlphabet(v)) return null;
  if (quoted && code === 'program' && v.includes('\\') && spellsControlCharacter(v)) return null;
  // A number (`input_cost_per_token: 1.875e-6`, `token_ratio = 0.75`): a rate or a count, never a key.
  if (NUMBER_LITERAL.test(v)) return null;
  // An integer literal in program source (`CMD_BT_PASSWORD = 0x00A9`, a command's code; `0b…`, `0o…`):
  // a number of 64 bits at most, where a key is written as a string or an array of bytes.
  if (!quoted && code === 'program' && INTEGER_LITERAL.test(v)) return null;
  // A separator and a space first (`", nodeAttr.value, "` between two literals of a call): code;
  // `&` first: the next parameter of a query string, after an empty one (`gtm_auth=&gtm_preview=…`).
  if (/^[,;+|]\s/.test(v) || v[0] === '&') return null;
  // The end of the string the name sat in, then code (`color.Blue("RootPass: ") + color.Bold(…)`:
  // a label in a message, its value passed in the next argument; read from the label's closing
  // quote, the "value" is the code up to the next literal): a closing parenthesis or bracket and an
  // operator or separator start no credential.
  if (/^(?:["'`]\s*)?[)\]]\s*[-+,;.|&?:]/.test(v)) return null;
  // Markup or code after the value's start: an attribute (`icon="false` in `:icon="false"`), a
  // generic call (`ref<VForm | null>(null)`). A credential holds neither a `="` nor a type argument.
  if (!quoted && (/[\w-]="/.test(v) || /^[A-Za-z_$][\w$.]*<[A-Z]/.test(v))) return null;
  // A generic type written whole (`secrets: Record<string,string>` in a design note, `Map<string, number>`):
  // a name and its type arguments in angle brackets, which close the value.
  if (!quoted && v[v.length - 1] === '>' && /^[A-Za-z_$][\w$.]*<[\w$.,\s<>|[\]]*>$/.test(v)) return null;
  if (!quoted && code === 'program' && opensObjectiveCLiteral(v)) return null;
  if (isSelectorLabels(v)) return null;
  // Command substitution (`$(cat /run/secrets/api_key)`, compose's `$$(…)`): read at run time.
  if (/^\$\$?\(/.test(v)) return null;
  // Code in program source: a pre-increment (`++authAttemptRef.current`), a Ruby instance variable (`@user_values[:smtp_password]`).
  if (!quoted && code === 'program' && /^(?:\+\+|--|@{1,2})[A-Za-z_$]/.test(v)) return null;
  // A sigil variable in program source (PHP's `$this->token`, `$request->route(`, Perl's `$cfg{key}`, a Rust
  // macro's metavariables `$crate::client::…` and `$api_key:ty`): read at run time, where a literal would be quoted.
  if (!quoted && code === 'program' && v[0] === '$' && /^\$[A-Za-z_]\w*(?:$|->|::|:[a-z]|[[({)\s,;.?])/.test(v)) return null;
  // A member read through a pointer (C's and C++'s `data->state.creds`, `data->set.blobs[BLOB_KEY]`) or an
  // optional chain (`currentUser.value?.token` in a Vue template): names joined by `->` or `?.`, which
  // no generated key and no chosen password is made of, are read at run time.
  if (!quoted && (v.includes('->') || v.includes('?.')) && MEMBER_CHAIN.test(v)) return null;
  // An Azure Resource Manager template expression (`"[listKeys(resourceId(…), '2022-10-01').primarySharedKey]"`,
  // `"[parameters('adminPassword')]"`): brackets around a function call, evaluated at deployment.
  if (v[0] === '[' && /^\[[a-z][A-Za-z]*\(/.test(v)) return null;
  // An optional type (Zig's `?Ast.TokenIndex`, PHP's and Hack's `?string` before a parameter): `?` and a type name.
  if (!quoted && code === 'program' && v[0] === '?' && /^\?[A-Za-z_][\w.]*(?:$|[\s,;)=])/.test(v)) return null;
  // Interpolation in a string of program source: Swift's `\(expr)` (`"Debug Token: \(provider.token())"`, jq's `\(.AccessKey.Id)`),
  // and a name of two or more words after `$` at a word's start (`'flutterfire-$libraryName-$packageVersion'`
  // in Dart, Kotlin, Groovy, Perl, PHP): the value is built where it runs. A password's `$` inside a
  // word (`Pa$sWord`) or before one word is kept, and so is a hash's `$` after its digits.
  if (code === 'program' && (v.includes('\\(') || v.includes('$')) && /\\\(\.?[A-Za-z_]|(?:^|[^A-Za-z0-9$\\])\$[a-z]{3,}(?:[A-Z][a-z]+|_[a-z]{2,})/.test(v)) return null;
  // An Objective-C block literal (`tokenWithCompletion:^(NSString *token, …)`): code, never a value.
  if (!quoted && code === 'program' && v[0] === '^' && v[1] === '(') return null;
  // A member written from its leading dot (Swift's and Dart's implicit member `.symbol(`, an enum case `.none`).
  if (!quoted && code === 'program' && v[0] === '.' && /^\.[A-Za-z_]/.test(v)) return null;
  // The next variable of a command line (`API_KEY= OTHER_SETTING=responses`): this one was left empty.
  if (!quoted && NEXT_VARIABLE.test(v)) return null;
  // A printf format (`apikey=consumer-%s`, `%-8s`, `%02d`): the value is filled in at run time. The
  // conversion ends a word (`%1234sXyz` in a password is no format; `%d4` is percent-encoding).
  if (v.includes('%') && /%[-+ #]?\d{0,2}(?:\.\d{1,2})?[sdqv](?![0-9A-Za-z])/.test(v)) return null;
  // A width or precision taken from an argument (`%.*s`, `%-*s`: C's length-bounded string) is
  // printf's alone, so the conversion may run into the next word (`%.*s4-HMAC-SHA256` in curl).
  if (v.includes('*') && /%[-+ #0]?(?:\*(?:\.(?:\d{1,2}|\*))?|\d{0,2}\.\*)[sdu]/.test(v)) return null;
  // An API object's id (OpenAI's tool call `call_…` and its function-call item `fc_…`, a response
  // `resp_…`, a message `msg_…`; Anthropic's tool use `toolu_…`), alone or joined by `|` (a chat UI's
  // key for one call): the API names an object with it (platform.openai.com/docs/api-reference,
  // docs.anthropic.com/en/api/messages); the same providers' credentials have prefixes of their own.
  if (v.includes('_') && OBJECT_IDS.test(v)) return null;
  // Crowdin In-Context's pseudo-language (support.crowdin.com/in-context-localization: "contains
  // special identifiers instead of the original texts"): `crwdns<id>:<n>crwdne<id>:<n>`, the string's
  // start and end markers around its number. A catalog's stand-in for a message, never a key.
  if (v.charCodeAt(0) === 99 && /^crwdns(\d+):\d+crwdne\1:\d+$/.test(v)) return null;
  // A shell variable expanded inside the value (`"url=$url"`, `secret-$provider` in a script's
  // `--set`): outside single quotes `$name` is replaced where the script runs, so the text is not the
  // value used. (Upper-case names are environment variables, below; a `$` inside a word is kept.)
  if (code === 'shell' && v.includes('$') && /(?:^|[^A-Za-z0-9\\$])\$\{?[a-z_][a-z0-9_]*\}?(?![A-Za-z0-9_])/.test(v)) return null;
  if (isWordList(v)) return null;
  if (isNotation(v)) return null; // notations.ts: version specifiers, rate limits, durations, style rules
  if (!quoted && isBackslashWord(v)) return null;
  if (!quoted && code === 'program' && isNameExpression(v)) return null;
  // Held-out set thirty-two (game servers and hosting panels): code read as a value, each a small test below.
  if ((!quoted && code === 'program' && (isPostIncrement(v) || isSignedNumberThenNextItem(v))) || (code === 'shell' && hasCommandSubstitution(v))) return null;
  // Held-out set twenty-three (operations code): shapes of code and data formats, each a small test below.
  if (isConcatenationAroundCall(v) || isConcatenationSeam(v) || isNameBeforeColon(v) || isFormatFieldCall(v) || isSqlBindParameter(v) || isSqlColumnType(v)) return null;
  if (isPhpClassString(v) || isGoSliceType(v) || isEscapeSequence(v) || hasDovecotVariable(v)) return null;
  if ((!quoted && isTerraformIndexedReference(v)) || isFieldPath(v) || isCharsetName(v)) return null;
  if (!quoted && code === 'program' && isErlangRecordExpression(v)) return null;
  if (isOptionalChain(v)) return null;
  if (namesTheSecretObject(v, name) || isScramVerifierPrefix(v) || isKeyValueOptionList(v)) return null;
  // Held-out set thirty-one (business software: ERP, CRM, invoicing): template and PHP shapes, each a small test below.
  if (isSmartyVariable(v) || spellsLettersInHexEscapes(v) || isSingleValidationRule(v) || isPhpClassConstant(v)) return null;
  if (isPhpStringVariable(v) || isConcatenationIntoCall(v) || (!shaped && isSourceFilePath(v)) || isKeyPrefix(v) || isCssEscape(v)) return null;
  // Held-out set twenty-six (e-commerce and CMS code): names written as values, each a small test below.
  if (isCamelCaseBindParameter(v) || isDoubleUnderscoreName(v) || isScopedPackageSubpath(v) || isQuotedConstantPath(v) || opensConstantInterpolation(v)) return null;
  // A namespaced key (`app:traces-v2:discoverCache` in localStorage, Redis's `ops:{snapshot}:live` with
  // its hash tag, a URN's `urn:ietf:params:…`): three or more names joined by colons, each a word in
  // kebab, snake or camel case, or in parentheses where a record format marks a field optional
  // (passwd(5)'s `uid:gid:(gecos):home:(shell)`). A credential pair has two parts (`user:pass`), and a draw mixes cases.
  if (v.includes(':') && NAMESPACED_KEY.test(v)) return null;
  // A mapping literal (`{'KEY_NAME': 'value'}` in a Python docstring, `{"k": …`): a quoted key and a colon.
  if (v[0] === '{' && /^\{\s*["'][^"'\s]+["']\s*:/.test(v)) return null;
  // A domain-ownership proof (`google-site-verification=…`, `<vendor>-verify=…`): what a domain's owner
  // publishes in a DNS TXT record for anyone to read, not a credential.
  if (v.includes('=') && /^[a-z0-9]+(?:-[a-z0-9]+)*-(?:site-|domain-)?verif(?:y|ication)=[\w-]+$/i.test(v)) return null;
  // A wildcard after a separator (`x-litellm-*` for every header of a family): a pattern, not a token.
  if (kind === 'token' && /[-_.]\*$/.test(v)) return null;
  // A password's key names where a password is kept (a Kubernetes Secret's data key: `adminPasswordKey:
  // "postgres-password"`, `existingSecretPasswordKey` in Bitnami's charts): a key of lower-case words.
  // (A drawn value under such a name, a key that encrypts passwords, is judged as any other.)
  if (kind === 'password' && /passw(?:or)?d[-_]?key$/i.test(name) && /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/.test(v)) return null;
  if (v[0] === '(') return null; // a header directive (`Permissions-Policy: publickey-credentials-create=(self)`) or an expression
  // A JSON Pointer in a URI fragment (RFC 6901 §6: `password: "#/components/schemas/updateLoginFlowWithPasswordMethod"`,
  // an OpenAPI or JSON Schema `$ref`): a reference to a place in a document.
  if (v[0] === '#' && v[1] === '/') return null;
  // A CSS colour (`--pass:#22c55e` in a style sheet): `#` and 3, 4, 6 or 8 hex digits.
  if (v[0] === '#' && /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(v)) return null;
  // An IPv4 address or network (`PLEX_NO_AUTH_NETWORKS: 192.168.10.0/24`), an ASN.1 object identifier
  // (`ldapOIDExtensionPwdModify = "1.3.6.1.4.1.4203.1.11.1"`, ITU-T X.660: a first arc of 0, 1 or 2), a
  // URN (RFC 8141: `urn:oasis:names:tc:SAML:2.0:cm:bearer`): addresses and names, not secrets.
  const c0 = v.charCodeAt(0);
  const digitFirst = c0 >= 48 && c0 <= 57;
  if (digitFirst && (/^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/.test(v) || /^[0-2](?:\.\d{1,9}){3,}$/.test(v))) return null;
  if ((c0 | 32) === 117 && /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(v)) return null;
  // A signed URL's token, Qiniu's `<AccessKey>:<EncodedSign>` (developer.qiniu.com/kodo/1202/download-token:
  // the key's 40-character id and a base64url HMAC-SHA1 of one URL and its deadline `e=`): the id
  // names the key, the signature opens that URL until it expires; the secret key is not in it.
  if (v.length === 69 && /^[A-Za-z0-9_-]{40}:[A-Za-z0-9_-]{27}=$/.test(v)) return null;
  // An Azure resource type and its API version (`'Microsoft.KeyVault/vaults/secrets@2022-07-01'` in
  // Bicep, learn.microsoft.com/azure/azure-resource-manager/bicep/resource-declaration): a type's name.
  if (v.includes('@') && /^[A-Z][A-Za-z]*\.[A-Za-z]+(?:\/[A-Za-z]+)+@\d{4}-\d{2}-\d{2}(?:-preview)?$/.test(v)) return null;
  // A sentinel between dollars (AWX's `$encrypted$`, shown for every secret field it stores): a
  // marker in place of the value, not the value.
  if (v[0] === '$' && /^\$[a-z_]{3,}\$$/i.test(v) && isMadeOfWords(v.slice(1, -1))) return null;
  // A marker between runs of one symbol or doubled brackets, spelt in capitals (`###SWE-AGENT-EXIT-FORFEIT###`,
  // `[[STOP-GENERATION]]`: a constant an agent's loop writes and looks for in model output): a drawn
  // value neither opens and closes with the same run nor holds only capital words.
  if (MARKER.test(v)) return null;
  // A constant path (`Railway::Auth.ghcr_token` as a Ruby keyword argument's default in a script without
  // an extension, `std::env::var(`): names joined by `::`, read where the code runs, in any file. A
  // drawn value holds no `::` between two names.
  if (!quoted && v.includes('::') && CONSTANT_PATH.test(v)) return null;
  // A well-known hexspeak word in hexadecimal digits (`…95deadbeefe77…`, `cafebabe`, `8badf00d`): typed by a
  // person. Eight given digits in a drawn hex value come once in about 10^8 values.
  if (/^[0-9a-f-]{16,}$/i.test(v) && HEXSPEAK.test(v)) return null;
  // Code read as a value: an optional chain into an element (`annotations?.[patAnnotations.ACCESS_TOKEN]`),
  // a Protocol Buffers field's number and options (`string smtp_password = 5 [(google.api.field_behavior) = …]`),
  // a concatenation around a name (`"\"password\":\"" + hashedPassword + "\"}"`), Python's positional
  // format fields (`'{1}="{0.session_id}"'.format(…)`).
  if (!quoted && v.includes('?.[')) return null;
  if (!quoted && digitFirst && /^\d{1,9}[ \t]*\[\(/.test(v)) return null;
  if ((c0 === 34 || c0 === 39) && /^["']\s*\+\s*[A-Za-z_$][\w$.]*\s*\+\s*["']?$/.test(v)) return null;
  if (v.includes('{') && /^(?:[^{}]*\{\d{1,2}(?:\.[A-Za-z_]\w*)?\})+[^{}]*$/.test(v) && /\{\d/.test(v)) return null;
  // Paths and names separated by blanks, one at least a path (`docker-compose-credential-plugins:
  // awx/projects docker-compose-sources`, a Makefile rule's prerequisites): a list of files.
  if (!quoted && v.includes('/') && /\s/.test(v) && v.split(/\s+/).every((w) => /^[A-Za-z0-9_.][\w.-]*(?:\/[\w.-]+)*\/?$/.test(w))) return null;
  // A Ruby instance variable's member or element (`@agent.options['secret']` in an ERB view): code in any file.
  if (!quoted && v[0] === '@' && /^@{1,2}[A-Za-z_]\w*(?:\.[A-Za-z_]|\[)/.test(v)) return null;
  // A YAML tag before a name (`api_key: !env_var SONARR_API_KEY`, Home Assistant's `!secret db_password`,
  // CloudFormation's `!Ref DbPassword`; YAML 1.2 §6.9.1): the application builds the value from the name.
  if (!quoted && code === false && v[0] === '!' && /^![A-Za-z_][\w-]*[ \t]+[A-Za-z_][\w.-]*$/.test(v)) return null;
  if (!quoted && isCodeFragment(v)) return null;
  if (!quoted && isEscapedStringPrefix(v)) return null;
  // (A call quoted in prose or data, a Markdown code span, is named code; a program's string literal is judged.)
  if ((!quoted || code !== 'program') && isEmptyCall(v)) return null;
  if (!quoted && code === 'program' && CODE_EXPRESSION.test(v)) return null;
  // A name from PHP's global namespace (`\\bin2hex(\\random_bytes(128))`, `\\Illuminate\\Auth\\Middleware\\Authenticate::class`,
  // php.net/manual/en/language.namespaces.rules.php): a fully qualified call or class, code; a literal would be quoted.
  if (!quoted && code === 'program' && v[0] === '\\' && PHP_QUALIFIED.test(v)) return null;
  // A composite literal (Go's `direction{[]byte{'A'}, …}`, a Rust struct, a C# initializer): a type's
  // name, the brace that opens its elements and the first element's start (a slice type, a field's or
  // a value's name, a literal, `&`), or the literal closed empty.
  if (!quoted && code === 'program' && /^[A-Za-z_][\w.]*\{(?:\[\]|[A-Za-z_&"'`0-9]|\}|$)/.test(v)) return null;
  if (isIndirect(v) || isPlaceholder(v) || isLeetPlaceholder(v)) return null;
  // A character set (`SECRET_KEY_CHARSET = 'abc…xyzABC…XYZ0123456789!@#…'`) or a key typed as the
  // alphabets in order, under a credential name: no draw. (Judged here, for values by shape; a
  // provider's format typed so is judged by where it is: weak-defaults.ts placeShapeMatches.)
  if (spellsAlphabets(v)) return null;
  if (v.toLowerCase() === name.toLowerCase() || sameLetters(v, name)) return null; // the name again: `api_key: "api_key"`
  // The end of the name again, after a shell default's operator (`${VOLUME_HATCHET_API_KEY:-hatchet_api_key}`
  // names a volume after the setting); a default that is not the name's end is judged as a value.
  if (!quoted && /^[-=?+]?[A-Za-z_]/.test(v) && endsTheName(v, name)) return null;
  // A string constant in program source spelling its own name's last words (`stsLDAPPassword =
  // "LDAPPassword"`, a form field's or a parameter's name): letters a draw would not repeat.
  if (quoted && code === 'program' && /^[A-Za-z_]+$/.test(v) && endsTheName(v, name)) return null;
  // The same for any run of its name's words (`PasswordlessSignInPurpose = "PasswordlessSignIn"`).
  if (quoted && code === 'program' && spellsPartOfName(v, name)) return null;
  if (quoted && code === 'program' && spellsNameInLeet(v, name)) return null;
  if (/\$\{\s*[A-Za-z_][\w.:-]*\s*\}|\{\{\s*[\w.$]+\s*\}\}|%\(\w+\)s/.test(v)) return null; // a template interpolating the value (`{{$credentials.apiKey}}` in n8n)
  // `%{name}`: a variable of Dovecot's configuration (`password = %{ldap:userPassword}`, doc.dovecot.org
  // "Config variables"), Ruby's format and Rails' i18n interpolation: filled in where it is read.
  if (v.includes('%{') && /%\{\s*[A-Za-z_][\w.:-]*\s*\}/.test(v)) return null;
  // A template expression (n8n's `={{ $('Chat Trigger').item.json.sessionId }}`, Handlebars' and
  // Angular's `{{ user.token | mask }}`): a name, a call or a bracket inside `{{ }}` is evaluated
  // where the template runs; a literal in its place would be quoted inside, or not braced at all.
  if (v.includes('{{') && /\{\{\s*[-!(]*\s*[$A-Za-z_][^{}]*\}\}/.test(v)) return null;
  if (v.includes('$') && /(?:^|[^A-Za-z0-9\\])\$\{?[A-Z_][A-Z0-9_]{2,}\}?(?:$|[^A-Za-z0-9])/.test(v)) return null; // an environment variable inside (`Bearer $TOKEN`)
  // PowerShell reads an environment variable from its `Env:` drive (`$env:DOCKERHUB_TOKEN`, in a
  // Jenkins pipeline's `pwsh` step too): the value is the environment's where the script runs.
  if (v.includes('$') && /(?:^|[^A-Za-z0-9\\])\$\{?env:[A-Za-z_]\w*/i.test(v)) return null;
  // `$$` is make's and Compose's escape for one `$` handed to the shell: `$$llm_api_key` in a
  // Makefile recipe is the shell variable `$llm_api_key`, read where the recipe runs. (A password's
  // `$$` sits inside a word, `Pa$$word`, and is kept.)
  if (v.includes('$$') && /(?:^|[^A-Za-z0-9\\$])\$\$\{?[A-Za-z_]\w*\}?(?:$|[^\w$])/.test(v)) return null;
  if (isEnvReference(v)) return null;
  // Grafana's variable expansion (`client_secret: $__env{GRAFANA_SSO_CLIENT_SECRET}`, `$__file{…}`,
  // `$__vault{…}`: grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#variable-expansion)
  // and Ruby's environment (`ENV['RUDDER_API_KEY']`, `ENV.fetch("KEY")`): read where it runs.
  if (v.includes('$__') && /\$__(?:env|file|vault)\{[^}\s]+\}/.test(v)) return null;
  if (v.charCodeAt(0) === 69 && /^ENV(?:\[\s*["'][A-Za-z_]\w*["']\s*\]|\.fetch\(\s*["'][A-Za-z_]\w*["'])/.test(v)) return null;
  // A name after `$` made of words (`$slack-token` in Argo CD's notification settings, where `$`
  // and a key name a key of the service's secret): a reference, and its letters words a person
  // chose, as `slack-token` alone is judged.
  if (v[0] === '$' && !quoted && isMadeOfWords(v.slice(1))) return null;
  // A CSS id or class selector, or a URL fragment, of words (`passwordElement: '#modal-password'`,
  // `'.toggle-secret'`): an element of a page named by its author, as the words alone are judged.
  if ((v[0] === '#' || v[0] === '.') && /^[#.][A-Za-z][\w-]*$/.test(v) && isMadeOfWords(v.slice(1))) return null;
  // Laravel's validation rules (`'password' => 'required|string|min:8'`, laravel.com/docs/validation):
  // rule names, documented, joined by `|`, each with its parameters after a colon.
  if (v.includes('|') && isValidationRules(v)) return null;
  // A list of names of secrets (`secrets: "BW-GHAPP-ID,BW-GHAPP-KEY"` handed to a workflow that
  // fetches them from a vault): capitals and digits in parts joined by `-` or `_`, a word in each
  // item; a key of capitals has no commas between named parts.
  if (v.includes(',') && isListOfNames(v)) return null;
  // An angle-bracket slot (`<username>:<apikey>`) or markup (`Validate:<br/>- code exists` in a
  // Mermaid diagram's note, `</b>`): a credential alphabet has no tags.
  if (v.includes('<') && /<\/?[A-Za-z][\w .-]{0,60}\/?>/.test(v)) return null;
  if (v.includes('](')) return null; // a Markdown link: a sentence pointing at the key page
  // `;AUTH=EXTERNAL@host` in a POP or IMAP URL (RFC 2384, RFC 5092) names the SASL mechanism (RFC 4422:
  // capitals, digits, `-` and `_`, at most 20) to log in with; the password, if any, is elsewhere.
  if (v.includes('@') && /^auth$/i.test(name) && /^(?:\*|\+APOP|[A-Z][A-Z0-9_-]{1,19})@/.test(v)) return null;
  // An IMAP or POP capability `AUTH=<mechanism>` (RFC 9051 §7.2.2, RFC 5034; `"AUTH=PLAIN" in
  // capabilities`): names a SASL mechanism (RFC 4422: capitals, digits, `-` and `_`), no secret.
  if (v.charCodeAt(4) === 61 && /^AUTH=[A-Z][A-Z0-9_-]{1,19}$/.test(v)) return null;
  // token123, test-password, old-token-value-1234567890ab. Credential nouns and a number given to a
  // password (`secretKey456`) are not dropped here: the URL, curl and Basic forms report that
  // password (weak-defaults.ts judgePassword), and one password gets one verdict in every form.
  if (isDummyValue(v) && !(kind === 'password' && nounsAndNumber(v))) return null;
  if (isIdentifierName(v)) return null; // a name (`scheduleHistoryPageSize`, `doc_store_orderBy`, `objectID`)
  if (isCallExpression(v) || isNonNullType(v)) return null;
  // Words of a language, alone or joined (`strong-password`, `mySecretValue`, `contrasena_segura`):
  // typed by a person, not generated. Only values of letters and separators are looked up (words.ts).
  if (isMadeOfWords(v)) return null;
  // Words with a count among them (`APP_KEY=SomeRandomStringOf32CharsExactly`): typed, as the words alone are.
  // (Passwords are judged by judgePassword, asked first: `Welcome2024` is a weak default there.)
  if (kind === 'token' && /^[A-Za-z]{2,}(?:\d{1,4}[A-Za-z]{2,})+\d{0,4}$/.test(v) && isMadeOfWords(v.replace(/\d+/g, '-').replace(/-+$/, ''))) return null;
  if (!quoted && code === 'program' && CODE_VALUE.test(v)) return null; // in shell a bare word is a string; references are $VAR
  // In program source an unquoted word is an identifier or a type annotation (`password: string`,
  // `secret: PolicySecret)`), not a credential literal. Shell scripts assign bare words, so not there.
  if (!quoted && code === 'program' && CODE_IDENTIFIER.test(v)) return null;
  // A sign before such code (`per_token_loss = -torch.min(…)`, `= -clamped_ratios * advantages`): the
  // expression negated. (Unquoted in program source, a drawn key would be a syntax error: it is quoted.)
  if (!quoted && code === 'program' && (v[0] === '-' || v[0] === '+') && /^[-+][A-Za-z_$]/.test(v) && (CODE_VALUE.test(v.slice(1)) || CODE_IDENTIFIER.test(v.slice(1)))) return null;
  // Minified source: a name or number and then the next item of a list or statement
  // (`81,_.AUTOALLOCATE=82,…`, `33587200;class`), where a bare value is an expression.
  if (!quoted && code === 'program' && /^[\w$.]+[,;][A-Za-z_$]/.test(v)) return null;
  // Between two string literals joined by `+` (`"…token: "+o,null,…+"`): code, not the literal.
  // (A base64 key may start with `+`; none holds a parenthesis or a comma.)
  if (quoted && code === 'program' && /^\+\s*[A-Za-z_$(]/.test(v) && /[(),;]/.test(v)) return null;
  // A call: password=getpass(), ptr::null_mut(), =CLAUDE(, Lua's schema:extract_pk_values(, and one
  // through a pointer (C++'s and PHP's `request->tokens()`).
  if (!quoted && /^=?[A-Za-z_]\w*(?:(?:::|\.|:|->)[A-Za-z_]\w*)*\(/.test(v)) return null;
  // Elixir calls an Erlang module by its atom (`:crypto.strong_rand_bytes(32)`, `:os.getenv("KEY")`).
  if (!quoted && v[0] === ':' && /^:[a-z]\w*\.[a-z]\w*\(/.test(v)) return null;
  // Minified or generated code read as a value: `!0,range:!0`, `Yh};function`, `a:null,b:Et`.
  if (!quoted && /(?:^|[:=,(])![01](?:$|[,;)}\]])|\bfunction\b|\breturn\b|=>|\bthis\.|&&|\|\||:null\b|[;{}]\s*(?:var|let|const|function)\b/.test(v)) return null;
  if (v[0] === '{' && v[v.length - 1] === '}' && v.includes('":')) return null; // a JSON object in a string
  // A JSON member's literal and the next member (`"secret_leak":false,"reasons":[]}` in JSON written
  // on one line inside YAML): the literal is the value, and it is no credential.
  if (!quoted && v.includes(',') && /^(?:true|false|null|-?\d+(?:\.\d+)?),\s*"/.test(v)) return null;
  // A member path: var.db_password, and a Go template's or Helm chart's `.Values.auth.secret` (the dot is the data).
  // (An element by its number or all of them, `google_service_account_key.sa[0].private_key` under
  // Terraform's `count`, `aws_iam_access_key.ci[*].secret`, is a member too.)
  if (!quoted && /^\$?\.?[A-Za-z_$][\w$]{0,30}(?:\[(?:\d{1,4}|\*)\])?(?:\.[A-Za-z_$][\w$]{0,30}(?:\[(?:\d{1,4}|\*)\])?)+$/.test(v) && !/[A-Za-z0-9]{20}/.test(v)) return null;
  if (/^`[^`]*\s[^`]*`$/.test(v)) return null; // shell command substitution
  if (!quoted && /^~[A-Za-z_][\w.]*$/.test(v)) return null; // a doc type (`:vartype credentials: ~pkg.Credentials`)
  if (/\$\{[\s(!]*(?:\+\+|--)?[A-Za-z_$][\w$]*\s*(?:[.([}?]|\+\+|--)/.test(v)) return null; // a template literal: `adm_${randomBytes(16)}`, `token-${++counter}` are computed
  // Interpolation in a Ruby, Elixir, Crystal or CoffeeScript string (`"package:#{release.package_id}"`,
  // `"#{@prefix}-#{id}"`): the value is computed where it is built.
  if (v.includes('#{') && /#\{\s*@?[A-Za-z_][\w]*\s*(?:[.([}]|\|>)/.test(v)) return null;
  // PHP's complex (curly) syntax in a double-quoted string or heredoc (`"REDIS_PASSWORD={$this->db->password}"`,
  // php.net, "Strings", variable parsing): `{$` opens an expression of a variable, read where the string is built.
  if (v.includes('{$') && isPhpCurlyInterpolation(v)) return null;
  // A module or package path (Go's import spec `password "github.com/org/repo/util/password"`,
  // go.dev/ref/mod#module-path: a first element with a dot, a domain, then path elements): where code
  // comes from. No key's alphabet joins a host name's dots and a path's slashes (base64 has no dot).
  if (quoted && code === 'program' && v.includes('/') && MODULE_PATH.test(v)) return null;
  if (!quoted && (v[0] === '[' || v[0] === '{')) return null; // a JSON or code structure
  if (isPatternSource(v)) return null; // a regular expression, not a key
  // Dotted names (`rotationGuard.storeSecret`, `org.freedesktop.secrets`), also of snake_case words
  // (`selfservice.methods.password.config.password_profile_registration_node_group`, a settings key).
  // (Written as names: letters drawn at random are judged as any value; namesInStyle.)
  if (DOTTED_LETTERS.test(v) && namesInStyle(v)) return null;
  // Three or more names joined by dots, a word's version digit allowed (`oauth2.google.serviceAccount`, a
  // context key): a namespaced name, as three names joined by colons are (above). Each part is a word in
  // lower or camel case; a drawn segment mixes cases at random.
  if (kind === 'token' && v.includes('.') && DOTTED_NAMES.test(v)) return null;
  // A Python object reference, `module:attribute` (packaging.python.org's entry points specification;
  // `"._internal.cloud.api_token:ApiToken"` in a lazy-import table): a relative module, or one of three
  // or more names, then an attribute's name. A credential pair's user part is no module path.
  if (v.includes(':') && OBJECT_REFERENCE.test(v)) return null;
  // A Smithy shape ID, `namespace#Shape` (`smithy.api#httpBearerAuth`, smithy.io/2.0/spec/model.html#shape-id),
  // or Javadoc's `package.Class#member`: a lower-case dotted namespace and a name after `#`.
  if (kind === 'token' && v.includes('#') && /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+#[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return null;
  // A .NET configuration key (`UnprotectCertificates:0:Enabled`, `Kestrel:Endpoints:0:Url`): sections
  // joined by `:`, an array's element addressed by its index between two of them.
  if (v.includes(':') && /^[A-Za-z]+(?::(?:[A-Za-z]+|\d{1,3}(?=:)))+$/.test(v)) return null;
  // A column qualified by its table's alias with the column's name in double quotes (`oa."ApiKey"`):
  // SQL quotes identifiers so (SQL-92, PostgreSQL); a string literal there would be in single quotes.
  if (!quoted && v.includes('."') && /^[A-Za-z_]\w*\."[A-Za-z_]\w*"?$/.test(v)) return null;
  // Ciphertext in an encryption envelope of `<type>.<iv>|<data>|<mac>` (Bitwarden's EncString,
  // `2.<base64>|<base64>|<base64>`): encrypted under a key that is not in it, so not a credential
  // by itself; the key that opens it is judged where it is written.
  if (v.includes('|') && /^\d{1,2}\.[A-Za-z0-9+/]{8,}={0,2}(?:\|[A-Za-z0-9+/]{8,}={0,2}){1,2}$/.test(v)) return null;
  // A Pulumi type token, `<package>:<module>:<member>` (`aws:ec2/getAmi:getAmi`, `kubernetes:apps/v1:Deployment`,
  // https://www.pulumi.com/docs/iac/concepts/resources/names/#types): names a resource or function's type.
  if (v.includes(':') && /^[a-z][a-z0-9-]*:[A-Za-z]\w*(?:\/[A-Za-z]\w*)*:[A-Za-z_]\w*$/.test(v) && /\/|:[A-Z]\w*$/.test(v)) return null;
  if (isScopeNames(v)) return null;
  if (isTypeExpression(v)) return null;
  // Identifiers separated by spaces (a grammar's production, `password_parameter_type
  // password_parameter_value`), or a statement (`UserRequest = Depends(get_user)`): code, not a value.
  if (/\s/.test(v) && v.split(/\s+/).every((w) => /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(w) || (w.length > 0 && isIdentifierName(w)))) return null;
  if (/\s[=:]=?\s/.test(v) && /[A-Za-z_]\w*\(/.test(v)) return null;
  if (kind === 'token' && isProse(v)) return null; // (passphrases have spaces; generated keys do not)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return null; // a URL: the url-credentials rule judges its password
  if (isEmailAddress(v)) return null;
  // An LDAP distinguished name (RFC 4514: `CN=svc-app,OU=Service Accounts,DC=corp`): who binds, not the password.
  if (/^(?:cn|uid|ou|dc|o)=[^=]*?\\*,\s*(?:cn|uid|ou|dc|o|l|st|c)=/i.test(v)) return null;
  if (!shaped && PATHLIKE.test(v) && !isBase64Draw(v)) return null;
  // Time-based (version 1) UUIDs are identifiers (event and request ids); generated credentials are random.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-35-9a-f][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return null;
  if (/^\d+(?:\.\d+)*$/.test(v) && (kind === 'token' || v.length < 8)) return null;
  // A version or a semver range (`"joi-password-complexity": "^5.2.0"` in package.json), not a value.
  if (/^(?:[\^~]|[<>]=?)v?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?$/.test(v)) return null;
  if (/^(?:true|false|yes|no|on|off|null|none|nil)$/i.test(v)) return null;
  if (/^--[a-z][\w-]*$/.test(v)) return null; // a CSS custom property (`token: "--background"`) or a command-line flag
  if (/^-{1,2}[A-Za-z][\w-]*(?:[/|]-{1,2}[A-Za-z][\w-]*)+$/.test(v)) return null; // a flag and its long form in a usage text (`-u/--user`)
  // `ALTER ROLE … PASSWORD 'SCRAM-SHA-256$4096:…'` (pg_dumpall, migrations; `\\$` where a source
  // string escapes the dollar): PostgreSQL's salted verifier, a hash that cannot log in.
  if (/^SCRAM-SHA-256(?:\\\\)?\$\d+:/.test(v)) return null;
  // An AWS Signature Version 4 header (`AWS4-HMAC-SHA256 Credential=AKIA…/scope, Signature=…`): the
  // key id and one request's signature, which expires with the request; the secret key is not in it.
  // Other providers sign the same way under their own prefix (`GOOG4-HMAC-SHA256` for Cloud Storage,
  // `OSS4-HMAC-SHA256`, curl's `--aws-sigv4 "provider1:…"` giving `PROVIDER14-HMAC-SHA256`).
  if (v.startsWith('AWS4-HMAC-SHA256') || /^[A-Z][A-Z0-9]*4-HMAC-SHA(?:256|384|512)\b/.test(v)) return null;
  // Its `Credential=` field alone (`Credential={access_key_id}/20160623/{region}/{service}/aws4_request`,
  // a regular expression's replacement `Credential=\1/\2/{region}/`): the key id and the scope
  // (date/region/service/aws4_request, docs.aws.amazon.com "Signature Version 4"), public; a key id
  // in it is found by its own rule.
  if (name === 'Credential' && isSigV4Scope(v)) return null;
  // A shared access signature (`sv=…&sr=c&sig=…`): only its `sig` is secret, an HMAC of 32 bytes
  // (43+ base64 characters); a short or dummy `sig` (`sig=abc123`) makes the token a test fixture.
  const sig = /(?:^|[?&])sig=([^&\s]*)/.exec(v);
  if (sig && /(?:^|[?&])s[vpr]=/.test(v) && (decodeURIComponentSafe(sig[1]!).length < 40 || isDummyValue(sig[1]!))) return null;
  const c = charClasses(v);
  if (kind === 'password') {
    // A UUID is an identifier's format (an authenticator's AAGUID in `OnePassword = "bada5566-…"`,
    // a user id); people and password generators do not write one. Kept visible below the threshold,
    // since a service may still be given one; under a key or token name it is a credential (Heroku, Pinecone).
    if (UUID.test(v)) return CONFIDENCE.inDocumentationProse;
    // A label for the field (`password: Langfuse Secret Key` in an OpenAPI security scheme), not a value.
    if (/^(?:[A-Z][a-z]+ ){1,5}(?:Secret|Key|Token|Password|Passphrase|Credentials?)$/.test(v)) return null;
    // One capitalised word of letters (`Passwort`, `Senha`, `Parola`, `Instansadgangskode`): the
    // field's label in a translated interface; a chosen password that weak, made of dictionary
    // words, is the weak-default rule's (weak-defaults.ts judgePassword, asked first).
    if (/^[A-Z][a-z]{2,31}$/.test(v)) return null;
    if (v.length < 6 && (Number(c.lower) + Number(c.upper) + Number(c.digit) + Number(c.symbol) < 3)) return null;
    return CONFIDENCE.credentialValue;
  }
  if (v.length < 8) return null;
  if (/^[a-z]+(?:[._/-][a-z0-9]+)*$/.test(v) && shannonEntropy(v) < 3.5) return null; // an identifier-like word
  // A path of snake_case names (an Airflow connection field `extra.jwt__token`, a settings key
  // `auth.client_key_path`): letters in words, dots between fields, no digit a draw would hold.
  if (v.includes('.') && /^[a-z]+(?:_{1,2}[a-z]+)*(?:\.[a-z]+(?:_{1,2}[a-z]+)*)+$/.test(v) && v.includes('_')) return null;
  if (isResourceName(v)) return null;
  if (/^[A-Z][A-Za-z]+(?:[._-][A-Za-z0-9]+)*$/.test(v) && !/\d/.test(v) && v.length < 20) return null; // a class or constant name
  // One capitalised word of any length (`Legitimationsoplysninger`, a Danish label): random letters
  // are lower-case after the first about once in 2^(n-1).
  if (/^[A-Z][a-z]{7,47}$/.test(v)) return null;
  // Capitalised words and acronyms joined by separators, no digit: a label of an interface in any
  // language (`SMTP-Passwort/App-Passwort`, `Client-Secret`), not a generated value.
  // (`X-Credential-Identifier`: a header's name, the `X-` of an extension first.)
  // (A part may join two capitalised words, a brand's spelling: `X-LangWatch-Inline-Credentials`,
  // `OpenStack-Ansible-SSH-Signing-Key`.)
  if (/^(?:[A-Z][a-z]+(?:[A-Z][a-z]+)?|[A-Z]{1,5})(?:[-/._:](?:[A-Z][a-z]+(?:[A-Z][a-z]+)?|[A-Z]{2,5}))+$/.test(v)) return null;
  // The same with an acronym that holds a digit (`X-Minio-Internal-Server-Side-Encryption-S3-Kms-Sealed-Key`,
  // `OAuth2`, `V4`), among three or more capitalised words: a group key of capitals and digits
  // (`A1B2C-D3E4F`) has no such words.
  if (/^(?:[A-Z][a-z]+|[A-Z][A-Z0-9]{0,4})(?:-(?:[A-Z][a-z]+|[A-Z][A-Z0-9]{1,4}))+$/.test(v) && (v.match(/(?:^|-)[A-Z][a-z]{2,}(?=-|$)/g)?.length ?? 0) >= 3) return null;
  const h = shannonEntropy(v);
  if (h < 2.8) return null;
  if (!c.digit && !c.symbol && !(c.lower && c.upper)) return null;
  if (encodesText(v)) return null;
  return h >= 4 && v.length >= 20 ? CONFIDENCE.generatedValue : CONFIDENCE.credentialValue;
}

const DOTTED_NAME_PART = '[a-z]{2,}\\d?(?:[A-Z][a-z]{2,})*';
const DOTTED_NAMES = new RegExp(`^${DOTTED_NAME_PART}(?:\\.${DOTTED_NAME_PART}){2,}$`);
const PY_NAME = '[a-z_][a-z0-9_]*';
const OBJECT_REFERENCE = new RegExp(`^(?:\\.{1,3}${PY_NAME}(?:\\.${PY_NAME})*|${PY_NAME}(?:\\.${PY_NAME}){2,}):[A-Za-z_]+(?:\\.[A-Za-z_]+)*$`);

/**
 * An escape in a program's string literal that spells a control character (`"openssh-key-v1\x00"`, a
 * format's magic bytes; `\0`, `\x1b`): no credential alphabet holds one (outsideCredentialAlphabet
 * says the same of JSON's `\u0001`). An escaped backslash (`\\x00`) is text and is kept.
 */
function spellsControlCharacter(v: string): boolean {
  // `\x1b`, `\0`; an octal escape below 040 (`\033[102;30m`, the terminal's escape in C and Python);
  // `\u001b`; and Bash's and Perl's `\e[`: text styled for a terminal.
  return /(?:^|[^\\])(?:\\\\)*\\(?:x[01][0-9A-Fa-f]|0(?![0-9])|0[0-3][0-7]|u00[01][0-9A-Fa-f]|e\[)/.test(v);
}

/**
 * An environment reference written `env:NAME` (argocd-image-updater's and Vault Agent's credential
 * sources, `credentials: env:REGISTRY_SECRET`): the value is the variable's, wherever it is written.
 */
function isEnvReference(v: string): boolean {
  return v.charCodeAt(3) === 58 && /^env:[A-Z_][A-Z0-9_]*$/i.test(v) && /[A-Z_]{3}/.test(v.slice(4));
}

/**
 * Laravel's validation rules as a string (laravel.com/docs/validation#available-validation-rules):
 * two or more rules joined by `|`, each a rule name with its parameters after a colon (`max:255`,
 * `exists:users,id`); the first and at least half of them documented ones, the rest an app's own
 * (`required|not_array`). A chosen password of such words is made of words anyway.
 */
const VALIDATION_RULES = new Set(
  ('accepted accepted_if active_url after after_or_equal alpha alpha_dash alpha_num array ascii bail before before_or_equal between boolean bool ' +
    'confirmed contains current_password date date_equals date_format decimal declined different digits digits_between dimensions distinct ' +
    'doesnt_start_with doesnt_end_with email ends_with enum exclude exclude_if exclude_unless exclude_with exclude_without exists extensions file filled ' +
    'gt gte hex_color image in in_array integer int ip ipv4 ipv6 json lowercase lt lte mac_address max max_digits mimetypes mimes min min_digits ' +
    'missing missing_if missing_unless missing_with multiple_of not_in not_regex nullable numeric password present present_if prohibited ' +
    'prohibited_if prohibits regex required required_if required_unless required_with required_with_all required_without required_without_all ' +
    'same size sometimes starts_with string timezone unique uppercase url ulid uuid').split(' '),
);
function isValidationRules(v: string): boolean {
  const rules = v.split('|');
  if (rules.length < 2) return false;
  // The last part empty: the string is joined to more rules (`'confirmed|'.Setting::rules()`).
  const parts = rules[rules.length - 1] === '' ? rules.slice(0, -1) : rules;
  let documented = 0;
  for (const r of parts) {
    // A rule's name (an app's own rules too: `not_array`, `notIn`) and its parameters after a colon.
    const m = /^([a-z][A-Za-z_]*)(?::[^|\s]*)?$/.exec(r);
    if (!m) return false;
    if (VALIDATION_RULES.has(m[1]!)) documented++;
  }
  // Half of the rules or more are documented ones, the first among them.
  return documented * 2 >= parts.length && VALIDATION_RULES.has(parts[0]!.replace(/:.*$/, ''));
}

/**
 * Names of secrets in a list (`DD-API-KEY, K6-CLIENT-ID`, Azure Key Vault's names and environment
 * variables' alike): two or more items, each parts of capitals and digits joined by `-` or `_`, and
 * half of them or more with a word of three letters or more among their parts (`KEY`, `CLIENT`). A
 * generated value is not items of named parts.
 */
function isListOfNames(v: string): boolean {
  const items = v.split(/,\s*/);
  if (items.length < 2 || !items.every((it) => /^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+$/.test(it))) return false;
  const named = items.filter((it) => it.split(/[-_]/).some((p) => p.length >= 3 && isWord(p.toLowerCase()))).length;
  return named * 2 >= items.length;
}

/**
 * Names of a tokenizer's or a theme's scopes (Monaco and TextMate grammars, bundled into web apps):
 * lower-case words joined by dots, a capture reference (`keyword.$0`, `string.$S2.delim`,
 * `keyword.tag-$1`), a state (`@brackets`, `@rematch`), a suffix (`.cameligo`), several separated by
 * spaces (`string.regexp source.ruby.embedded`), and a theme rule's scope selector (TextMate's
 * manual, "Scope Selectors": `-` excludes, `|` and `,` join, parentheses group:
 * `meta.function-call entity.name.function -(meta.function-call meta.function)`), whose parts may be
 * a number or a short capital with digits (`trident.4`, `support.function.C99.c`). A generated key
 * holds no such run of words.
 */
const SCOPE_PART = /^(?:@?[a-z][a-z0-9-]*|\.[a-z][a-z-]+)(?:\.(?:[a-z][a-z0-9-]*|\d{1,3}|[A-Z]\d{1,3}|[a-z-]*\$[A-Za-z]?\d*[a-z#]*))*$/;
function isScopeNames(v: string): boolean {
  if (!/[.@$]/.test(v)) return false;
  let words = 0;
  for (const w of v.split(/[\s()|,]+/)) {
    const word = w[0] === '-' ? w.slice(1) : w;
    if (word === '') continue;
    if (!SCOPE_PART.test(word)) return false;
    words++;
  }
  return words > 0;
}

/**
 * A type written as a string (a Python forward reference, `"contextvars.Token[Span[Any] | None]"`;
 * `Optional[str]`, `Dict[str, Any]`): a name and its parameters in brackets, not a value.
 */
function isTypeExpression(v: string): boolean {
  // (With the start of its default after it, Python's annotated assignment `key: Union[str, Callable[[], str]] = (`,
  // read from a text that quotes the code: a bracket, None, a boolean or a number opens the default.)
  return v.includes('[') && /^[A-Za-z_][\w.]*\[[\w.[\], |]*\](?:\s*=\s*(?:[([{]|None|True|False|null|\d+))?$/.test(v);
}

/**
 * Words joined in camelCase or snake_case, with no digit: the name of a variable, a column or a
 * storage slot. Each camel hump is a capital and two or more lower-case letters (or a final
 * capitalised abbreviation such as `ID`), which random letters almost never are.
 */
export function isIdentifierName(v: string): boolean {
  if (v.length > 64) return false;
  // Leading underscores mark a private or sentinel name (`__planexecute_plan`, `__mcpAuth`,
  // `_LegacyBedrockState` in a type annotation).
  const u = v.replace(/^_{1,2}(?=[A-Za-z])/, '');
  if (u !== v && (/^[a-z]{2,}(?:(?:_[a-z]{2,})|(?:[A-Z][a-z]{2,}))*$/.test(u) || PASCAL_NAME.test(u))) return true;
  // camelCase and snake_case: `scheduleHistoryPageSize`, `doc_store_orderBy`, `plainTextPasswordAsBytes`
  // (a hump of two letters is one of the short words names are made of).
  // (An acronym may be a hump before the next word: `pbSQLConsoleHistory`.)
  if (/^[a-z]{2,}(?:(?:_[a-z]{2,})|(?:[A-Z][a-z]{2,})|(?:[A-Z]{2,5})(?=[A-Z][a-z]{2,})|(?:A[st]|By|I[fns]|No|O[fnr]|To|Up)(?=[A-Z]))*(?:_?[A-Z]{2,3}|Id)?$/.test(v)) return /[A-Z_]/.test(v);
  // PascalCase class names of three or more words: `AccountKeyDatastoreCredentials`
  return PASCAL_NAME.test(v);
}
const PASCAL_NAME = /^(?:[A-Z][a-z]{2,}|[A-Z]{2,4}(?=[A-Z][a-z]))(?:[A-Z][a-z]{2,}|[A-Z]{2,4}(?=[A-Z][a-z]|$)){2,}$/;

/**
 * A call written in a string: a GraphQL field and its arguments (Relay's `storageKey`,
 * `prompts(first:200)`, `datasets(filter:{"col":"name"})`), a CSS function (`var(--color-gray-100)`):
 * a name of letters, one argument list, nothing after it. Generated keys hold no brackets, and a
 * password with some does not open with a word and close with the list.
 */
function isCallExpression(v: string): boolean {
  return v[v.length - 1] === ')' && /^[a-z][A-Za-z]{2,}\((?:[^()]|\([^()]*\))*\)$/.test(v);
}

/**
 * A GraphQL type reference (`apiKey: SystemApiKey!` in a schema, `$input: CreateUserApiKeyInput!`
 * in an operation's text, `[Tag!]!`): a type name of two or more words with the non-null marker,
 * not a value. (A trailing `\n` is the escaped line end of an operation kept in a JSON string.)
 */
function isNonNullType(v: string): boolean {
  const t = /^\[?([A-Za-z]+)!\]?!?(?:\\n)?$/.exec(v);
  return !!t && /^[A-Z][a-z]+(?:[A-Z][a-z]+|[A-Z]{2,4}(?=[A-Z]|$))+$/.test(t[1]!);
}

/**
 * Base64 (standard or URL-safe, percent-encoded inside a URL) of plain text: a sentence (`dGhpcyBp…`
 * is "this is a fake authorization string"), a query string (`amdldGlk…` is "jgetid=27&pageno=3"),
 * a URL without a password. A generated secret's bytes are random: 16 of them are all printable by
 * chance about once in 10^8, and the base64 of a hex or base58 key decodes to one word, no phrase.
 */
export function encodesText(v: string, prefixed = true): boolean {
  if (v.length >= 20 && /^[A-Z2-7]+=*$/.test(v) && encodesTextInBase32(v)) return true;
  // A product's prefix and then base64 (`DMS_YWNjZXNzX3Rva2Vu` is `DMS_` and "access_token"): the
  // body is judged; a drawn key's body after its prefix decodes to bytes, not text.
  const pre = prefixed && (v.includes('_') || v.includes('-')) ? /^[A-Za-z]{2,8}[_-](?=[A-Za-z0-9+/]{12,}={0,2}$)/.exec(v) : null;
  if (pre && encodesText(v.slice(pre[0].length), false)) return true;
  const b = v.includes('%') ? decodeURIComponentSafe(v) : v;
  if (b.length < 8 || b.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(b)) return false;
  if (b.length < 16) return encodesWords(b);
  // The first 12 characters (9 bytes) first: a random value fails there almost always.
  if (!/^[\x20-\x7e\t\r\n]+$/.test(Buffer.from(b.slice(0, 12), 'base64').toString('latin1'))) return false;
  const text = Buffer.from(b, 'base64').toString('latin1');
  if (!/^[\x20-\x7e\t\r\n]+$/.test(text)) return false;
  // A JSON object (a pagination cursor `{"offset":"50","v":2}`, a state parameter), unless a member's
  // name says it holds a credential (a `.dockerconfigjson`'s `auths` does).
  if (text[0] === '{' && (isJsonWithoutCredentialNames(text) || isCutJsonWithoutCredentialNames(text))) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return !/^[^/]*\/\/[^/@\s]*:[^/@\s]*@/.test(text); // a URL, unless it carries a password
  // Parameters whose names are not credential nouns (a password inside is still a password).
  if (/^[\w.-]+=[^&\s]*(?:&[\w.-]+=[^&\s]*)+$/.test(text)) return !/pass|pwd|secret|token|key|auth|cred/i.test(text.replace(/=[^&]*/g, ''));
  return (/[A-Za-z]{2,} [A-Za-z]{2,}/.test(text) && isProse(text)) || encodesWords(b, text) || encodesPhrase(text);
}

/**
 * Base64 of a short phrase (`aGVsbG8gd29ybGQ=` is "hello world", the stock example of encoding):
 * two to four lower-case dictionary words, one blank between them, too short to read as prose. Twelve
 * random bytes are all lower-case letters or a blank once in about 10^9 draws (held-out set twenty-five).
 */
function encodesPhrase(text: string): boolean {
  return /^[a-z]{2,}(?: [a-z]{2,}){1,3}$/.test(text) && text.split(' ').every((w) => isMadeOfWords(w));
}

/**
 * Base32 (RFC 4648 §6, the alphabet of TOTP secrets) of 12 or more printable characters: typed
 * (`ONTGOYLTMZQXGZDB…` is "sdfasdasdfs…", a test's TOTP secret). Twelve random bytes are all
 * printable about once in 150,000 draws; a real TOTP secret is drawn bytes.
 */
function encodesTextInBase32(v: string): boolean {
  const body = v.replace(/=+$/, '');
  let bits = 0, acc = 0, n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    acc = (acc << 5) | (c >= 65 ? c - 65 : c - 24); // A-Z: 0-25, 2-7: 26-31
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      if (byte < 0x20 || byte > 0x7e) return false;
      n++;
    }
  }
  return n >= 12;
}

/** A JSON object whose members' names (at any depth) name no credential. */
function isJsonWithoutCredentialNames(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  return !/pass|pwd|secret|token|key|auth|cred|private|sig/i.test(text.replace(/:\s*"(?:[^"\\]|\\.)*"/g, ':'));
}

/**
 * The opening of a JSON object, cut where an example stops (`eyJ0eXAiOiJKV1Qi…` alone is `{"typ":"JWT",
 * "alg":"RS256","jti":"…`: a JWT's header without its payload and signature): encoded JSON text, judged
 * as a whole object is, by its members' names. Random bytes open with a brace, a quoted name and a
 * colon about once in 10^12 draws.
 */
function isCutJsonWithoutCredentialNames(text: string): boolean {
  if (!/^\{\s*"[A-Za-z_$][\w$.-]*"\s*:/.test(text)) return false;
  return !/pass|pwd|secret|token|key|auth|cred|private|sig/i.test(text.replace(/:\s*"(?:[^"\\]|\\.)*"?/g, ':'));
}

/**
 * Base64 of one printable word or a placeholder: `cGFzc3dvcmQ=` is "password", `c2VjdXJlLXBhc3N3b3Jk`
 * "secure-password", `ZXhhbXBsZS1hcHAtc2VjcmV0` "example-app-secret" (a Kubernetes Secret's data
 * and Helm values hold base64). The value is what it encodes, judged as written plainly: words and
 * placeholders are not drawn. Random bytes are all printable about once in 2^(bytes) (six bytes
 * from eight characters: once in ~400, and then they must also split into dictionary words).
 */
function encodesWords(b: string, decoded?: string): boolean {
  const word = base64Word(b, decoded);
  return word !== undefined && (isPlaceholder(word) || isMadeOfWords(word));
}

/**
 * What base64 `b` spells when that is one printable token of 6 to 64 characters without a blank
 * (`decoded`: its decoding, when the caller has it), or undefined. Each form that reads base64 as
 * the word it encodes (encodesWords here, a password in generic.ts) asks this one question.
 */
export function base64Word(b: string, decoded = Buffer.from(b, 'base64').toString('latin1')): string | undefined {
  // `echo test-api-key | base64` encodes the line end echo writes after the word too (`…Cg==`):
  // the word is what the line holds.
  if (decoded.charCodeAt(decoded.length - 1) === 10) decoded = decoded.slice(0, decoded.charCodeAt(decoded.length - 2) === 13 ? -2 : -1);
  return decoded.length >= 6 && decoded.length <= 64 && /^[\x21-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/** An e-mail address: an identifier of a person, not a credential. */
const isEmailAddress = (v: string) => v.includes('@') && /^[\w.+-]+@[\w-]+\.[\w.]+$/.test(v);

/** `decodeURIComponent`, or the text as it is when its escapes are malformed. */
export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Does the string constant `v` (letters, `_` and `-`; two words or more, eight letters or more) spell
 * a run of its own name's words (`PasswordlessSignInPurpose = "PasswordlessSignIn"`, a key or a
 * purpose named after the constant)? A drawn value does not repeat a name's letters.
 */
export function spellsPartOfName(v: string, name: string): boolean {
  if (v.length < 8 || v.length > 64 || !/^[A-Za-z]+(?:[-_][A-Za-z]+)*$/.test(v)) return false;
  const parts = letterParts(v);
  if (!parts || parts.length < 2) return false;
  const letters = parts.join('');
  return letters.length >= 8 && name.replace(/[^A-Za-z]/g, '').toLowerCase().includes(letters);
}

/**
 * A string constant spelling a run of its own name's words in leetspeak (`CLIENT_SECRET = "cl13nts3cr3t"`,
 * `authorizationCode = "4uth0r1z4t10nC0d3"`, a sentinel `LAST_WRITE_TOKEN` written with `@` and `!`
 * for `a` and `i`): a fixture typed after the name, which a generator does not spell. Letters and
 * leet digits and symbols only, ten or more (a single noun, `Passw0rd`, is judged as a
 * password): read back as letters, a run of the name's letters.
 */
function spellsNameInLeet(v: string, name: string): boolean {
  if (v.length < 10 || v.length > 64 || !/[0134579@$!]/.test(v) || !/^[A-Za-z0134579@$!]+$/.test(v)) return false;
  return name.replace(/[^A-Za-z]/g, '').toLowerCase().includes(unLeet(v).toLowerCase());
}

/**
 * Objective-C's literal syntax (clang.llvm.org/docs/ObjectiveCLiterals.html: `@"…"`, `@{…}`, `@[…]`,
 * `@(…)`) opening an unquoted value in program source (`@"auth": @{@"session": …}`): a dictionary, an
 * array or a boxed expression built where it runs, not a credential.
 */
function opensObjectiveCLiteral(v: string): boolean {
  return v.charCodeAt(0) === 64 && /^@[{[("]/.test(v);
}

/**
 * A selector's argument labels (`forgetPassword(forEmail:clientSecret:sendAttempt:success:failure:)`:
 * Objective-C's and Swift's way of naming a method by its labels, each closed by a colon): names, no value.
 */
function isSelectorLabels(v: string): boolean {
  return v.charCodeAt(v.length - 1) === 58 && /^(?:[A-Za-z_][A-Za-z0-9_]*:){2,}$/.test(v);
}

/** Are `v`'s letters (six or more) the last letters of `name` (`hatchet_api_key` and `VOLUME_HATCHET_API_KEY`)? */
function endsTheName(v: string, name: string): boolean {
  // Backwards over both, letters only, without building either (asked of most unquoted values).
  let i = v.length - 1;
  let j = name.length - 1;
  let matched = 0;
  for (;;) {
    while (i >= 0 && !isAsciiLetter(v.charCodeAt(i))) {
      if (isDigit(v.charCodeAt(i))) return false;
      i--;
    }
    if (i < 0) return matched >= 6;
    while (j >= 0 && !isAsciiLetter(name.charCodeAt(j))) j--;
    if (j < 0 || (v.charCodeAt(i) | 32) !== (name.charCodeAt(j) | 32)) return false;
    matched++;
    i--;
    j--;
  }
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Do `a` and `b` hold the same ASCII letters, ignoring case and everything else (`API-KEY:` and `api_key`)? */
function sameLetters(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && !isAsciiLetter(a.charCodeAt(i))) i++;
    while (j < b.length && !isAsciiLetter(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if ((a.charCodeAt(i) | 32) !== (b.charCodeAt(j) | 32)) return false;
    i++;
    j++;
  }
}

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Three or more words, most of them plain words (`VS Code's SecretStorage can only…`, `No secret
 * key`): a sentence or a label, not a credential. Generated keys hold no spaces.
 */
function isProse(v: string): boolean {
  const words = v.split(/\s+/).filter(Boolean);
  if (words.length < 3) return false;
  const plain = words.filter((w) => /^[("'`]?[A-Za-z][A-Za-z'’-]*[.,!?:;)"'`]*$/.test(w)).length;
  return plain * 3 >= words.length * 2;
}

/**
 * Lower-case names made of words, short codes and numbers (`cmp2-qat-1208358310`,
 * `prod-eu-west-1`, `policy/unknown-secret`): names of resources, not generated secrets.
 */
function isResourceName(v: string): boolean {
  if (!/^[a-z0-9]+(?:[._/:-][a-z0-9]+)+$/.test(v)) return false;
  const parts = v.split(/[._/:-]/);
  // (A word may carry a version or a counter: `trace2-expansion:tools`, `v2`.)
  return parts.some((p) => /^[a-z]{3,}$/.test(p)) && parts.every((p) => /^[a-z]+\d{0,2}$/.test(p) || /^\d+$/.test(p) || p.length <= 4);
}


/**
 * `WorkOS-based`, `OAuth2-based`, `state-of-the-art`, `unpadded/URL-safe`: words joined by hyphens
 * or slashes (a sentence's alternatives), one of them lower-case.
 */
function isWordCompound(v: string): boolean {
  const parts = v.split(/[-/]/);
  return parts.length >= 2 && parts.every((p) => /^[A-Za-z][A-Za-z]{0,11}\d?$/.test(p)) && parts.some((p) => /^[a-z]{3,}$/.test(p));
}

/** Strict shape test for values found in prose: long, random-looking, mixed character classes. */
export function isStrongToken(v: string): boolean {
  if (v.length < 12 || outsideCredentialAlphabet(v) || isIndirect(v) || isPlaceholder(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  if (isEmailAddress(v)) return false; // (`user123@example.com` after a credential word in prose)
  // Code (`this.load(key)`, `f();`, `~${count}`), a Markdown link, or words joined by hyphens
  // (`OAuth2-based`, `Re-ranks`): a generated credential holds none of these.
  if (/[(){}[\];]|\$\{|\]\(/.test(v) || isWordCompound(v)) return false;
  if (isWordList(v)) return false;
  // A name of code (`_LegacyBedrockState` in a type annotation, `scheduleHistoryPageSize`) or a type reference (`UserApiKey!`).
  if (isIdentifierName(v) || isNonNullType(v)) return false;
  // A name after a sigil is still a name: a parameter or variable (SQL's `@MasterPasswordSalt`,
  // `@@IDENTITY`, Ruby's `@user_token`, Less' `@var`, a shell's or PHP's `$apiKeyValue`, a named SQL
  // parameter `:failedLoginAttempts` in a JPA query read as prose).
  if ((v[0] === '@' || v[0] === '$') && isIdentifierName(v.replace(/^[@$]{1,2}/, ''))) return false;
  if (v[0] === ':' && (isSqlBindParameter(v) || isCamelCaseBindParameter(v))) return false;
  if (NEXT_VARIABLE.test(v)) return false; // the next variable of a command line (`KEY= OTHER_SETTING=x`)
  // A pattern; a member or a qualified name (`Commands.moveToStore`, Ruby's, C++'s and Rust's
  // `ROTP::Base32.random`, a member through a pointer `ctx->auth.token`): names joined by `.`,
  // `::` or `->`, which no generated credential is written as.
  // (A string's escaped line end after it, `Otp::Base32.random\n` in a test's line, set aside.)
  if (isPatternSource(v) || /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+[,;]?(?:\\[nrt])*$/.test(v)) return false;
  if (isEnvReference(v)) return false;
  if (v.includes('/') && FILE_NAME.test(v.replace(/(?:\\[nrt])+$/, ''))) return false; // a file path: patches/next-auth@4.24.15.patch (a `\n` escape after it in a string)
  if (/^[\w./-]+(?::\d+){1,2}$/.test(v) && FILE_NAME.test(v.replace(/(?::\d+){1,2}$/, ''))) return false; // a source location: agent_api.py:2051
  const c = charClasses(v);
  const classes = Number(c.lower) + Number(c.upper) + Number(c.digit) + Number(c.symbol);
  // Base64 of text, words or a placeholder is judged as what it encodes, in prose as after a name
  // (a docs table's `secret: ZXhh…` is "example-app-secret").
  return shannonEntropy(v) >= 3.5 && (classes >= 3 || (classes === 2 && c.digit && v.length >= 20)) && !encodesText(v);
}

/**
 * The value of SigV4's `Credential=` field, or the template of one: slash-separated parts, each the
 * key id or the scope's date, region and service (a word), an interpolated field (`{region}`) or a
 * regular expression's group (`\2`), ending with the scope's terminator `aws4_request` or a slash.
 */
function isSigV4Scope(v: string): boolean {
  const parts = v.split('/');
  const last = parts.pop();
  if (parts.length < 2 || (last !== 'aws4_request' && last !== '')) return false;
  return parts.every((p) => /^(?:[A-Za-z0-9_-]+|\{[A-Za-z_]\w*\}|\\\d)$/.test(p));
}

/**
 * A string concatenation read from a literal's closing quote (Java's `"password=\"" + secretOf(auth) + "\";"`,
 * `"…='" + getItems() + '\'' +`): the value between the quotes is `+`, a call and `+`, code in every
 * C-family language (identifiers alone are judged in judgeValue). No key starts with a quote and `+`.
 */
function isConcatenationAroundCall(v: string): boolean {
  return (v[0] === '"' || v[0] === "'") && /^["']\s*\+\s*[A-Za-z_$][\w$.]*\((?:[^()]|\([^()]*\))*\)\s*\+\s*["']?$/.test(v);
}

/**
 * Names joined by `+` in program source, one of them a member or a call (`credentials:
 * rootPath+credFileInput.val()` in a JavaScript object literal): an expression, read where it runs.
 * A key in code is a string literal; base64's `+` never sits beside a `.` member or a `()` call.
 */
function isNameExpression(v: string): boolean {
  if (!v.includes('+')) return false;
  const operands = v.split(/\s*\+\s*/);
  if (operands.length < 2 || !operands.some((o) => o.includes('.') || o.endsWith('()'))) return false;
  return operands.every((o) => {
    const m = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\(\))?$/.exec(o);
    // Each name a word of code (`rootPath`, `val`), a draw's run of letters and digits is none.
    return !!m && m[1]!.split('.').every((n) => /^[a-z]{2,8}$/.test(n) || isIdentifierName(n));
  });
}

/**
 * The seam between two string literals, read as a value from the first one's closing quote
 * (held-out set twenty-eight, C++ and PHP in home automation): a name or member chain between two
 * of a language's concatenation operators (C++'s stream insertion `" << pHash << "`, PHP's `.`, Lua's
 * `..`, Visual Basic's `&`), or a call opened between two adjacent literals (`"Password=" LOG_SECRET("%s")`
 * in C, where a macro's expansion joins them: the "value" is ` LOG_SECRET(`), or the left operand of
 * a concatenation cut at the next literal's quote (`szUserPassword=MailUser+":"+…` in a commented-out
 * line). The text is filled in where it runs; no key starts with a quote and an operator, nor ends in
 * an opening parenthesis or an operator after a name without a digit.
 */
function isConcatenationSeam(v: string): boolean {
  if ((v[0] === '"' || v[0] === "'") && SEAM.test(v)) return true;
  const last = v[v.length - 1];
  if (last === '(') return CALL_OPENED.test(v);
  return last === '+' && LEFT_OPERAND.test(v);
}
const OPERAND = String.raw`[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*(?:\((?:[^()]|\([^()]*\))*\))?`;
const SEAM = new RegExp(String.raw`^["']\s*(<<|\.\.?|&|\+)\s*${OPERAND}\s*\1\s*["']?$`);
// (The value is trimmed: a name of letters and underscores, no digit, as no draw is, and its parenthesis.)
const CALL_OPENED = /^[A-Za-z_$][A-Za-z_$]*(?:(?:\.|::)[A-Za-z_$]+)*\s*\($/;
const LEFT_OPERAND = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$]+)*\s*\+$/;

/**
 * Names ending in a colon (a key prefix `'oauth_clients:'` that code joins to an id, Redis's and
 * Cassandra's `type:id` convention; an annotation's key `vault.hashicorp.com/namespace:` in a
 * `--set` before its own value): the text waits for what follows the colon. Letters and name
 * separators only: a drawn value holds digits, and none ends in a colon.
 */
function isNameBeforeColon(v: string): boolean {
  return v[v.length - 1] === ':' && /^[A-Za-z][A-Za-z_.\/-]*[A-Za-z]:$/.test(v);
}

/**
 * A replacement field that calls a function (Python's f-string `{get_config('hub.existingSecret')}`,
 * C#'s `$"{Read(…)}"`): an expression evaluated where the string is built. A key has no `{name(`.
 */
function isFormatFieldCall(v: string): boolean {
  return v[0] === '{' && /^\{[A-Za-z_][\w.]*\(/.test(v);
}

/**
 * A named bind parameter of SQL (`SET password = :password_hashed`: PDO, JDBC's named parameters,
 * SQLAlchemy's `text()`, Oracle): the statement's value is bound at run time under that name. A
 * colon then a lower-case name (also Ruby's and Elixir's symbol, a name as well); camelCase ones are
 * isCamelCaseBindParameter's.
 */
function isSqlBindParameter(v: string): boolean {
  return v[0] === ':' && /^:[a-z_][a-z0-9_]{2,}$/.test(v);
}

/**
 * A named bind parameter in camelCase (`->andWhere('o.tokenValue = :orderToken')` in Doctrine's DQL,
 * TypeORM's `.where('… = :verificationToken', { verificationToken })`, `notIn('token', ':preserveTokens')`):
 * the same convention as isSqlBindParameter, the name after the colon a variable's (isIdentifierName:
 * words in camel humps), filled in when the query runs. A Ruby symbol so written is a name too.
 */
function isCamelCaseBindParameter(v: string): boolean {
  return v[0] === ':' && /^:[a-z]+[A-Z]/.test(v) && isIdentifierName(v.slice(1));
}

/**
 * A constant's name of capitals whose words are joined by `_` and, between namespaces, by `__`
 * (an error code `'CHECKOUT__CART_TOKEN_NOT_FOUND'`, ASP.NET Core's `Section__Key` for a nested
 * setting in an environment variable's name): words of a language in SCREAMING_SNAKE_CASE, as the
 * same name with single underscores is judged (isMadeOfWords). A drawn key holds no `__` between words.
 */
function isDoubleUnderscoreName(v: string): boolean {
  return v.includes('__') && /^[A-Z][A-Z0-9]*(?:_{1,2}[A-Z][A-Z0-9]*){2,}$/.test(v) && isMadeOfWords(v.replace(/__/g, '_'));
}

/**
 * A constant path quoted as a string (`ApiKey: 'Spree::ApiKey'`, a Rails model's class name in a
 * polymorphic type or a permission table; C++'s and Rust's `ns::Type`): capitalised names joined by
 * `::`, a class a program resolves by name. (Unquoted paths are CONSTANT_PATH's.) No drawn key
 * holds `::` between capitalised names.
 */
function isQuotedConstantPath(v: string): boolean {
  return v.includes('::') && /^[A-Z][A-Za-z0-9]*(?:::[A-Z][A-Za-z0-9]*)+$/.test(v) && /[a-z]/.test(v);
}

/**
 * Ruby's (and Crystal's, Elixir's) interpolation opening on a constant path (`"Bearer #{Spree::Api::TestingSupport.generate_jwt(…)}"`,
 * read up to its first argument): `#{` and a capitalised name then `::` is an expression evaluated
 * where the string is built; a value starts with no `#{`.
 */
function opensConstantInterpolation(v: string): boolean {
  return v[0] === '#' && /^#\{\s*[A-Z]\w*::[A-Z]/.test(v);
}

/**
 * A column's SQL data type with its length (`"client_secret" => "VARCHAR(80)"` in a table's schema;
 * SQL-92's CHARACTER VARYING(n), NUMERIC(p, s)): the type of the column that will hold the value.
 */
function isSqlColumnType(v: string): boolean {
  return v[v.length - 1] === ')' && /^(?:n?varchar2?|n?char|character varying|varbinary|binary|bit|numeric|decimal|float|timestamp|datetime2?|time)\(\d{1,5}(?:,\s*\d{1,3})?\)$/i.test(v);
}

/**
 * A class named in a string by its PHP namespace (`'OAuth2\ResponseType\AccessTokenInterface'`, PSR-4:
 * names joined by a backslash, doubled in a double-quoted string): a type a container builds. A
 * drawn value holds no backslash between capitalised names.
 */
function isPhpClassString(v: string): boolean {
  return v.includes('\\') && /^[A-Z][A-Za-z0-9_]*(?:\\{1,2}[A-Z][A-Za-z0-9_]*){2,}$/.test(v);
}

/**
 * Go's slice type opening a composite literal (`"[]LocalObjectReference{"` in a generated String()):
 * `[]`, an optional `*` and a type's name (go.dev/ref/spec#Slice_types). No key starts with `[]`.
 */
function isGoSliceType(v: string): boolean {
  return v[0] === '[' && /^\[\]\*?[A-Za-z_][\w.]*\{?\}?$/.test(v);
}

/**
 * One character written as an escape (`\x{00D6}` in Perl, `\u00e9`, `\x41`, `\N{U+6536}`): a
 * test's letter, not a secret.
 */
function isEscapeSequence(v: string): boolean {
  return v[0] === '\\' && /^\\(?:x\{[0-9A-Fa-f]{1,6}\}|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|u\{[0-9A-Fa-f]{1,6}\}|N\{U\+[0-9A-Fa-f]{1,6}\})$/.test(v);
}

/**
 * A Dovecot variable in its one-letter form (`password_key = passdb/%u`: `%u` the user, `%n` its
 * local part, `%d` its domain, `%h` the home; doc.dovecot.org "Config variables"), filled in for
 * each login, after a separator and ending the word. Percent-encoding takes two hex digits.
 */
function hasDovecotVariable(v: string): boolean {
  return v.includes('%') && /(?:^|[/@._:-])%[LU]?[undh](?![0-9A-Za-z])/.test(v);
}

/**
 * A Terraform reference through `count` or `for_each` (`azuread_service_principal_password.test[count.index].value`,
 * `aws_iam_access_key.ci[each.key].secret`; developer.hashicorp.com/terraform/language/meta-arguments):
 * an unquoted HCL expression, evaluated at apply time; a literal is quoted.
 */
function isTerraformIndexedReference(v: string): boolean {
  return v.includes('[') && /^[a-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+\[(?:count\.index|each\.(?:key|value))\](?:\.[A-Za-z_][\w-]*)*$/.test(v);
}

/**
 * An optional chain (`setupData?.token`, `hovered?.token ?? ''`): the `?.` operator of JavaScript,
 * TypeScript, C#, Kotlin and Swift between names, as a Vue or Angular template binds it
 * (`:token="setupData?.token"`). The text reads a property; no drawn value has `?.` between names.
 */
function isOptionalChain(v: string): boolean {
  return v.includes('?.') && /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*\?\.[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*(?:\s*\?\?\s*(?:''|""|null|undefined|[A-Za-z_$][\w$.?]*))?$/.test(v);
}

/**
 * Erlang's record syntax, unquoted in program code: a field read `Cfg#ldap_config.password` (a
 * variable, `#`, the record's name, `.`, the field's name) or the start of a record or map update
 * `State#state{…}`, `Auth#{ip => …}` (Erlang Reference Manual, "Records" and "Maps"). A variable
 * starts with a capital or `_`, a record's and a field's name are atoms (lowercase first): the
 * expression reads a field, it holds no value.
 */
function isErlangRecordExpression(v: string): boolean {
  return /^[A-Z_][A-Za-z0-9_]*#(?:[a-z][A-Za-z0-9_@]*(?:\.[a-z][A-Za-z0-9_@]*|\{.*)|\{.*)$/.test(v);
}

/**
 * A post-increment or post-decrement of a name (`nextConditionToken++`, `lf->next_token--`): the
 * `++` and `--` operators of C, C++, C#, Java, JavaScript and Go after a variable, a member or a
 * member through a pointer. Unquoted in program source the text is an expression whose value is
 * the name's before the step; a literal there would be quoted, and no drawn value ends in `++`.
 */
function isPostIncrement(v: string): boolean {
  const n = v.length;
  return n > 2 && v[n - 1] === v[n - 2] && (v[n - 1] === '+' || v[n - 1] === '-') && /^[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*(?:\+\+|--)$/.test(v);
}

/**
 * Minified source after a signed number (`-1,r.Parser.prototype.TOKEN_INVALID=157,…`): a number
 * with its sign and then, after `,` or `;`, the next item of a list or statement, as the minified
 * check for an unsigned name or number reads it. Unquoted in program source this is an expression;
 * a literal there would be quoted.
 */
function isSignedNumberThenNextItem(v: string): boolean {
  return (v[0] === '-' || v[0] === '+') && /^[-+]\d+(?:\.\d+)?[,;][A-Za-z_$]/.test(v);
}

/**
 * A shell command substitution inside the value (`"base64:$(head -c 32 /dev/urandom | base64)"`,
 * `"token-$(date +%s)"`; POSIX Shell Command Language §2.6.3): outside single quotes the shell runs
 * the command and puts its output there, so the text is not the value used. The command starts
 * with a name (a lower-case letter first, as commands are); `$(` in a chosen password is rare, and
 * one followed by a command's name and closed is rarer still.
 */
function hasCommandSubstitution(v: string): boolean {
  return v.includes('$(') && /(?:^|[^\\$])\$\([a-z][\w.-]*(?:[ \t][^()]*)?\)/.test(v);
}

/**
 * The address of, or a reference to, a name (`&mergedAuthInfo`, `&cfg.Auth`, `&self.token`): the
 * unary `&` of C, C++, Go, Rust and C#'s unsafe code before a variable or a member. In program source,
 * unquoted, it is an expression; a drawn value written there would be a quoted literal.
 */
export function takesAddress(v: string): boolean {
  return v[0] === '&' && /^&[A-Za-z_][\w]*(?:(?:\.|->|::)[A-Za-z_]\w*)*$/.test(v);
}

/**
 * A field path from its leading dot (`".metadata.secretOwner"` as a field index, kubectl's JSONPath
 * and jq's `.spec.template`, a Go template's `.Values.x`): names a place in an object, not a value.
 */
function isFieldPath(v: string): boolean {
  return v[0] === '.' && /^(?:\.[a-z][A-Za-z0-9]*){2,}$/.test(v);
}

/**
 * A character encoding's registered name (IANA Character Sets: `utf-8`, `iso-8859-1`, `us-ascii`,
 * `latin1`, `utf-16le`) as an argument beside a credential's name (`bytearray('PW_KEY', 'utf-8')`).
 */
function isCharsetName(v: string): boolean {
  return /^(?:utf-?(?:8|16|32)(?:[bl]e)?|iso-?8859-\d{1,2}|us-ascii|ascii|latin-?1|cp\d{3,4}|windows-\d{4})$/i.test(v);
}

/**
 * The name of a Kubernetes Secret under a field named for the Secret that holds a password or
 * token (`rabbitmqPasswordSecret: rabbitmq-password`, `tokenSecretName`, Helm charts' convention):
 * an object's name (RFC 1123 labels: lower-case letters, digits and `-`, joined by dots), read by
 * the chart to mount the Secret; the password is in the Secret. Parts of letters, few digits.
 */
function namesTheSecretObject(v: string, name: string): boolean {
  return /(?:passw(?:or)?d|pwd|credentials?|token|key)[-_]?secret(?:[-_]?(?:name|ref))?$/i.test(name) && /^[a-z][a-z0-9]*(?:[-.][a-z][a-z0-9]*)+$/.test(v) && !/\d{3}/.test(v);
}

/**
 * PostgreSQL's SCRAM verifier or a pattern for one (`'SCRAM-SHA-256\$.+'` in a test's expected
 * statement; RFC 5803 `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`): a hash of a
 * password, which cannot log in, or the expression that matches one.
 */
function isScramVerifierPrefix(v: string): boolean {
  return v.startsWith('SCRAM-SHA-') && /^SCRAM-SHA-(?:1|256)(?:-PLUS)?\\{0,2}\$/.test(v);
}

/**
 * Options written as `name:value` pairs joined by commas (`secretname:…,userkey:user,passwordkey:password`,
 * a flag's map in Go's and Helm's `key:value,key:value` form): names of fields, each a lower-case
 * word; a drawn value has neither the commas nor the repeated name-colon shape.
 */
function isKeyValueOptionList(v: string): boolean {
  return v.includes(',') && /^[a-z][a-z0-9_-]*:[a-z][a-z0-9_.-]*(?:,[a-z][a-z0-9_-]*:[a-z][a-z0-9_.-]*)+$/.test(v);
}

/**
 * Smarty's variable tag (smarty.net, "Variables": `{$config.pass}`, `{$smarty.foreach.row.iteration}`,
 * `{$app.LBL_SAVE|escape}`) in a template (`.tpl`, or a template string in PHP): `{$`, a name, then
 * array keys after dots or a modifier after `|`, closed by `}`. The engine writes a variable's value
 * there when the page is built. (PHP's own curly syntax, `{$a->b}`, `{$a['b']}`, is
 * isPhpCurlyInterpolation's.) No drawn value holds `{$`.
 */
function isSmartyVariable(v: string): boolean {
  return v.includes('{$') && /\{\$[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\|[a-z_]\w*(?::[^{}|]*)?)+\}/.test(v);
}

/**
 * A word whose letters outside ASCII are written as `\xHH` escapes (`Contrase\xF1a`, `L\xF6senord`:
 * a bundler such as esbuild writes a translation's Latin-1 letters so; ECMA-262's HexEscapeSequence,
 * the same in PHP, Python and C strings): every escape spells a Latin-1 letter (U+00C0 to U+00FF but
 * the signs × and ÷) beside an ASCII letter, so the text is a word of a language, as the unescaped
 * `Contraseña` is (outsideCredentialAlphabet). A key's bytes written as escapes run together
 * (`\xde\xad…`), and three in four of them are no such letter.
 */
function spellsLettersInHexEscapes(v: string): boolean {
  if (!v.includes('\\x')) return false;
  let letters = true;
  const text = v.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const code = parseInt(hex, 16);
    if (code < 0xc0 || code === 0xd7 || code === 0xf7) letters = false;
    return String.fromCharCode(code);
  });
  if (!letters || text === v) return false;
  // Each escaped letter sits in a word: an ASCII letter beside it once the escapes are read.
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0xc0) continue;
    if (!/[A-Za-z]/.test(text[i - 1] ?? '') && !/[A-Za-z]/.test(text[i + 1] ?? '')) return false;
  }
  return true;
}

/**
 * One validation rule with its parameters (Laravel's `'min:6'`, `'required_if:change_password,true'`,
 * `'required_unless:mail_driver,log'`; laravel.com/docs/validation, "Available Validation Rules"): a
 * documented rule that takes parameters, a colon, then field names, numbers or lower-case literals
 * joined by commas. isValidationRules reads two or more rules joined by `|`; a drawn value opens with
 * no rule's name and a colon, and holds capitals.
 */
const PARAMETER_RULES = new Set(
  ('after after_or_equal before before_or_equal between date_format decimal different digits digits_between exclude_if ' +
    'exclude_unless exclude_with exclude_without gt gte in lt lte max max_digits min min_digits missing_if missing_unless ' +
    'missing_with multiple_of not_in present_if prohibited_if prohibited_unless required_if required_unless required_with ' +
    'required_with_all required_without required_without_all same size').split(' '),
);
function isSingleValidationRule(v: string): boolean {
  const m = /^([a-z_]+):((?:[a-z][a-z0-9_.]*|\d+(?:\.\d+)?)(?:,(?:[a-z][a-z0-9_.]*|\d+(?:\.\d+)?))*)$/.exec(v);
  return !!m && PARAMETER_RULES.has(m[1]!);
}

/**
 * PHP's class name resolution (`Tymon\JWTAuth\Facades\JWTAuth::class`, php.net "Class Abstraction",
 * `::class`): a namespaced class name that PHP turns into its string, in a container's or an alias
 * map's array. A drawn value holds no backslash between names and no `::class`.
 */
function isPhpClassConstant(v: string): boolean {
  return v.endsWith('::class') && /^\\?[A-Za-z_]\w*(?:\\[A-Za-z_]\w*)*::class$/.test(v);
}

/**
 * A PHP variable in a string's text (php.net "Strings", variable parsing, and the `.` operator):
 * `.$amount.` between two literals of one concatenation, read from the first one's closing quote
 * (`'{"amount":'.$amount.',…'`), the same with an element or a member (`'.$params['accesskey'].'`),
 * or the simple syntax's `$this->access_key` inside a double-quoted string. Filled in where the string
 * is built; no drawn value holds `$name->` or `$name['…']`, or opens and closes with a `.` around `$name`.
 */
const PHP_VARIABLE = String.raw`\$[A-Za-z_]\w*(?:->[A-Za-z_]\w*|\[(?:'[\w-]*'|"[\w-]*"|\$[A-Za-z_]\w*)\])*`;
const PHP_SEAM = new RegExp(String.raw`^['"]?\s*\.\s*${PHP_VARIABLE}\s*\.\s*['"]?$`);
const PHP_MEMBER_OR_ELEMENT = new RegExp(String.raw`^\$[A-Za-z_]\w*(?:->[A-Za-z_]\w*|\[(?:'[\w-]*'|"[\w-]*"|\$[A-Za-z_]\w*)\])+$`);
function isPhpStringVariable(v: string): boolean {
  return v.includes('$') && (PHP_SEAM.test(v) || PHP_MEMBER_OR_ELEMENT.test(v));
}

/**
 * A concatenation into a call, read from a literal's closing quote (`"…accessKey='" + SUGAR.language.get('app_strings', …`
 * in JavaScript, PHP's `' . __('…`): the quote, `+` or `.`, a name or member chain and the call's opening
 * parenthesis, the value cut at its first argument's quote. (isConcatenationAroundCall reads the call
 * closed.) No key starts with a quote and an operator.
 */
function isConcatenationIntoCall(v: string): boolean {
  return v[v.length - 1] === '(' && /^["']\s*[+.]\s*[A-Za-z_$][\w$]*(?:(?:\.|->|::)[A-Za-z_$][\w$]*)*\s*\($/.test(v);
}

/**
 * A path to a program's source file (`'modules/OAuthKeys/OAuthKey.php'` in a PHP class map, a
 * template's or a view's path): names joined by `/` ending in a source language's extension (FILE_NAME
 * lists those of keys, configuration and data). Base64 has no `.`, and a drawn key ends in no extension.
 */
const SOURCE_PATH = /^(?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)+\.(?:php|phtml|inc|tpl|twig|rb|erb|go|java|kt|cs|rs|swift|vue|tsx|jsx|mjs|cjs)$/;
function isSourceFilePath(v: string): boolean {
  return v.includes('/') && SOURCE_PATH.test(v);
}

/**
 * A key's prefix in snake_case that ends in its separator (`'password_reset_attempts_' . md5($ip)`, a
 * session or cache key that code joins to an id): words of a language and a trailing `_` waiting for
 * what follows, as a name ending in a colon does (isNameBeforeColon). A drawn value is not words.
 */
function isKeyPrefix(v: string): boolean {
  return v[v.length - 1] === '_' && /^[a-z]+(?:_[a-z]+)+_$/.test(v) && isMadeOfWords(v.slice(0, -1));
}

/**
 * A CSS escape (CSS Syntax Level 3, §4.3.7: a backslash and one to six hex digits, a code point), as an
 * icon font's map writes each glyph (`"admin-password": "\\f161"`, the backslash doubled in JSON or a
 * string literal): a character, not a value anyone keeps secret.
 */
function isCssEscape(v: string): boolean {
  return v[0] === '\\' && /^\\{1,2}[0-9a-fA-F]{1,6}$/.test(v);
}
