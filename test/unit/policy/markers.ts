/**
 * Fixture marker convention: `⟦` and `⟧` around the text a problem must underline. The markers
 * are removed before the text is analyzed; `|` alone (caretOffset) marks a cursor position.
 */
import type { Range } from '../../../core/policy/check/codes';

export function stripMarkers(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  const open: Array<{ line: number; character: number }> = [];
  let line = 0;
  let character = 0;
  for (const ch of marked) {
    if (ch === '⟦') open.push({ line, character });
    else if (ch === '⟧') {
      const start = open.pop();
      if (!start) throw new Error('unbalanced ⟧ in fixture');
      ranges.push({ start, end: { line, character } });
    } else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else character += ch.length;
    }
  }
  if (open.length) throw new Error('unbalanced ⟦ in fixture');
  return { text, ranges: ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character) };
}

/** Text without the caret and the caret's offset. */
export function caretOffset(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('fixture has no | caret');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function fmt(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
