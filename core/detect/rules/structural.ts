import { isPlaceholder, isReference } from '../placeholders';
import { rule, type PatternRule } from '../rule';
import { CONFIDENCE } from '../confidence';
import { jwtPublicConfidence } from '../jwt-claims';
import { isWeakPassword, WEAK_DEFAULT_VARIANT } from '../weak-defaults';

/** Formats defined by structure rather than a vendor prefix: JWTs, PEM keys, URLs, headers, curl. */

function b64json(segment: string): string | null {
  try {
    const s = Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
    return s;
  } catch {
    return null;
  }
}

/** A JWT's header must decode to a JSON object naming an algorithm or type. */
function jwtConfidence(v: string): number | null {
  const [header, payload] = v.split('.');
  const h = header ? b64json(header) : null;
  const p = payload ? b64json(payload) : null;
  if (!h || !p || !h.startsWith('{"') || !p.startsWith('{')) return null;
  try {
    JSON.parse(h);
    return jwtPublicConfidence(p) ?? 0.95;
  } catch {
    // A damaged but complete header (test tokens are often hand-edited) still names its algorithm.
    return h.endsWith('}') && /"(?:alg|typ|kid)"/.test(h) ? 0.75 : null;
  }
}

const PEM_HEAD = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;

/** A PEM private key block; the body must hold enough base64 to be a key, not a placeholder. */
function scanPem(text: string, at: number): { start: number; end: number; confidence: number } | null {
  PEM_HEAD.lastIndex = at;
  const head = PEM_HEAD.exec(text);
  if (!head) return null;
  let i = at + head[0].length;
  const limit = Math.min(text.length, i + 64 * 1024);
  let b64 = 0;
  let end = -1;
  while (i < limit) {
    if (text.startsWith('-----END', i)) {
      const close = text.indexOf('-----', i + 8);
      end = close >= 0 && close - i < 80 ? close + 5 : i;
      break;
    }
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61) b64++;
    else if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) i++; // JSON-escaped line break
    else if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 34 && c !== 39 && c !== 44 && c !== 58 && c !== 45) {
      if (b64 < 40) return null; // prose or a placeholder, not a key body
      break;
    }
    i++;
  }
  if (b64 < 40) return null;
  return { start: at, end: end >= 0 ? end : i, confidence: end >= 0 ? 0.97 : 0.8 };
}

const QUOTE_CHARS = new Set(['"', "'"]);

/** One shell word after `-u`/`--user`, with its quotes removed; spans point into the text. */
function shellWord(text: string, i: number): { parts: Array<[number, number]>; end: number } {
  const parts: Array<[number, number]> = [];
  let start = i;
  while (i < text.length && !/[\s]/.test(text[i]!)) {
    const q = text[i]!;
    if (QUOTE_CHARS.has(q)) {
      if (i > start) parts.push([start, i]);
      const close = text.indexOf(q, i + 1);
      if (close < 0 || close - i > 300) return { parts: [], end: i };
      parts.push([i + 1, close]);
      i = close + 1;
      start = i;
    } else i++;
    if (i - start > 300) break;
  }
  if (i > start) parts.push([start, i]);
  return { parts, end: i };
}

/** `curl -u user:password` / `--user 'user:password'`: the password (or the lone credential). */
function scanCurlUser(text: string, at: number): { start: number; end: number } | null {
  const lineStart = Math.max(0, at - 600);
  const before = text.slice(lineStart, at);
  if (!/\bcurl\b(?:[^\n]|\\\r?\n)*$/.test(before)) return null;
  let i = at + (text.startsWith('--user', at) ? 6 : 2);
  if (text[i] !== ' ' && text[i] !== '=') return null;
  while (text[i] === ' ' || text[i] === '=') i++;
  const word = shellWord(text, i);
  // Locate the colon separating user and password across the word's quoted parts.
  for (let p = 0; p < word.parts.length; p++) {
    const [s, e] = word.parts[p]!;
    const colon = text.indexOf(':', s);
    if (colon < 0 || colon >= e) continue;
    let [ps, pe] = colon + 1 < e ? [colon + 1, e] : word.parts[p + 1] ?? [e, e];
    let [us, ue] = [s, colon];
    if (ps === pe) [ps, pe] = [us, ue]; // "secret:" with an empty user side
    if (us === ue && p > 0) [us, ue] = word.parts[p - 1]!;
    const strip = (a: number, b: number): [number, number] => (text[a] === '{' && text[b - 1] === '}' ? [a + 1, b - 1] : [a, b]);
    [ps, pe] = strip(ps, pe);
    const pass = text.slice(ps, pe);
    const user = text.slice(us, ue);
    // Shell and template references (`$PASS`, `${p}`, `$(cat f)`, `<password>`, `[PASSWORD]`) are not values.
    if (pass.length < 6 || /^\$|\$[{(]|[<>[\]{}`]/.test(pass) || isPlaceholder(pass) || isReference(pass)) return null;
    const u = strip(us, ue);
    if (/^\$|\$[{(]|[<>{}`]/.test(text.slice(u[0], u[1]))) return null;
    if (/^(?:pass|password|token|secret|pwd)$/i.test(pass)) return null;
    return { start: ps, end: pe };
  }
  return null;
}

export const structuralRules: PatternRule[] = [
  rule({
    id: 'secret/jwt',
    title: 'JSON Web Token',
    severity: 'warning',
    hint: 'A JWT grants access until it expires: remove it and revoke the session or signing key if it is long-lived.',
    anchors: ['eyJ'],
    pattern: /(?<![A-Za-z0-9_-])(?<v>eyJ[A-Za-z0-9_-]{10,4000}={0,2}\.eyJ[A-Za-z0-9_-]{10,16000}={0,2}(?:\.[A-Za-z0-9_\-+/]{10,4000}={0,2})?)(?![A-Za-z0-9_-])/,
    validate: jwtConfidence,
  }),
  rule({
    id: 'secret/private-key',
    title: 'private key',
    hint: 'Remove the key, store it in a secret store or key vault, and replace it: private keys in files are compromised.',
    anchors: ['-----BEGIN '],
    scan: scanPem,
    keepPlaceholders: true,
  }),
  rule({
    id: 'secret/url-credentials',
    title: 'password in a URL',
    hint: 'Drop the password from the URL; pass it separately from the environment or a secret store, then change it.',
    envVar: 'DATABASE_URL',
    anchors: ['://'],
    pattern: /(?<=[A-Za-z][A-Za-z0-9+.-]{1,24}):\/\/(?<user>[^:@/\s'"<>{}()[\]`]{0,128}):(?<v>[^@/\s'"<>`]{1,256})@(?=[A-Za-z0-9_[\]-])/,
    validate: (v, m) => {
      // The URL form of a weak default (a user name as its own password, a vendor's default), judged
      // as the env and YAML forms are (weak-defaults.ts sets its confidence by where the file is).
      if (isWeakPassword(v, m.groups?.user)) return CONFIDENCE.credentialValue;
      // Samples: the user name repeated, a port number, a short or one-character password.
      if (/^\d{1,5}$/.test(v) || /^[$%{]/.test(v) || v.length < 4 || new Set(v).size < 3) return null;
      if (v === m.groups?.user) return null;
      return 0.9;
    },
    variant: (v, m) => (isWeakPassword(v, m.groups?.user) ? WEAK_DEFAULT_VARIANT : undefined),
  }),
  rule({
    id: 'secret/authorization-header',
    title: 'bearer token',
    anchors: ['bearer '],
    anchorsIgnoreCase: true,
    pattern: /(?<![A-Za-z0-9_-])bearer[ \t]+(?<v>[A-Za-z0-9._~+/-]{16,4096}=*)(?![A-Za-z0-9._~+/=-])/i,
    validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^[a-z]+(?:[._-][a-z]+)*$/.test(v) ? 0.85 : null),
  }),
  rule({
    id: 'secret/authorization-header',
    title: 'token in an Authorization header',
    anchors: ['authorization'],
    anchorsIgnoreCase: true,
    pattern: /authorization["']?\s*[:=]\s*["']?(?:token|api-token|apikey|api-key|key|sso-key|bot|otp)[ \t]+(?<v>[A-Za-z0-9._~+/=-]{16,1024})(?![A-Za-z0-9._~+/=-])/i,
    validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) ? 0.85 : null),
  }),
  rule({
    id: 'secret/authorization-header',
    title: 'basic-auth credentials in a header',
    anchors: ['authorization'],
    anchorsIgnoreCase: true,
    pattern: /authorization["']?\s*[:=]\s*["']?basic[ \t]+(?<v>[A-Za-z0-9+/]{4,1024}={0,2})(?![A-Za-z0-9+/=])/i,
    validate: (v) => {
      const decoded = Buffer.from(v, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      // `user:pass`, `admin:changeme`: a placeholder password encoded is still a placeholder.
      // (An empty password is still reported: the user name alone may be the credential.)
      return colon >= 0 && decoded.length >= 4 && (colon === decoded.length - 1 || !isPlaceholder(decoded.slice(colon + 1))) ? 0.9 : null;
    },
  }),
  rule({
    id: 'secret/curl-credentials',
    title: 'password on a curl command line',
    hint: 'Use `curl --netrc-file` or read the password from the environment; then change the password.',
    // Anchored on the flag itself (not the space before it: spaces are the most frequent character).
    anchors: ['-u', '--user'],
    scan: (text, at) => (at > 0 && /\s/.test(text[at - 1]!) ? scanCurlUser(text, at) : null),
  }),
];
