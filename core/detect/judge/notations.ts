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
  return false;
}

const PACKAGE_PROTOCOL = /^(?:workspace:(?:[*^~]|\d|\.{1,2}\/|[@\w][\w./@-]*@)|link:\.{0,2}\/|link:\.\.|portal:\.{0,2}\/|file:\.{0,2}\/|npm:@?[a-z0-9][\w.-]*(?:\/[\w.-]+)?@)/;
const SCOPED_PACKAGE = /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;
const RATE = String.raw`\d+\/\d*(?:s|m|h|d|sec|second|min|minute|hour|day)(?:\/[a-z_]+)?`;
const RATE_LIMITS = new RegExp(`^${RATE}(?:,\\s*${RATE})*$`);
const RUBY_DURATION = /^\d+\.(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?)(?:\.(?:ago|from_now|since|after|before))?$/;
const CSS_RULE = /^[.#][A-Za-z][\w-]*(?:[\s.#:>+~[\]="\w-]*)\{[^{}]*\}/;
const BIND = String.raw`[A-Za-z_][\w.]*\s*(?:=|<>|!=|[<>]=?)\s*(?:\?|\$\d{1,3}|:[A-Za-z_]\w*)`;
const SQL_CONDITION = new RegExp(`^${BIND}(?:\\s+(?:AND|OR)\\s+${BIND})*$`, 'i');
const KEY_PREFIX = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\.$/;
