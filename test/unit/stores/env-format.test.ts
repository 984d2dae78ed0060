import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EnvValueNotRepresentableError, quoteEnvValue, readEnvValue, removeEnvValue, writeEnvValue } from '../../../core/stores/env-format';

const name = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/);
// Any single-line value, including quotes, #, $, backslashes, spaces and non-ASCII.
const value = fc.string({ unit: fc.oneof(fc.constantFrom("'", '"', '`', '#', '$', '\\', ' ', '=', '\t'), fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.constantFrom('é', '→', '🔑')), maxLength: 40 }).filter((s) => !/[\r\n\0]/.test(s));
const otherLine = fc.oneof(
  fc.constant('# a comment'),
  fc.constant(''),
  fc.constant('export OTHER=1'),
  fc.constant("QUOTED='a # not a comment'"),
  fc.constant('SPACED = "x y" # trailing'),
);

function tryWrite(text: string, n: string, v: string): string | undefined {
  try {
    return writeEnvValue(text, n, v);
  } catch (err) {
    if (err instanceof EnvValueNotRepresentableError) return undefined;
    throw err;
  }
}

describe('env-file format (property tests)', () => {
  it('round-trips every representable value, and leaves every other line byte for byte', () => {
    fc.assert(
      fc.property(name, value, fc.array(otherLine, { maxLength: 6 }), fc.boolean(), (n, v, others, present) => {
        const lines = present ? [...others, `${n}=placeholder # keep me`] : others;
        const text = lines.join('\n') + (lines.length ? '\n' : '');
        const out = tryWrite(text, n, v);
        if (out === undefined) return; // refused loudly, never written wrongly
        assert.equal(readEnvValue(out, n), v);
        const outLines = out.split('\n');
        for (let i = 0; i < others.length; i++) assert.equal(outLines[i], others[i]);
        if (present) assert.match(outLines[others.length]!, /# keep me$/);
      }),
      { numRuns: 500 },
    );
  });

  it('only refuses values no env-file reader agrees on', () => {
    fc.assert(
      fc.property(value, (v) => {
        try {
          quoteEnvValue(v);
        } catch {
          assert.ok(v.includes("'") && /["\\$`]/.test(v), `refused ${JSON.stringify(v)}`);
        }
      }),
      { numRuns: 500 },
    );
    assert.throws(() => quoteEnvValue('a\nb'), EnvValueNotRepresentableError);
  });

  it('quotes the way dotenv and sh read it', () => {
    assert.equal(quoteEnvValue('sk-abc_123'), 'sk-abc_123');
    assert.equal(quoteEnvValue('has space'), "'has space'");
    assert.equal(quoteEnvValue('a$b'), "'a$b'");
    assert.equal(quoteEnvValue("it's"), '"it\'s"');
    assert.equal(quoteEnvValue(''), "''");
  });

  it('keeps CRLF files CRLF and removes only the named variable', () => {
    const text = 'A=1\r\nB=2\r\n';
    assert.equal(writeEnvValue(text, 'B', 'x y'), "A=1\r\nB='x y'\r\n");
    assert.equal(removeEnvValue(text, 'A'), 'B=2\r\n');
    assert.equal(removeEnvValue(text, 'C'), null);
  });
});
