import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isTypedPattern, patternedShare } from '../../../core/detect/judge/entropy';

// A typed pattern lowers a provider-format match in docs and tests below the threshold
// (weak-defaults.ts placeShapeMatches): it must hold for the fakes people type and never for a draw.
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const drawn = (alphabet: string, min: number, max: number) => fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(''));

describe('typed patterns (entropy.ts isTypedPattern)', () => {
  it('counting, alphabet and interleaved runs typed as fake keys are patterns, with a name or scheme before them', () => {
    for (const v of [
      'AIza' + '0123456789' + 'abcdefghijklmnopqrstuv' + '-_X',
      'xoxb-12345678-1234567890123-123456789012-' + 'abc123def456ghi789jkl',
      'AWS_SECRET_ACCESS_KEY=' + 'A1B2C3D4E5F6G7H8I9J0' + 'K1L2M3N4O5P6Q7R8S9T0',
      'a1b2c3d4e5f6' + 'a7b8c9d0e1f2a3b4c5d6',
      '00112233445566778899' + 'aabbccddeeff',
      'github_pat_' + 'ABCDEFGHIJKLMNOPQRSTUV' + '_ABCDEFGHIJ',
    ]) assert.ok(isTypedPattern(v), v);
  });

  it('drawn values are not: base62 and base64url of 16 to 64 characters, hex of 24 to 64 (fast-check)', () => {
    fc.assert(fc.property(drawn(B62, 16, 64), (v) => !isTypedPattern(v)), { numRuns: 5000 });
    fc.assert(fc.property(drawn(B62 + '-_', 20, 64), (v) => !isTypedPattern(v)), { numRuns: 5000 });
    fc.assert(fc.property(drawn('0123456789abcdef', 24, 64), (v) => !isTypedPattern(v)), { numRuns: 5000 });
  });

  it('a number is not a pattern however it counts (a snowflake id, a timestamp), and short bodies are not judged', () => {
    assert.equal(isTypedPattern('12345678901234567890'), false);
    assert.equal(isTypedPattern('token=abcdefghijklm'), false);
    assert.ok(patternedShare('abcdefghijklm') > 0.9);
  });
});
