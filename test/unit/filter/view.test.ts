import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ALL_RULES } from '../../../core/detect/index';
import { buildView, glueAnchors, glueScanner, INVISIBLE } from '../../../core/filter/view';
import { glueReference } from '../../helpers/glue-reference';

const glue = glueScanner(glueAnchors(['ghp_', 'sk-proj-', 'sk-', 'AKIA', 'xoxb-']));

/** What one view character stands for, read from the original characters it maps back to. */
function decodedFrom(original: string): string | undefined {
  if (original === '') return ' '; // the boundary before a glued prefix
  if (original.length === 1) return original;
  const hex = /^(?:%|\\u|\\x|=)([0-9A-Fa-f]+)$/.exec(original)?.[1];
  return hex ? String.fromCharCode(parseInt(hex, 16)) : undefined;
}

describe('filter view: escapes, invisible characters and glued prefixes undone, with the map back', () => {
  it('maps every view character back to the original characters it came from (fast-check)', () => {
    const piece = fc.constantFrom('a', 'Z', '9', ' ', '\n', '%41', '%3D', '%0A', '%', '\\u0041', '\\x42', '\\u00', '\\', '=3D', '=\n', '=', '\u200b', '\u0000', '\u00ad', 'ghp_', 'xghp_', 'sk-proj-', '1AKIA', '.xoxb-');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const view = buildView(text, glue);
        if (!view) return;
        let last = 0;
        for (let k = 0; k < view.text.length; k++) {
          const [s, e] = view.toOriginal(k, k + 1);
          assert.ok(s >= last && e >= s && e <= text.length, `view char ${k}: [${s}, ${e}) after ${last}`);
          assert.equal(decodedFrom(text.slice(s, e)), view.text[k], `view char ${k} from ${JSON.stringify(text.slice(s, e))}`);
          last = s;
        }
        assert.ok(!INVISIBLE.test(view.text), 'an invisible character is left in the view');
      }),
      { numRuns: 2000 },
    );
  });

  it('finds, by regex and by prefilter, the glued prefixes an alternation of them (longest first, no match inside a match) finds after a word character, none inside the body of a key a prefix began', () => {
    const anchors = glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors)));
    // Both ways: the regex a one-shot process uses, and the prefilter a long-running one switches to.
    const byRegex = glueScanner(anchors, Infinity);
    const byPrefilter = glueScanner(anchors, 0);
    const reference = glueReference(anchors);
    // Pieces of prefixes overlap and run into each other: `sk-ant-api` holds `ant-`-like tails, `xoxe.xox` and `xoxe-` share a head.
    const piece = fc.oneof(fc.constantFrom(...anchors), fc.constantFrom(...anchors).map((a) => a.slice(0, -1)), fc.constantFrom(...anchors).map((a) => a.slice(1)), fc.constantFrom('x', '1', '.', ' ', '-', '_', '\u00e9', 'sk', 'gh', '=\n', '=\r\n', '=', '\u200b', '%', '+'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const expected = reference(text);
        assert.deepEqual(byPrefilter(text), expected, 'prefilter');
        assert.deepEqual(byRegex(text), expected, 'regex');
      }),
      { numRuns: 3000 },
    );
  });

  it('is undefined when nothing would change, and decodes only printable escapes', () => {
    assert.equal(buildView('plain text, 100% sure; a\\nb = c', glue), undefined);
    assert.equal(buildView('%0A and \\u0007', glue), undefined);
    assert.equal(buildView('api_key%3Dv', glue)?.text, 'api_key=v');
  });

  it('puts a boundary before a prefix glued to a word, not before one after a blank, and maps a span across escapes', () => {
    const text = 'tokenghp_abc sk-x x%41Bc';
    const view = buildView(text, glue)!;
    assert.equal(view.text, 'token ghp_abc sk-x xABc');
    assert.deepEqual(view.toOriginal(6, 13), [5, 12]);
    assert.deepEqual(view.toOriginal(19, 23), [18, 24]);
    assert.deepEqual(view.toOriginal(5, 6), [5, 5]);
  });
});
