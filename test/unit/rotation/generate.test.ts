import assert from 'node:assert/strict';
import { ALPHABETS, generateSecret } from '../../../core/rotation/providers/generate';

describe('generate provider', () => {
  it('honours length, alphabet, prefix and encodings', () => {
    assert.match(generateSecret({ length: 40, alphabet: 'alphanumeric', prefix: 'rg_' }), /^rg_[A-Za-z0-9]{40}$/);
    assert.match(generateSecret({ length: 16, alphabet: 'hex' }), /^[0-9a-f]{16}$/);
    assert.equal(Buffer.from(generateSecret({ length: 32, encoding: 'base64url' }), 'base64url').length, 32);
    assert.match(generateSecret({ length: 64, alphabet: 'printable' }), /^[!-~]{64}$/);
    assert.ok(!/["'\\`]/.test(ALPHABETS.printable), 'printable leaves out characters that break quoting');
    assert.throws(() => generateSecret({ length: 8 }), RangeError);
  });

  it('draws characters without modulo bias (chi-square over 62 symbols)', () => {
    // 62 does not divide 256: a `byte % 62` generator over-weights the first 8 symbols by ~25%,
    // which this test detects; randomInt's rejection sampling passes.
    const alphabet = ALPHABETS.alphanumeric;
    const counts = new Map<string, number>();
    let n = 0;
    for (let i = 0; i < 500; i++) {
      for (const c of generateSecret({ length: 200, alphabet: 'alphanumeric' })) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
        n++;
      }
    }
    const expected = n / alphabet.length;
    let chi = 0;
    for (const c of alphabet) chi += ((counts.get(c) ?? 0) - expected) ** 2 / expected;
    // 61 degrees of freedom: p = 0.0001 at about 112; a modulo-biased generator scores in the thousands.
    assert.ok(chi < 112, `chi-square ${chi.toFixed(1)}`);
    const firstEight = [...alphabet.slice(0, 8)].reduce((s, c) => s + (counts.get(c) ?? 0), 0) / 8;
    assert.ok(Math.abs(firstEight / expected - 1) < 0.05, 'the first symbols are not over-represented');
  });
});
