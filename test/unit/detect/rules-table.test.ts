import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../core/detect/index';
import { rulesTable, TABLE_BEGIN, TABLE_END } from '../../../core/detect/rules/table';

// The rule table of docs/detection.md is generated from the rules; this test fails when they drift.
// Rewrite it with: ROTATION_GUARD_WRITE_DOCS=1 npx mocha out/test/unit/detect/rules-table.test.js
const doc = join(__dirname, '..', '..', '..', '..', 'docs', 'detection.md');

describe('docs/detection.md: the rule table is generated from the rules', () => {
  it('lists every pattern rule id, title, severity, anchors and envVar as the rules say', () => {
    const text = readFileSync(doc, 'utf8');
    const from = text.indexOf(TABLE_BEGIN);
    const to = text.indexOf(TABLE_END);
    assert.ok(from >= 0 && to > from, `docs/detection.md has no ${TABLE_BEGIN} … ${TABLE_END} block`);
    const current = text.slice(from + TABLE_BEGIN.length + 1, to);
    const wanted = rulesTable(ALL_RULES);
    if (current !== wanted && process.env.ROTATION_GUARD_WRITE_DOCS === '1') {
      writeFileSync(doc, `${text.slice(0, from + TABLE_BEGIN.length)}\n${wanted}${text.slice(to)}`);
      return;
    }
    assert.equal(current, wanted, 'the table is stale: run this test with ROTATION_GUARD_WRITE_DOCS=1');
    for (const id of new Set(ALL_RULES.map((r) => r.id))) assert.ok(current.includes(`\`${id}\``), id);
  });
});
