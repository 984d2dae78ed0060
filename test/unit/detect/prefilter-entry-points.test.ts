import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { GENERIC_KEYWORDS } from '../../../core/detect/judge/generic';
import { anchorOffsets, buildPrefilter, keepHitLogs, type Anchor } from '../../../core/detect/input/prefilter';
import { ALL_RULES } from '../../../core/detect/rules/all';

// The two entry points the filter reads instead of a pass of its own: `any` (is there a hit at all,
// stopping at the first) and anchorOffsets (where some literals start, from a prefilter's last
// complete scan of the same text). Each is held to what a full scan or a plain search reports.
const anchors: Anchor<string>[] = [
  ...ALL_RULES.flatMap((r) => r.anchors.map((literal) => ({ literal, ignoreCase: !!r.anchorsIgnoreCase, item: r.id }))),
  ...GENERIC_KEYWORDS.map((literal) => ({ literal, ignoreCase: true, item: 'generic' })),
];
const wasm = buildPrefilter(anchors, { engine: 'wasm' });
const js = buildPrefilter(anchors, { engine: 'js' });
/** Case-sensitive anchors of four or more characters: what the glue scan asks about. */
const asked = [...new Set(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors)).filter((a) => a.length >= 4))];

const scanHits = (text: string) => {
  let n = 0;
  js.scan(text, () => void n++);
  return n;
};

/** Every offset where one of `literals` starts, by plain search. */
function searched(text: string, literals: readonly string[]): number[] {
  const at = new Set<number>();
  for (const l of literals) for (let i = text.indexOf(l); i >= 0; i = text.indexOf(l, i + 1)) at.add(i);
  return [...at].sort((a, b) => a - b);
}

// Pieces of anchors and their case variants, and characters whose low byte is an anchor letter.
const piece = fc.oneof(
  fc.constantFrom(...anchors.map((a) => a.literal)),
  fc.constantFrom(...asked),
  fc.constantFrom(...anchors.map((a) => a.literal.toUpperCase())),
  fc.constantFrom('\u016b', '\u0165', '\u0173', '\u016bey', 'k\u0165y', '😀', 'é', '\0', '|', ' ', '\n', '"', '=', 'x', '_'),
  fc.string({ maxLength: 6 }),
);
const texts = fc.oneof(fc.array(piece, { maxLength: 120 }).map((a) => a.join('')), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

describe('prefilter entry points: any hit, and anchor offsets from the last scan', () => {
  // Scans keep their hits only once a reader has said it will read them (the filter's glue scan does).
  before(() => keepHitLogs());

  it('`any` is true exactly when a full scan has a hit (WebAssembly and JavaScript, non-ASCII included)', () => {
    let some = 0;
    let none = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const expected = scanHits(text) > 0;
        if (expected) some++;
        else none++;
        assert.equal(wasm.any(text), expected, JSON.stringify(text));
        assert.equal(js.any(text), expected, JSON.stringify(text));
      }),
      { numRuns: 1500 },
    );
    assert.ok(some > 100 && none > 100, `${some} texts with a hit, ${none} without`);
  });

  it('`any` past the first output batch and on a text that only looks like an anchor byte-wise', () => {
    const long = `${'x'.repeat(200_000)} token`;
    assert.equal(wasm.any(long), true);
    assert.equal(wasm.any('x'.repeat(200_000)), false);
    // U+016B's low byte is `k`: `\u016bey` is `key` to the module, not to the text.
    assert.equal(wasm.any('\u016bey \u016bey \u016bey'), false);
    assert.equal(wasm.any('\u016bey \u016bey key'), true);
  });

  it('anchorOffsets after a scan of the same text: every offset a plain search finds, in order', () => {
    fc.assert(
      fc.property(texts, (text) => {
        wasm.scan(text, () => true);
        assert.deepEqual(anchorOffsets(text, asked), searched(text, asked), JSON.stringify(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('anchorOffsets is undefined when the last scan was of another text, stopped early, or when no anchor covers a literal', () => {
    const text = `one AKIA two ghp_ three ${'é'.repeat(3)} sk-ant-api`;
    wasm.scan(text, () => true);
    assert.deepEqual(anchorOffsets(text, asked), searched(text, asked));
    assert.equal(searched(text, asked).length, 3);
    assert.equal(anchorOffsets(text, ['no-such-anchor-literal']), undefined);
    wasm.scan('another text', () => true);
    js.scan(text, () => true);
    assert.equal(anchorOffsets(text, asked), undefined, 'the JavaScript loop keeps no log; the WebAssembly one scanned another text last');
    wasm.scan(text, () => false);
    assert.equal(anchorOffsets(text, asked), undefined, 'a scan its caller stopped is not complete');
    wasm.any(text);
    assert.equal(anchorOffsets(text, asked), undefined, '`any` keeps no log');
  });
});
