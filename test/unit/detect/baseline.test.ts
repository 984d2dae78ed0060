import { strict as assert } from 'node:assert';
import { applyBaseline, entriesFor, formatBaseline, parseBaseline } from '../../../core/detect/report/baseline';
import { scanText } from '../../../core/detect/index';
import { fake } from '../../helpers/fake-keys';

describe('baseline (fingerprint of rule + value, merge-friendly JSON Lines)', () => {
  const k1 = fake.openaiProject();
  const k2 = fake.githubPat();
  const text = `a = "${k1}"\nb = "${k2}"\n`;
  const findings = scanText(text, { path: 'x.py' }).map((f) => ({ ...f, file: 'x.py' }));

  it('writes sorted entries, one per line, without values, line numbers or timestamps', () => {
    const out = formatBaseline(entriesFor(findings, 'fixture', '2030-01-01'));
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual([...lines].sort(), lines);
    assert.ok(!out.includes(k1) && !out.includes(k2));
    assert.ok(!/"line"|"column"|T\d\d:/.test(out));
    assert.deepEqual(Object.keys(JSON.parse(lines[0]!)), ['fingerprint', 'ruleId', 'file', 'reason', 'expires']);
  });

  it('accepts baselined findings even after they move to another line', () => {
    const { entries } = parseBaseline(formatBaseline(entriesFor(findings, 'fixture')));
    const moved = scanText(`\n\n# moved\nb = "${k2}"\na = "${k1}"\n`, { path: 'x.py' });
    const r = applyBaseline(moved, entries, '2026-01-01');
    assert.equal(r.reported.length, 0);
    assert.equal(r.accepted.length, 2);
    assert.deepEqual(r.unused, []);
  });

  it('reports entries that match nothing any more, and expired entries', () => {
    const { entries } = parseBaseline(formatBaseline(entriesFor(findings, 'fixture', '2026-01-31')));
    const onlyK1 = scanText(`a = "${k1}"\n`, { path: 'x.py' });
    const r = applyBaseline(onlyK1, entries, '2026-02-01');
    assert.equal(r.unused.length, 1);
    assert.equal(r.expired.length, 1);
    assert.equal(r.reported.length, 1, 'an expired entry no longer hides its finding');
  });

  it('rejects entries without a reason and malformed lines', () => {
    const p = parseBaseline('{"fingerprint":"h1:x","ruleId":"secret/x"}\nnot json\n{"fingerprint":"h1:y","ruleId":"r","reason":"ok","expires":"soon"}\n');
    assert.deepEqual(p.errors.map((e) => e.line), [1, 2, 3]);
    assert.equal(p.entries.length, 0);
  });
});
