import { createHmac } from 'node:crypto';
import { CONFIDENCE } from '../../judge/confidence';
import { isPublishedExample } from '../../judge/public-examples';

/**
 * The secret jwt.io's debugger shows beside its example token; the example's signature is its
 * HMAC-SHA256 over the example's header and payload.
 */
const DEBUGGER_SECRET = 'your-256-bit-secret';

/**
 * A JWT whose signature segment was copied from documentation (jwt.io's example, see
 * judge/public-examples.ts) under another header or payload: an HMAC signature holds only for the
 * header and payload it was made over, so no key verifies this token; it is a fixture assembled
 * from the docs, not a session. The example token itself (its own header and payload, signed with
 * the published secret) is left to the claims judgement (judge/jwt-claims.ts: lowered in tests and
 * docs by its example subject).
 */
export function hasCopiedExampleSignature(token: string): boolean {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return false;
  const signature = token.slice(dot + 1).replace(/=+$/, '');
  if (!isPublishedExample(signature)) return false;
  const signed = token.slice(0, dot);
  return createHmac('sha256', DEBUGGER_SECRET).update(signed).digest('base64url') !== signature;
}

/** The confidence of a token found by its shape, lowered when its signature was copied from documentation. */
export function exampleSignatureConfidence(token: string, confidence: number): number {
  return hasCopiedExampleSignature(token) ? Math.min(confidence, CONFIDENCE.exampleClaims) : confidence;
}
