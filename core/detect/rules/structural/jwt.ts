import { jwtPublicConfidence } from '../../judge/jwt-claims';
import { rule } from '../rule';
import { exampleSignatureConfidence } from './example-signature';
import type { RuleSamples } from '../samples';

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
    return exampleSignatureConfidence(v, jwtPublicConfidence(p) ?? 0.95);
  } catch {
    // A damaged but complete header (test tokens are often hand-edited) still names its algorithm.
    return h.endsWith('}') && /"(?:alg|typ|kid)"/.test(h) ? exampleSignatureConfidence(v, 0.75) : null;
  }
}

export const jwt = rule({
  id: 'secret/jwt',
  title: 'JSON Web Token',
  severity: 'warning',
  hint: 'A JWT grants access until it expires: remove it and revoke the session or signing key if it is long-lived.',
  anchors: ['eyJ'],
  pattern: /(?<![A-Za-z0-9_-])(?<v>eyJ[A-Za-z0-9_-]{10,4000}={0,2}\.eyJ[A-Za-z0-9_-]{10,16000}={0,2}(?:\.[A-Za-z0-9_\-+/]{10,4000}={0,2})?)(?![A-Za-z0-9_-])/,
  validate: jwtConfidence,
});

export const samples: RuleSamples = {
  true: [
    { in: 'token = "{value}"', shape: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\\.eyJ[A-Za-z0-9_-]{40}\\.[A-Za-z0-9_-]{43}' },
    // RS256 under a 2048-bit key: a 342-character signature (jwt-signature.ts).
    { in: 'token = "{value}"', shape: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9\\.eyJ[A-Za-z0-9_-]{40}\\.[A-Za-z0-9_-]{342}', path: 'test/auth.test.ts' },
  ],
  false: [
    "if (token.startsWith('eyJ')) {",
    'eyJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'eyJZq7Lm2Pw',
    // jwt.io's example signature under another header and payload: pasted from the docs, verifies under no key.
    // (Assembled from its segments, so this module holds no whole token for a scanner or the filters to read.)
    // Signatures an HS256 or ES256 header never has (43 and 86 characters): typed by hand (jwt-signature.ts).
    { text: `const jwt = "${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJzdmMiLCJpYXQiOjE3MDAwMDAwMDB9', 'abc123'].join('.')}";`, path: 'test/auth.test.ts', belowDefault: true },
    { text: `const jwt = "${['eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJzdmMiLCJpYXQiOjE3MDAwMDAwMDB9', 'SflKxwRJSMeKKF2QT'].join('.')}";`, path: 'src/session.ts', belowDefault: true },
    { text: `token = "${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsInNpZ25fdHlwZSI6IlNJR04ifQ', 'eyJhcGlfa2V5IjoiYWJjIiwiZXhwIjoxNzAwMDAwMDAwfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')}"`, path: 'config.txt', belowDefault: true },
  ],
};
