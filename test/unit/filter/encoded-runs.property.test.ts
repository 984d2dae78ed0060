import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { encodedRuns } from '../../../core/filter/encoded';

/**
 * encodedRuns skips runs whose first bytes already rule the decode out (a control byte too many
 * among the first twelve) and jumps over text shorter than a run. Both are shortcuts: here the
 * runs it returns are held to the rule written out plainly — every maximal run of base64
 * characters of 24 or more (with up to two `=`), hex when it is all hex digits, decoded whole, kept
 * when the bytes are UTF-8 text with at most one control byte in 50 and at least 12 bytes.
 */
function reference(text: string): Array<{ start: number; end: number; decoded: string; encoding: 'base64' | 'hex' }> {
  const out: Array<{ start: number; end: number; decoded: string; encoding: 'base64' | 'hex' }> = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]+/g)) {
    const start = m.index!;
    const stop = start + m[0].length;
    if (stop - start < 24) continue;
    let end = stop;
    while (end < text.length && end - stop < 2 && text[end] === '=') end++;
    const run = text.slice(start, end);
    const hex = end === stop && run.length >= 32 && run.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(run);
    const body = run.replace(/=+$/, '');
    const bytes = hex ? Buffer.from(run, 'hex') : body.length % 4 === 1 ? null : Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (!bytes || bytes.length < 12) continue;
    const controls = [...bytes].filter((b) => (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) || b === 0x7f).length;
    const decoded = bytes.toString('utf8');
    if (controls > bytes.length / 50 || decoded.includes('\ufffd')) continue;
    out.push({ start, end, decoded, encoding: hex ? 'hex' : 'base64' });
  }
  return out;
}

const printableText = fc.stringMatching(/^[ -~\n]{9,120}$/);
const piece = fc.oneof(
  // Text encoded, sometimes with a control byte in it (allowed once in 50 bytes, not more).
  fc.tuple(printableText, fc.nat({ max: 3 }), fc.nat({ max: 20 })).map(([t, controls, at]) => {
    let s = t;
    for (let k = 0; k < controls; k++) s = s.slice(0, (at + k * 7) % (s.length + 1)) + '\u0001' + s.slice((at + k * 7) % (s.length + 1));
    return Buffer.from(s).toString('base64');
  }),
  printableText.map((t) => Buffer.from(t).toString('base64url')),
  printableText.map((t) => Buffer.from(t).toString('hex')),
  fc.uint8Array({ minLength: 12, maxLength: 60 }).map((b) => Buffer.from(b).toString('base64')),
  fc.stringMatching(/^[A-Za-z0-9_/-]{10,50}$/),
  fc.constantFrom(' ', '\n', '=', '==', '.', '"', 'é', 'bench/filters/proxy-upstream', 'a_long_identifier_name_here_ok'),
);
const text = fc.array(fc.tuple(piece, fc.constantFrom('', ' ', ' ', '\n')), { minLength: 1, maxLength: 12 }).map((ps) => ps.map(([p, sep]) => p + sep).join(''));

describe('filter engine: base64 and hex runs', () => {
  it('encodedRuns returns exactly the runs the plain rule decodes, on random encoded text, noise and words (fast-check)', () => {
    let found = 0;
    let dropped = 0;
    fc.assert(
      fc.property(text, (t) => {
        const expected = reference(t);
        assert.deepEqual(encodedRuns(t), expected, JSON.stringify(t));
        found += expected.length;
        dropped += [...t.matchAll(/[A-Za-z0-9+/_-]{24,}/g)].length - expected.length;
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: many runs decoded, and many long runs rejected.
    assert.ok(found > 300 && dropped > 1000, `${found} runs decoded, ${dropped} long runs rejected`);
  });
});
