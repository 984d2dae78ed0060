import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ALL_RULES } from '../../../core/detect/index';
import { findSecrets, sniffPath, viewWindows } from '../../../core/filter/engine';
import { buildView, glueAnchors, glueScanner } from '../../../core/filter/view';
import { fake } from '../../helpers/fake-keys';

// Ordinary text around the keys: this repository's own docs and sources (read at test time).
const root = join(__dirname, '..', '..', '..', '..');
const lines = ['docs/filters.md', 'docs/architecture.md', 'core/filter/view.ts', 'core/filter/stream.ts']
  .flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n'))
  .filter((l) => !/-----BEGIN|\bkind\s*:/.test(l));
const makers = Object.entries(fake)
  .filter(([n]) => n !== 'password' && n !== 'awsSecret')
  .map(([, m]) => m);
/** What puts a view on a text: escapes, glued prefixes, invisible characters, plain keys beside them. */
const hides: Array<(k: string) => string> = [
  (k) => `x${k}`,
  (k) => `api_key%3D${k}`,
  (k) => `%20Bearer%20${k}`,
  (k) => `${k.slice(0, 8)}\u200b${k.slice(8)}`,
  (k) => [...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  (k) => `my_secret_${k}`,
  (k) => `password = "${k}"`,
  (k) => k,
];
const glue = glueScanner(glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors))));

describe('filter engine: detection on the view runs on windows around its changes', function () {
  this.timeout(120000);

  it('finds exactly what detection on the whole view finds, in texts of ordinary lines with hidden keys', () => {
    let windowed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lines.length - 1 }),
        fc.integer({ min: 40, max: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: hides.length - 1 }), fc.nat({ max: makers.length - 1 })), { minLength: 1, maxLength: 4 }),
        (from, count, inserts) => {
          const ls = lines.slice(from, from + count);
          for (const [at, h, m] of inserts) {
            const i = at % (ls.length + 1);
            ls.splice(i, 0, `${ls[i] ?? ''} ${hides[h]!(makers[m]!())} and on`);
          }
          const text = ls.join('\n');
          const view = buildView(text, glue);
          const windows = view ? viewWindows(view, false) : [];
          if (view && windows.reduce((n, [a, b]) => n + b - a, 0) < view.text.length) windowed++;
          // A named path scans the whole view: the reference.
          assert.deepEqual(findSecrets(text), findSecrets(text, { path: sniffPath(text) }));
        },
      ),
      { numRuns: 300 },
    );
    assert.ok(windowed > 50, `only ${windowed} of 300 texts were scanned by windows`);
  });

  it('keeps the whole view for a named format, a short text, and a text with a PEM block or a kind: key', () => {
    const body = lines.slice(0, 200).join('\n');
    const text = `${body}\nmy_secret_${fake.githubPat()}\n${body}`;
    const view = buildView(text, glue)!;
    const windows = viewWindows(view, false);
    const key = view.text.indexOf('secret_');
    assert.ok(windows.some(([a, b]) => a <= key && key < b), `the glued key is outside ${JSON.stringify(windows)}`);
    assert.ok(windows.reduce((n, [a, b]) => n + b - a, 0) < view.text.length / 2, JSON.stringify(windows));
    assert.deepEqual(viewWindows(view, true), [[0, view.text.length]]);
    for (const extra of ['-----BEGIN', 'kind: Secret']) {
      const v = buildView(`${text}\n${extra}\n`, glue)!;
      assert.deepEqual(viewWindows(v, false), [[0, v.text.length]], extra);
    }
    const short = buildView(`my_secret_${fake.githubPat()}`, glue)!;
    assert.deepEqual(viewWindows(short, false), [[0, short.text.length]]);
  });
});
