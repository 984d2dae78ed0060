import { rule } from '../rule';
import { exampleSignatureConfidence } from './example-signature';
import { OWN_PATTERN, type RuleSamples } from '../samples';

export const authorizationToken = rule({
  id: 'secret/authorization-header',
  title: 'token in an Authorization header',
  anchors: ['authorization'],
  anchorsIgnoreCase: true,
  pattern: /authorization["']?\s*[:=]\s*["']?(?:token|api-token|apikey|api-key|key|sso-key|bot|otp)[ \t]+(?<v>[A-Za-z0-9._~+/=-]{16,1024})(?![A-Za-z0-9._~+/=-])/i,
  validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) ? exampleSignatureConfidence(v, 0.85) : null),
});

export const samples: RuleSamples = {
  true: [OWN_PATTERN],
  false: [
    "if (token.startsWith('authorization')) {",
    "authorization':\"xxxxx\txxxxxxxxxxxxxxxxxxxxxxxxxxx_xxx-xxxxxxxxx+xxxxxxx.x",
    'authorizationZq7Lm2Pw',
    // A JWT whose signature an HS256 header never has (43 characters): typed by hand (jwt-signature.ts).
    { text: `Authorization: token ${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJzdmMiLCJpYXQiOjE3MDAwMDAwMDB9', 'abcdef123456789'].join('.')}`, path: 'config.txt', belowDefault: true },
    // jwt.io's example signature under another payload: assembled from the docs.
    // (Assembled from its segments, so this module holds no whole token for a scanner or the filters to read.)
    { text: `Authorization: token ${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJzZXJ2aWNlLWFjY291bnQiLCJpYXQiOjE3MDAwMDAwMDB9', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')}`, path: 'config.txt', belowDefault: true },
  ],
};
