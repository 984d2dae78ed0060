import { rule } from '../rule';
import { exampleSignatureConfidence } from './example-signature';
import { encodesText } from '../../judge/values';
import type { RuleSamples } from '../samples';

export const bearerToken = rule({
  id: 'secret/authorization-header',
  title: 'bearer token',
  anchors: ['bearer '],
  anchorsIgnoreCase: true,
  pattern: /(?<![A-Za-z0-9_-])bearer[ \t]+(?<v>[A-Za-z0-9._~+/-]{16,4096}=*)(?![A-Za-z0-9._~+/=-])/i,
  // (A token that is base64 of text, `DMS_` and the base64 of "access_token", is typed: values.ts encodesText.)
  validate: (v) => (/[0-9]/.test(v) && /[A-Za-z]/.test(v) && !/^[a-z]+(?:[._-][a-z]+)*$/.test(v) && !encodesText(v) ? exampleSignatureConfidence(v, 0.85) : null),
});

export const samples: RuleSamples = {
  true: [
    { in: 'Authorization: Bearer {value}', shape: '[A-Za-z0-9]{32}' },
    { in: 'Authorization: Bearer {value}', shape: 'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9\\.eyJ[A-Za-z0-9_-]{40}\\.[A-Za-z0-9_-]{86}' },
  ],
  false: [
    'Authorization: Bearer <token>',
    'Authorization: Bearer ${TOKEN}',
    'bearer authentication-required',
    // A JWT whose signature an HS256 header never has (43 characters): typed by hand (jwt-signature.ts).
    { text: `headers = {"Authorization": "Bearer ${['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJzdmMiLCJpYXQiOjE3MDAwMDAwMDB9', 'abcdef123456'].join('.')}"}`, path: 'tests/test_api.py', belowDefault: true },
    // An RS256 header over jwt.io's HS256 example signature: assembled from the docs.
    // (Assembled from its segments, so this module holds no whole token for a scanner or the filters to read.)
    { text: `'Bearer ${['eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.')}',`, path: 'config.txt', belowDefault: true },
  ],
};
