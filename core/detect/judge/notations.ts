/**
 * Values written in a documented notation of their own, which no credential is: each read by the
 * notation's definition, not by example (held-out set twenty-four, authentication libraries).
 */
export function isNotation(v: string): boolean {
  const c0 = v.charCodeAt(0);
  // A dependency's version specifier under a package's name (`"better-auth": "workspace:*"`, `"link:../../packages/x"`):
  // pnpm's and Yarn's workspace, link, file and portal protocols and npm's alias (docs.npmjs.com
  // "package.json", pnpm.io "Workspace"). A package named after a credential word is no credential.
  if (PACKAGE_PROTOCOL.test(v)) return true;
  // An npm package's scoped name (`"api-key": "@better-auth/api-key"`): `@scope/name`, lower case.
  if (c0 === 64 && SCOPED_PACKAGE.test(v)) return true;
  // A rate limit (`"change_password": "5/m/user"`, `"20/m/ip,5/m/key"`; Django REST framework's
  // `"100/day"`): a count per period, and what it is counted by.
  if (c0 >= 48 && c0 <= 57 && RATE_LIMITS.test(v)) return true;
  // A duration in Ruby (ActiveSupport's `6.hours`, `1.day.ago`): a number and a unit's method.
  if (c0 >= 48 && c0 <= 57 && RUBY_DURATION.test(v)) return true;
  // A style rule (`".login-password {}\n.login-password-input{}"`, a theme's CSS held in a setting):
  // a class or id selector and its declaration block.
  if ((c0 === 46 || c0 === 35) && CSS_RULE.test(v)) return true;
  // A comparison with a query's bind parameter (`"access_token_value = ?"`, `token = $1`, `token = :token`):
  // a WHERE clause's condition (JDBC's `?`, PostgreSQL's `$n`, named parameters), filled in when it runs.
  if (v.length < 400 && SQL_CONDITION.test(v)) return true;
  // A key prefix of dotted lower-case names (`"metadata.token."`): a namespace a name is appended to.
  if (v.charCodeAt(v.length - 1) === 46 && KEY_PREFIX.test(v)) return true;
  // A CSS selector of two or more parts (`'#content #login #password'`, `.form > .password-field`):
  // ids, classes and elements joined by combinators (w3.org/TR/selectors-4 "Complex selectors"),
  // a field found by its place in a page, not the field's value.
  if ((c0 === 35 || c0 === 46) && SELECTOR_CHAIN.test(v)) return true;
  if (isReverseDnsName(v) || isPercentEncodedUrl(v)) return true;
  return false;
}

/**
 * A name in reverse-DNS notation (`org.example.msc1234.login_token`: Java's packages, Apple's bundle
 * ids, Matrix's namespaced identifiers): a domain's labels read from its top level (two or three
 * letters), then more lower-case labels, three or more in all. A name, not a draw: a token holding dots
 * mixes case (a JWT, `SG.…`) or opens with its provider's prefix and then a mixed-case body.
 */
function isReverseDnsName(v: string): boolean {
  return v.length <= 200 && /^[a-z]{2,3}\.[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9_-]*)+$/.test(v);
}

/**
 * A URL percent-encoded once or more (`https%3A%2F%2F…`, `https%253A%252F%252F…` in a query parameter
 * that holds a link): RFC 3986's encoding of `scheme://`, a link passed along, not a credential.
 */
function isPercentEncodedUrl(v: string): boolean {
  return v.includes('%') && /^[a-z][a-z0-9+.-]*%(?:25)*3A%(?:25)*2F%(?:25)*2F/i.test(v);
}

const PACKAGE_PROTOCOL = /^(?:workspace:(?:[*^~]|\d|\.{1,2}\/|[@\w][\w./@-]*@)|link:(?:\.?\/|\.\.)|portal:\.{0,2}\/|file:\.{0,2}\/|npm:@?[a-z0-9][\w.-]*(?:\/[\w.-]+)?@)/;
const SCOPED_PACKAGE = /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;
const RATE = String.raw`\d+\/\d*(?:s|m|h|d|sec|second|min|minute|hour|day)(?:\/[a-z_]+)?`;
const RATE_LIMITS = new RegExp(`^${RATE}(?:,\\s*${RATE})*$`);
const RUBY_DURATION = /^\d+\.(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?)(?:\.(?:ago|from_now|since|after|before))?$/;
const CSS_RULE = /^[.#][A-Za-z][\w-]*(?:[\s.#:>+~[\]="\w-]*)\{[^{}]*\}/;
const BIND = String.raw`[A-Za-z_][\w.]*\s*(?:=|<>|!=|[<>]=?)\s*(?:\?|\$\d{1,3}|:[A-Za-z_]\w*)`;
const SQL_CONDITION = new RegExp(`^${BIND}(?:\\s+(?:AND|OR)\\s+${BIND})*$`, 'i');
const KEY_PREFIX = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.$/;
const COMPOUND = String.raw`(?:[#.][A-Za-z][\w-]*|[a-z][a-z0-9]*)(?:[#.][A-Za-z][\w-]*)*`;
const SELECTOR_CHAIN = new RegExp(`^[#.][A-Za-z][\\w-]*(?:[#.][A-Za-z][\\w-]*)*(?:\\s*[>+~]\\s*${COMPOUND}|\\s+${COMPOUND})+$`);

/**
 * A scoped npm package's subpath (`[Modules.API_KEY]: "@medusajs/medusa/api-key"`: `@scope/name` and
 * a path its `exports` map resolves; Node.js "Packages", subpath exports): a module to load by that
 * specifier, lower case as npm requires of new names, never a credential (held-out set twenty-six).
 */
export function isScopedPackageSubpath(v: string): boolean {
  return v.charCodeAt(0) === 64 && SCOPED_SUBPATH.test(v);
}

const SCOPED_SUBPATH = /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)+$/;

/**
 * A PowerShell command (`$pwd = ConvertTo-SecureString -String "…" -AsPlainText` in a workflow's
 * `run:`): a cmdlet is named Verb-Noun, the verb one of PowerShell's approved verbs ("Approved Verbs
 * for PowerShell Commands", learn.microsoft.com; `Get-Verb` lists them) and the noun in PascalCase.
 * Unquoted after a PowerShell variable's `=` it is a call whose output is the value, not the value
 * (held-out set twenty-five).
 */
export function isPowerShellCommand(v: string): boolean {
  const m = POWERSHELL_COMMAND.exec(v);
  return m !== null && POWERSHELL_VERBS.has(m[1]!.toLowerCase());
}

const POWERSHELL_COMMAND = /^([A-Z][a-z]+(?:To|From)?)-[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;
// The approved verbs (learn.microsoft.com/powershell/scripting/developer/cmdlet/approved-verbs-for-windows-powershell-commands).
const POWERSHELL_VERBS = new Set(
  (
    'add clear close copy enter exit find format get hide join lock move new open optimize pop push redo remove rename reset resize search select set show skip split step switch undo unlock watch ' +
    'connect disconnect read receive send write ' +
    'backup checkpoint compare compress convert convertfrom convertto dismount edit expand export group import initialize limit merge mount out publish restore save sync unpublish update ' +
    'approve assert build complete confirm deny deploy disable enable install invoke register request restart resume start stop submit suspend uninstall unregister wait ' +
    'debug measure ping repair resolve test trace block grant protect revoke unblock unprotect use'
  ).split(' '),
);

/**
 * A word after a backslash, unquoted (`token: \keyword.operator`): LiveScript's word literal, the
 * string of the word (livescript.net, "Strings": `\word`), and TeX's control word; letters and dots
 * only. (Quoted, `"\nlegacy-…"` is an escape sequence and then text, judged as such.)
 */
export function isBackslashWord(v: string): boolean {
  return v.charCodeAt(0) === 92 && BACKSLASH_WORD.test(v);
}
const BACKSLASH_WORD = /^\\[A-Za-z]+(?:[.-][A-Za-z]+)*$/;
