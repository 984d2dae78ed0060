import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ALL_RULES, anchorOffsets, GENERIC_KEYWORDS, keepHitLogs, rawMatches } from '../../../core/detect/index';
import { anchorFree, detectionLiterals } from '../../../core/filter/anchor-free';
import { findSecrets, sniffPath } from '../../../core/filter/engine';
import { glueAnchors, glueScanner } from '../../../core/filter/view';
import { glueReference } from '../../helpers/glue-reference';
import { fake } from '../../helpers/fake-keys';

/**
 * findSecrets skips detection on the text as written, and the glue scan, for a text of any
 * length that holds no detection literal (core/filter/anchor-free.ts). These properties hold that
 * skip to what the two passes would have found: nothing, on random texts built from the anchors'
 * own pieces, on long texts of them (up to 400 pieces) and on ordinary lines and 60-line windows;
 * and keys hidden from the literals (escaped, encoded, wrapped) are still found through the passes
 * that do run. The glue scan itself reads the offsets of detection's pass over the same text
 * (anchorOffsets); it is held here to a plain alternation over the text, the way it was written first.
 */

const root = join(__dirname, '..', '..', '..', '..');
const lines = ['docs/filters.md', 'docs/architecture.md', 'CONTRIBUTING.md', 'core/filter/view.ts', 'core/filter/stream.ts', 'core/filter/proxy/server.ts']
  .flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n'))
  .filter((l) => l.length > 0);
const glued = glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors)));
const glue = glueScanner(glued);
/** The glue scan written with regexes (test/helpers/glue-reference.ts). */
const glueByRegex = glueReference(glued);
const literals = detectionLiterals().map((a) => a.literal);
const PATHS = ['stdin.txt', 'snippet.ts', 'notes.md', 'config.yaml', 'trace.jsonl'];

const flipCase = (s: string, mask: number) => [...s].map((c, i) => ((mask >> i % 30) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');

/**
 * Pieces a random text is made of: pieces of anchors (a literal cut short or in another case,
 * which the prefilter must or must not report), blanks and separators detection reads as
 * boundaries, words and values of assignment shape, escapes, and whole ordinary lines.
 */
const separator = fc.constantFrom(' ', '\n', '\t', '=', ': ', '"', "'", '://', '@', '-', '_', '/', '.', '%', '\\', '\\u00', 'x', 'A', '0', '\u200b', '\u00e9');
const piece = fc.oneof(
  fc.tuple(fc.nat({ max: literals.length - 1 }), fc.nat(), fc.nat()).map(([i, cut, mask]) => {
    const l = literals[i]!;
    return flipCase(l.slice(0, 1 + (cut % l.length)), mask);
  }),
  separator,
  fc.stringMatching(/^[A-Za-z0-9_+/=-]{1,40}$/),
  fc.nat({ max: lines.length - 1 }).map((i) => lines[i]!),
);
const randomText = fc.array(piece, { minLength: 1, maxLength: 40 }).map((ps) => ps.join(''));
/**
 * Long texts: half of them made of any pieces (which almost always hold a literal somewhere), half
 * of separators and of ordinary lines that hold none, so that the exactness of the skip is asked of
 * long texts too (joined, such pieces can still spell a literal across a boundary: then the text
 * counts as one with a literal).
 */
const freeLines = lines.filter((l) => anchorFree(l));
const freePiece = fc.oneof(separator, fc.constantFrom(...freeLines));
const longText = fc.oneof(
  fc.array(piece, { minLength: 40, maxLength: 400 }).map((ps) => ps.join('')),
  fc.array(freePiece, { minLength: 40, maxLength: 400 }).map((ps) => ps.join('')),
);

function skippedPassesFind(text: string, path: string): string | undefined {
  const found = rawMatches(text, { path });
  if (found.length) return `detection found ${found.map((m) => m.ruleId).join(', ')}`;
  const glued = glue(text);
  if (glued.length) return `the glue scan found offsets ${glued.join(', ')}`;
  return undefined;
}

describe('filter engine: the anchor-free skip is exact', function () {
  this.timeout(180000);

  it('lists every rule anchor, every generic keyword and the `kind:` key', () => {
    const listed = new Set(detectionLiterals().map((a) => `${a.ignoreCase ? 'i' : 's'}:${a.literal}`));
    for (const r of ALL_RULES) for (const a of r.anchors) assert.ok(listed.has(`${r.anchorsIgnoreCase ? 'i' : 's'}:${a}`), `${r.id} anchor ${a}`);
    for (const k of GENERIC_KEYWORDS) assert.ok(listed.has(`i:${k}`), k);
    assert.ok(listed.has('i:kind:'));
  });

  it('on random texts of anchor pieces, separators, escapes and ordinary lines: an anchor-free text gives detection and the glue scan nothing', () => {
    let free = 0;
    let total = 0;
    fc.assert(
      fc.property(randomText, fc.constantFrom(...PATHS), (text, path) => {
        total++;
        if (!anchorFree(text)) return;
        free++;
        assert.equal(skippedPassesFind(text, path), undefined, `${JSON.stringify(text)} (${path})`);
        assert.equal(skippedPassesFind(text, sniffPath(text)), undefined, JSON.stringify(text));
      }),
      { numRuns: 6000 },
    );
    // Not vacuous: a share of the texts was anchor-free, and a share was not.
    assert.ok(free > total / 20 && free < total, `${free} of ${total} texts anchor-free`);
  });

  it('on long random texts (40 to 400 pieces): the same, and the glue scan from detection\'s offsets is the alternation\'s', () => {
    let free = 0;
    let total = 0;
    let glueFound = 0;
    // Detection's scans keep their hits once a reader asks (the glue scan does at its first text).
    keepHitLogs();
    fc.assert(
      fc.property(longText, (text) => {
        total++;
        const path = sniffPath(text);
        const found = rawMatches(text, { path });
        // Detection's pass over this text is the last: the glue scan reads its offsets.
        assert.ok(anchorOffsets(text, glued), 'detection\'s pass left its offsets');
        const fromDetection = glue(text);
        assert.deepEqual(fromDetection, glueByRegex(text), JSON.stringify(text));
        if (fromDetection.length) glueFound++;
        if (!anchorFree(text)) return;
        free++;
        assert.equal(found.length, 0, JSON.stringify(text));
        assert.equal(fromDetection.length, 0, JSON.stringify(text));
      }),
      { numRuns: 1500 },
    );
    assert.ok(free > total / 30 && free < total, `${free} of ${total} long texts anchor-free`);
    // (half the texts are made of pieces without a literal: the glued share is of the other half)
    assert.ok(glueFound > total / 30, `${glueFound} of ${total} long texts with a glued prefix`);
  });

  it('on every ordinary line and short window of this repository\'s docs and sources', () => {
    let free = 0;
    for (let i = 0; i < lines.length; i++) {
      const texts = [lines[i]!, lines.slice(i, i + 5).join('\n'), ...(i % 20 === 0 ? [lines.slice(i, i + 60).join('\n')] : [])];
      for (const t of texts) {
        if (!anchorFree(t)) continue;
        free++;
        assert.equal(skippedPassesFind(t, sniffPath(t)), undefined, JSON.stringify(t));
      }
    }
    assert.ok(free > 100, `${free} anchor-free texts`);
  });

  it('still finds keys the literals cannot see: escaped, percent-encoded, base64, hex, with an invisible character', () => {
    let checked = 0;
    const makers = [fake.openaiProject, fake.anthropic, fake.githubPat, fake.slackBot, fake.stripe, fake.google];
    const hidden: Array<[string, (k: string) => string]> = [
      ['\\u escapes', (k) => [...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
      ['percent-encoded', (k) => [...k].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')],
      ['base64', (k) => Buffer.from(`the deploy key is ${k} keep it`).toString('base64')],
      ['hex', (k) => Buffer.from(`the deploy key is ${k}`).toString('hex')],
      ['a zero-width space after its first character', (k) => `${k[0]}\u200b${k.slice(1)}`],
    ];
    for (const make of makers) {
      for (const [how, hide] of hidden) {
        const k = make();
        const text = `Please look at this: ${hide(k)} and tell me what it is.`;
        if (!anchorFree(text)) continue;
        checked++;
        const spans = findSecrets(text);
        assert.equal(spans.length, 1, `${how}: ${spans.length} spans`);
      }
    }
    assert.ok(checked >= 10, `${checked} hidden keys in anchor-free texts`);
  });
});
