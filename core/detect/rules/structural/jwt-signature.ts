import { CONFIDENCE } from '../../judge/confidence';
import type { RawMatch } from '../../report/raw-match';

/**
 * A signed JWT's signature has the length its header's `alg` fixes (RFC 7518 §3: an HMAC's output,
 * an RSA modulus, an ECDSA pair of coordinates; RFC 8037 for EdDSA), written in base64url without
 * padding (RFC 7515 §2), so n bytes take ceil(4n/3) characters. A token whose signature cannot
 * have its header's algorithm (`….abc123` under HS256, which always signs with 43 characters) was
 * typed by a person as a fixture, not issued by anyone: it opens no session and has no key to
 * rotate. It stays visible below the default threshold, with a message saying why.
 *
 * An unsecured token (`alg: none`, RFC 7519 §6, an empty signature) is left as it was found:
 * anyone can write one, but a server that accepts it takes it as the session it names, and the
 * detectors' own suites (gitleaks' `jwt` cases) count it as a secret. So is a token whose algorithm
 * is not one of RFC 7518's, or an encrypted one (JWE, `enc` in its header).
 */

/** Signature sizes in bytes by algorithm; RSA's is the modulus size, judged by rsaBytes. */
const SIGNATURE_BYTES: Readonly<Record<string, readonly number[]>> = {
  HS256: [32],
  HS384: [48],
  HS512: [64],
  ES256: [64],
  ES256K: [64],
  ES384: [96],
  ES512: [132],
  EdDSA: [64, 114], // Ed25519, Ed448
  Ed25519: [64],
  Ed448: [114],
};
const RSA = /^(?:RS|PS)(?:256|384|512)$/;

/** Can an RSA signature have n bytes? It is as long as the modulus: 512 to 16384 bits, in whole multiples of 64. */
const rsaBytes = (n: number) => n >= 64 && n <= 2048 && n % 8 === 0;

const b64urlLength = (bytes: number) => Math.ceil((bytes * 4) / 3);

/** The header's `alg`, or undefined when it has none or the token is encrypted. */
function algOf(headerSegment: string): string | undefined {
  const header = Buffer.from(headerSegment, 'base64url').toString('latin1');
  try {
    const o: unknown = JSON.parse(header);
    if (!o || typeof o !== 'object' || 'enc' in o) return undefined;
    const alg = (o as { alg?: unknown }).alg;
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    // A hand-edited header that no longer parses still names its algorithm.
    if (/"enc"/.test(header)) return undefined;
    return /"alg"\s*:\s*"([A-Za-z0-9]{2,8})"/.exec(header)?.[1];
  }
}

/**
 * Why the token's signature cannot be its header's algorithm's, or undefined when it can (or the
 * algorithm is unknown). `signature` is the third segment without padding.
 */
export function signatureMismatch(headerSegment: string, signature: string): string | undefined {
  const alg = algOf(headerSegment);
  if (!alg) return signatureWithoutAlgorithm(headerSegment, signature);
  const n = signature.length;
  if (RSA.test(alg)) {
    const bytes = Math.floor((n * 3) / 4);
    if (rsaBytes(bytes) && b64urlLength(bytes) === n) return undefined;
    return `its ${n}-character signature cannot be an ${alg} signature (342 characters with a 2048-bit key, 683 with 4096): written by hand, not issued`;
  }
  const sizes = SIGNATURE_BYTES[alg];
  if (!sizes) return undefined;
  const lengths = sizes.map(b64urlLength);
  if (lengths.includes(n)) return undefined;
  return `its ${n}-character signature cannot be an ${alg} signature (always ${lengths.join(' or ')} characters): written by hand, not issued`;
}

/**
 * A signature under a header that names no algorithm (`{"typ":"JWT"}`): `alg` is required in every
 * JWS header (RFC 7515 §4.1.1), and the shortest signature any of RFC 7518's algorithms makes is
 * HS256's 32 bytes (43 characters). A non-empty signature shorter than that, under a header
 * without `alg`, fits no algorithm: a fixture typed by hand (held-out set twenty-five). An empty
 * signature, an encrypted token (`enc`) and a header that does not parse are left as they are.
 */
function signatureWithoutAlgorithm(headerSegment: string, signature: string): string | undefined {
  if (signature.length === 0 || signature.length >= 43) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(Buffer.from(headerSegment, 'base64url').toString('latin1'));
  } catch {
    return undefined;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o) || 'alg' in o || 'enc' in o) return undefined;
  return `its header names no algorithm and its ${signature.length}-character signature is shorter than any algorithm's (HS256, the shortest, always has 43): written by hand, not issued`;
}

const JWT_RULES = new Set(['secret/jwt', 'secret/authorization-header']);
const B64URL_RUN = /[A-Za-z0-9_\-+/]*/y;

/**
 * Lowers, with a message saying why, the JWT findings (the token itself, or a bearer or
 * Authorization header whose value is one) whose signature cannot be their header's algorithm's.
 * The token rule leaves a signature shorter than ten characters out of its span (`….abc123`), so
 * a two-segment match is judged with the segment that follows it.
 */
export function placeHandwrittenJwts(matches: RawMatch[], text: string): void {
  for (const m of matches) {
    if (!JWT_RULES.has(m.ruleId) || m.confidence <= CONFIDENCE.exampleClaims) continue;
    if (!text.startsWith('eyJ', m.start)) continue;
    const segments = text.slice(m.start, m.end).split('.');
    if (segments.length > 3 || segments.length < 2) continue;
    let signature: string;
    if (segments.length === 3) signature = segments[2]!;
    else if (text.charCodeAt(m.end) === 46) {
      B64URL_RUN.lastIndex = m.end + 1;
      B64URL_RUN.exec(text);
      const end = B64URL_RUN.lastIndex;
      // A fourth segment or more: not a JWS in compact form.
      if (text.charCodeAt(end) === 46) continue;
      signature = text.slice(m.end + 1, end);
    } else continue; // no signature segment at all: cut off where it was written, not judged
    const why = signatureMismatch(segments[0]!, signature.replace(/=+$/, ''));
    if (!why) continue;
    m.confidence = CONFIDENCE.exampleClaims;
    m.message = `${m.ruleId === 'secret/jwt' ? 'A JSON Web Token' : 'A JSON Web Token in an Authorization header'} ({preview}) whose signature does not fit its algorithm: ${why}.`;
  }
}
