import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { GENERIC_KEYWORDS } from '../../../core/detect/judge/generic';
import { buildPrefilter, type Anchor } from '../../../core/detect/input/prefilter';
import { ALL_RULES } from '../../../core/detect/rules/all';

// The WebAssembly loop must report exactly what the JavaScript reference reports: the same
// offsets, in the same order, with the same items, on any text (non-ASCII included, where the
// module sees only the low byte of each UTF-16 unit and JavaScript re-checks).
const anchors: Anchor<string>[] = [
  ...ALL_RULES.flatMap((r) => r.anchors.map((literal) => ({ literal, ignoreCase: !!r.anchorsIgnoreCase, item: r.id }))),
  ...GENERIC_KEYWORDS.map((literal) => ({ literal, ignoreCase: true, item: 'generic' })),
];
const wasm = buildPrefilter(anchors, { engine: 'wasm' });
const js = buildPrefilter(anchors, { engine: 'js' });

function hits(pf: typeof js, text: string): string[] {
  const out: string[] = [];
  pf.scan(text, (at, items) => {
    out.push(`${at}:${items.join(',')}`);
  });
  return out;
}

// Pieces of anchors, their case variants, and characters whose low byte is an anchor letter
// (U+016B has low byte 0x6B, 'k'; U+0173 'sU'…) to trip a byte-level comparison.
const piece = fc.oneof(
  fc.constantFrom(...anchors.map((a) => a.literal)),
  fc.constantFrom(...anchors.map((a) => a.literal.toUpperCase())),
  fc.constantFrom('\u016b', '\u0165', '\u0179', '\u0173', '\u016bey', 'k\u0165y', '\u2028', '😀', 'é', '\0', '|', ' ', '\n', '"', '='),
  fc.string({ maxLength: 6 }),
);
const texts = fc.oneof(fc.array(piece, { maxLength: 120 }).map((a) => a.join('')), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

describe('prefilter: WebAssembly loop against the JavaScript reference', () => {
  it('reports the same hits on random and adversarial text (fast-check)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        assert.deepEqual(hits(wasm, text), hits(js, text));
      }),
      { numRuns: 1500 },
    );
  });

  it('a hit at the very end and a text of one or zero characters', () => {
    for (const text of ['', '|', 'k', 'key', 'x key', 'AKIA', 'sk-']) assert.deepEqual(hits(wasm, text), hits(js, text), JSON.stringify(text));
  });

  it('more hits than the output area holds in one call (resumes where it stopped)', () => {
    const text = 'key=1 '.repeat(50_000) + 'token';
    const w = hits(wasm, text);
    assert.equal(w.length, 50_001);
    assert.deepEqual(w, hits(js, text));
  });

  it('a text larger than the module memory it started with (grows it)', () => {
    const text = `${'x'.repeat(3 * 1024 * 1024)} password ${'é'.repeat(1000)} AKIA`;
    assert.deepEqual(hits(wasm, text), hits(js, text));
    assert.deepEqual(hits(wasm, 'short key'), hits(js, 'short key')); // and still works afterwards
  });

  it('stops when the callback says so', () => {
    let n = 0;
    wasm.scan('key key key key', () => ++n < 2);
    assert.equal(n, 2);
  });
});
