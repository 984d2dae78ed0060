import { CONFIDENCE } from './confidence';
import { isDummyValue } from './dummy-values';
import { isPlaceholder } from './placeholders';
import type { RawMatch } from '../report/raw-match';
import { runsWhereItIs } from './weak-defaults';

/**
 * What a JWT says about itself. A token is reported by its shape, but its claims are readable.
 * A Supabase `anon` key is public by design wherever it is (it ships in every browser client;
 * row-level security guards the data). A token issued to `1234567890` (jwt.io's example subject),
 * by `test@test.…`, for `John Doe`, or under a key id `test-key-id`, found in a test, an example
 * or docs, is a fixture built by hand, not a session. Outside tests and docs such a token stays
 * reported: the detectors' own test suites (the external benchmark) count the jwt.io example as
 * a secret to find, and a real token can carry a test issuer.
 */
export function jwtPublicConfidence(payloadJson: string): number | undefined {
  const payload = parseObject(payloadJson);
  return payload?.iss === 'supabase' && payload.role === 'anon' ? CONFIDENCE.publicByDesign : undefined;
}

/**
 * Lowers JWT matches whose claims say they are examples, in tests, examples and docs; a bearer
 * token that is a JWT (`Authorization: Bearer eyJ…` in a guide) is judged by the same claims. (An
 * expired token is not lowered for that alone: a session recorded in a cassette or a fixture still
 * names a real user and issuer, and the pool counts those as leaks.)
 */
export function placeExampleTokens(matches: RawMatch[], path: string, text: string): void {
  let docs: boolean | undefined;
  for (const m of matches) {
    if (m.confidence <= CONFIDENCE.exampleClaims) continue;
    if (m.ruleId !== 'secret/jwt' && !(m.ruleId === 'secret/authorization-header' && text.startsWith('eyJ', m.start))) continue;
    docs ??= !runsWhereItIs(path);
    if (docs && (isExampleJwt(text.slice(m.start, m.end)) || isSignedUnderFrozenClock(text.slice(m.start, m.end)))) m.confidence = CONFIDENCE.exampleClaims;
  }
}

// 2010-01-01T00:00:00Z: before the first JWT drafts (RFC 7519 came in 2015).
const BEFORE_JWT = 1_262_304_000;

/**
 * A token whose times (`iat`, `nbf`, `exp`: NumericDate, seconds since 1970, RFC 7519 §2) all fall
 * before JWTs existed was signed under a test's frozen clock (a mocked date of 0 gives `"iat":-30,
 * "exp":570`): no service issued it, and it never was valid. (An expired token of a real time is not
 * lowered for that alone: see above.)
 */
function isSignedUnderFrozenClock(token: string): boolean {
  const p = token.split('.')[1];
  const payload = p ? parseObject(decode(p)) : undefined;
  if (!payload) return false;
  const times = ['iat', 'nbf', 'exp'].map((k) => payload[k]).filter((v): v is number => typeof v === 'number');
  return times.length > 0 && times.every((t) => t < BEFORE_JWT);
}

function isExampleJwt(token: string): boolean {
  const [h, p] = token.split('.');
  const header = h ? parseObject(decode(h)) : undefined;
  const payload = p ? parseObject(decode(p)) ?? claimsBeforeCut(decode(p)) : undefined;
  if (!payload) return false;
  const identities = [header?.kid, ...IDENTITY_CLAIMS.map((k) => payload[k])].filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return identities.some((v) => isExampleIdentity(String(v)));
}

const decode = (segment: string) => Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');

// Claims that name who or what the token is for or from; `role` is the database role the bearer acts
// as (PostgREST, Supabase, Hasura's `x-hasura-default-role`).
const IDENTITY_CLAIMS = ['sub', 'iss', 'aud', 'azp', 'client_id', 'name', 'email', 'preferred_username', 'username', 'user_id', 'role'];
// Words that say a value is made up wherever they stand, and words that do so as the first word or
// as a word of a snake_case name (`postgrest_test_author`, a role made for a test suite).
const EXAMPLE_WORDS = new Set(['example', 'fake', 'dummy', 'mock', 'sample', 'demo', 'placeholder']);
const EXAMPLE_FIRST = new Set(['test', 'testing', 'tester']);
// The metasyntactic words of RFC 3092 (https://www.rfc-editor.org/rfc/rfc3092): an identity made of
// nothing else (`foo@bar.com`, `foo`) is a stand-in, whatever its domain.
const METASYNTACTIC = new Set(['foo', 'bar', 'baz', 'qux', 'quux', 'foobar', 'corge', 'grault', 'garply', 'waldo', 'fred', 'plugh', 'xyzzy', 'thud']);
// Domains reserved for documentation and tests (RFC 2606, RFC 6761).
const RESERVED_DOMAIN = /(?:^|[.@])(?:example\.(?:com|org|net)|[a-z0-9-]+\.(?:test|example|invalid|localhost))$/i;

function isExampleIdentity(v: string): boolean {
  const t = v.trim();
  if (!t) return false;
  if (/^\d{5,}$/.test(t) && isCountingRun(t)) return true; // 1234567890
  if (/^(?:john|jane) doe$/i.test(t)) return true;
  const host = t.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0]!;
  if (RESERVED_DOMAIN.test(host)) return true;
  const words = t.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => EXAMPLE_WORDS.has(w)) || EXAMPLE_FIRST.has(words[0] ?? '')) return true;
  if (/^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(t) && words.some((w) => EXAMPLE_FIRST.has(w))) return true;
  // (The top-level domain is not a word of the identity: `foo@bar.com`.)
  const named = /\.[a-z]{2,6}$/i.test(t) && t.includes('@') ? words.slice(0, -1) : words;
  if (named.length > 0 && named.every((w) => METASYNTACTIC.has(w))) return true;
  return isPlaceholder(t) || isDummyValue(t);
}

/** Digits counting up by one (`123456789`, `0123456`, `1234567890` with its 0 after 9). */
function isCountingRun(d: string): boolean {
  for (let i = 1; i < d.length; i++) if (d.charCodeAt(i) !== 48 + ((d.charCodeAt(i - 1) - 48 + 1) % 10)) return false;
  return true;
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const o: unknown = JSON.parse(json);
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims written whole in a payload cut short (`"eyJ…J9.eyJzdWIiOiIx…wibm" .` in a test, the rest of
 * the token in the next literal joined by `.` or `+`): the members before the cut, each a string or a
 * number followed by a comma, are the whole token's claims, read as JSON reads them.
 */
function claimsBeforeCut(json: string): Record<string, unknown> | undefined {
  if (json[0] !== '{') return undefined;
  const claims: Record<string, unknown> = {};
  let found = false;
  for (const m of json.matchAll(/[{,]\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*(?=,)/g)) {
    try {
      claims[JSON.parse(m[1]!) as string] = JSON.parse(m[2]!) as unknown;
      found = true;
    } catch {
      // (An escape JSON does not know: not a member.)
    }
  }
  return found ? claims : undefined;
}
