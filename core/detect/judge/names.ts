import { memoByText } from '../input/detach';
import { envVarOf, PROVIDERS } from '../rules/providers';

/**
 * Judging a key name: is `db_password`, `OPENAI_API_KEY` or `clientSecret` the name of a
 * credential, and which provider does it belong to? Names are split into lower-case words at
 * `_ - .` and camelCase boundaries.
 */
export type NameKind = 'password' | 'token';

export function splitName(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const PASSWORD_RE = /passw(?:or)?d|pwd|passphrase|passcode|pswd/;
// Single words that name a credential on their own.
const CREDENTIAL_WORDS = new Set(
  ('token secret secrets secrete credential credentials creds bearer authorization auth authtoken accesstoken refreshtoken ' +
    'apitoken apikey apisecret clientsecret secretkey privatekey accesskey masterkey signingkey sessiontoken idtoken bottoken ' +
    'apptoken usertoken oauthtoken pat connectionstring sastoken licensekey encryptionkey authkey appkey appsecret ' +
    'consumersecret webhooksecret sessionsecret jwtsecret').split(' '),
);
// Words that make `key` (or a `…key` compound) a credential: `api key`, `access key`, `iam key`, `openai key`.
const KEY_QUALIFIERS = new Set(
  ('api access secret private auth client app application master signing sign encryption encrypt license service account admin ' +
    'session shared consumer webhook deploy root sas storage subscription primary secondary iam cloud hmac sdk dev prod live user ' +
    'integration merchant partner jwt aes crypto cipher openai anthropic claude mistral cohere together azure deepseek groq gemini ' +
    'google huggingface hf replicate perplexity pplx xai grok openrouter pinecone langsmith langchain voyage fireworks aws stripe ' +
    'twilio sendgrid slack github gitlab npm sentry datadog dd ibm softlayer sl cos cloudant').split(' '),
);
const COMPOUND_SUFFIX = /(?:apikey|apitoken|apisecret|secretkey|accesskey|privatekey|accesstoken|authtoken|clientsecret)$/;

function isCredentialWord(w: string, prev: string | undefined): boolean {
  if (CREDENTIAL_WORDS.has(w) || COMPOUND_SUFFIX.test(w)) return true;
  if (w === 'key' || w === 'keys') return prev !== undefined && KEY_QUALIFIERS.has(prev);
  for (const tail of ['key', 'token', 'secret']) {
    if (w.length > tail.length && w.endsWith(tail) && KEY_QUALIFIERS.has(w.slice(0, -tail.length))) return true;
  }
  return false;
}

// A name ending in one of these describes the credential (its id, length, file…), not its value.
const DESCRIPTIVE_LAST = new Set(
  ('id ids name names user users username usernames usr login email emails url uri urls host path file filename dir length len size count type types env ' +
    'var variable field fields label header prefix suffix expiry expires expiration ttl endpoint hash hashed format policy rotation ' +
    'enabled enable disabled required min max regex pattern placeholder hint description desc title kind mode version timeout at date time ' +
    'index idx limit provider source selector helper class method param params location ref reference tag template rule input prompt ' +
    'question message msg error text view button form box visible visibility changed reset mask validator validation strength ' +
    'budget usage estimate encoding encoder tokenizer count counts number num key_id arn store manager service_name file_path ' +
    'exists present set valid invalid sha md5 checksum digest length_min option options config configuration settings setting ' +
    'schema spec ui widget component list map dict table column col row attr attribute property prop store cache uses left remaining ' +
    'flow grant grants scope scopes audience issuer algorithm alg algo policy lifetime age duration interval expired callback handler ' +
    'generator factory reader writer parser serializer fn func function encryption storage mechanism mechanisms scheme ' +
    'schemes chunker chunkers splitter splitters rate ratio percent percentage identifier identifiers proof model models ' +
    // the text that separates a token from the next (`ruleTokenDelimiter = ";rule-shard-token"`, `token_separator`)
    'delimiter separator ' +
    // Django's field lookups (`created_by__password__icontains`): a query on the field, not its value.
    'icontains contains iexact exact startswith istartswith endswith iendswith isnull iregex').split(' '),
);
const DESCRIPTIVE_FIRST = new Set('max min num total is has use uses show hide enable require no should can get set create generate validate check count'.split(' '));
// Values that are public by design, or per-request anti-forgery tokens, not credentials.
const NOT_CREDENTIAL = new Set(
  ('public pub publishable csrf xsrf authenticity nonce keyword keywords keyboard keypress keydown keyup monkey ' +
    'redacted masked placeholder blank example sample dummy fake mock ' +
    // WebRTC's `a=ice-pwd:` in session descriptions: a per-session value both peers exchange in the clear.
    'ice').split(' '),
);
// Words that, after the credential word, name something the credential has or is used for
// (`token_domains`, `localStorageKeyOrderBy`, `token-classification`, `AUTH_FAILED`), not it.
const NOT_THE_CREDENTIAL_AFTER = new Set(
  ('domain domains origin origins classification classifier order orderby by failed failure failures counter counters request ' +
    'requests response responses library lib identity page pages status state slug location locations usage provider providers ' +
    'dialog modal screen panel tab menu route routes handler handlers middleware strategy strategies guard guards ' +
    // a model's parts: in a tensor's name a token is a unit of text (`token_embd.weight`, `token_embd_norm.bias`)
    'embd emb embed embedding embeddings weight weights bias norm logits ' +
    // a file name (`_token.py:88: UserWarning`)
    'py pyc js mjs cjs ts mts tsx jsx json yaml yml toml txt md go rs java rb php sh').split(' '),
);
// `pass` after these is the verb or a noun of its own (`second-pass`, `bypass`), not a password.
// (`ask`: `git-ask-pass`, `ssh_askpass`, the program that asks the user for the password; the name is the program's.)
const NOT_PASSWORD_BEFORE_PASS = new Set('first second third fourth final next each every one two single multi double triple by to will must should can may this self that a ask'.split(' '));
// `no` joined to the password word (sudoers' `NOPASSWD:` tag, `nopassword`): a flag that there is none,
// as `no_password` is (DESCRIPTIVE_FIRST); what follows it is no password (`NOPASSWD:SETENV:/usr/bin/docker`).
const NO_PASSWORD = /^no(?:passw(?:or)?d|pwd)$/;
// A hash function's name after the credential word (`password_sha256_hex`, `password_double_sha1_hex`):
// the value is the credential's digest, as after `sha` and `md5` (DESCRIPTIVE_LAST), not the credential.
const DIGEST_NAME = /^(?:sha\d{1,3}|sha3|md5|blake2[bs]?|bcrypt|scrypt|argon2(?:id|i|d)?|pbkdf2)$/;
// A credential word with one of these beside it (`hashedPassword`, `passwordEncrypted`, `salted_password`,
// `encrypted_token`) names the credential's digest or ciphertext: what a stored-password table and a
// password encoder's tests hold, not the credential (decrypting needs a key kept elsewhere). (Not
// `encoded`: base64 of a password is the password; not `hash` or `enc` before the word: `HASH_SECRET`
// and `ENC_KEY` are the keys of a hash and a cipher.)
const TRANSFORMED = new Set(['hashed', 'digested', 'crypted', 'salted', 'encrypted']);
const CLEAR_TEXT = new Set(['cleartext', 'plaintext', 'plain', 'clear', 'raw', 'unhashed', 'decrypted']);

// A page token (`nextPageToken`) is a cursor into a listing; a cancellation token (.NET's
// `CancellationToken`) a signal to stop work: neither grants access.
const PAGINATION = new Set(['page', 'continuation', 'cursor', 'pagination', 'resume', 'sync', 'cancellation', 'cancel']);

/** Returns the credential kind a name denotes, or null. Memoised: code repeats its names. */
export const classifyName: (name: string) => NameKind | null = memoByText(50_000, (name) => classifyUncached(name));

function classifyUncached(name: string): NameKind | null {
  // A nested option's path (Keycloak's and Quarkus' `--spi-<provider>--<id>--hmac-secret`): `--`
  // inside the name separates levels, and the last level is the option's own name.
  const nested = name.lastIndexOf('--');
  if (nested > 0 && nested + 2 < name.length) return classifyName(name.slice(nested + 2));
  const words = splitName(name);
  if (!words.length || words.length > 8) return null;
  const last = words[words.length - 1]!;
  // `X-Amz-Credential`, `X-Goog-Credential` in a signed URL: the key id or account and its scope, public by design.
  if (words[0] === 'x' && (words[1] === 'amz' || words[1] === 'goog') && last === 'credential') return null;
  if (isDescriptive(last) || DESCRIPTIVE_FIRST.has(words[0]!)) return null;
  // Kubernetes refers to Secret objects by name: a PodSpec's `imagePullSecrets` lists references
  // (`- name: regcred`, kubernetes.io API reference), and a chart's `existingSecret` names one
  // created outside it. The object holds the credential; the field holds its name.
  if (words[0] === 'existing' || (words[0] === 'image' && words[1] === 'pull' && last === 'secrets')) return null;
  if (words.some((w) => NOT_CREDENTIAL.has(w))) return null;
  // `pass` alone is a password as the last word (`db_pass`, `PASS`) or after the account it is for
  // (`db_pass_secure`); first of several words it is a noun of its own (`pass_rate`, `pass_subj`).
  const isPassword = (w: string, i: number) => (PASSWORD_RE.test(w) && !NO_PASSWORD.test(w)) || w === 'pw' || (w === 'pass' && (i === words.length - 1 || i > 0) && !NOT_PASSWORD_BEFORE_PASS.has(words[i - 1] ?? ''));
  let at = -1;
  let kind: NameKind | null = null;
  for (let i = 0; i < words.length; i++) {
    if (isPassword(words[i]!, i)) {
      at = i;
      kind = 'password';
    } else if (kind !== 'password' && isCredentialWord(words[i]!, words[i - 1])) {
      at = i;
      kind = 'token';
    }
  }
  if (!kind) return null;
  // (Unless a later word says the value is the clear text: `userWithHashedPasswordCleartext`.)
  if ((TRANSFORMED.has(words[at - 1] ?? '') || TRANSFORMED.has(words[at + 1] ?? '')) && !words.some((w) => CLEAR_TEXT.has(w))) return null;
  // A page token (`nextPageToken`, `continuation_token`) is a cursor into a listing, not a credential.
  if (kind === 'token' && PAGINATION.has(words[at - 1] ?? '')) return null;
  if (namesRecordVersion(words, at)) return null;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]!;
    if (NOT_THE_CREDENTIAL_AFTER.has(w) || isDescriptive(w) || DIGEST_NAME.test(w)) return null;
  }
  return kind;
}

// A version token (`version_token` in a payments API's objects, a concurrency token): the record's
// version for optimistic concurrency, sent back with a write so that it fails if the record changed
// meanwhile, as an HTTP entity tag does (RFC 9110 §8.8.3, `If-Match`). It says which state of a
// record, not who may act on it.
const RECORD_VERSION = new Set(['version', 'concurrency']);

/** `token` after a word that makes it a record's version marker (`versionToken`, `concurrency_token`). */
function namesRecordVersion(words: string[], at: number): boolean {
  return words[at] === 'token' && RECORD_VERSION.has(words[at - 1] ?? '');
}

/** A descriptive word, or its plural (`authMethods`, `tokenLimits`, `secretSources`). */
function isDescriptive(w: string): boolean {
  if (DESCRIPTIVE_LAST.has(w)) return true;
  return w.length > 3 && w.endsWith('s') && (DESCRIPTIVE_LAST.has(w.slice(0, -1)) || (w.endsWith('es') && DESCRIPTIVE_LAST.has(w.slice(0, -2))));
}

export interface ProviderByName {
  id: string;
  title: string;
  envVar: string;
  /** Shape the value must have for the provider rule (otherwise it stays a generic finding). */
  shape?: RegExp;
}

// The providers a name can name (`MISTRAL_API_KEY`), in the provider table's order.
const BY_NAME: Array<[RegExp, ProviderByName]> = PROVIDERS.filter((p) => p.nameMatch).map((p) => [
  p.nameMatch!,
  { id: p.id, title: p.title, envVar: envVarOf(p)!, ...(p.key ? { shape: new RegExp(`^(?:${p.key})$`) } : {}) },
]);

/** The provider a credential name names (`GROQ_API_KEY`), memoised like classifyName: names repeat. */
export const providerForName: (name: string) => ProviderByName | null = memoByText(50_000, (name) => {
  const joined = splitName(name).join('');
  return BY_NAME.find(([re]) => re.test(joined))?.[1] ?? null;
});

/** Suggested environment variable for a generic finding: the key name in SCREAMING_SNAKE_CASE. */
export function envVarForName(name: string, kind: NameKind): string {
  const words = splitName(name).slice(-4);
  const candidate = words.join('_').toUpperCase();
  if (/^[A-Z][A-Z0-9_]{2,60}$/.test(candidate)) return candidate;
  return kind === 'password' ? 'PASSWORD' : 'API_KEY';
}
