import type { PatternRule } from './rule';

/**
 * The pattern rules as the Markdown table of docs/detection.md (between its `rules:begin` and
 * `rules:end` markers): one row per rule id, in the order of ALL_RULES. A unit test fails when the
 * document and the rules disagree; `ROTATION_GUARD_WRITE_DOCS=1` makes that test rewrite it.
 */
export function rulesTable(rules: readonly PatternRule[]): string {
  const rows = new Map<string, { titles: string[]; severity: string; anchors: string[]; envVar?: string }>();
  for (const r of rules) {
    const row = rows.get(r.id) ?? { titles: [], severity: r.severity, anchors: [] };
    if (!row.titles.includes(r.title)) row.titles.push(r.title);
    for (const a of r.anchors) {
      const shown = `\`${a.replace(/\|/g, '\\|')}\`${r.anchorsIgnoreCase ? ' (any case)' : ''}`;
      if (!row.anchors.includes(shown)) row.anchors.push(shown);
    }
    if (!row.envVar && r.envVar) row.envVar = r.envVar;
    rows.set(r.id, row);
  }
  const lines = ['| id | what | severity | anchors | envVar |', '|---|---|---|---|---|'];
  for (const [id, row] of rows) {
    const anchors = row.anchors.length > 6 ? `${row.anchors.slice(0, 6).join(' ')} …` : row.anchors.join(' ');
    lines.push(`| \`${id}\` | ${row.titles.join('; ')} | ${row.severity} | ${anchors} | ${row.envVar ? `\`${row.envVar}\`` : ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

export const TABLE_BEGIN = '<!-- rules:begin (generated from core/detect/rules by test/unit/detect/rules-table.test.ts) -->';
export const TABLE_END = '<!-- rules:end -->';
