import type { Position, Range } from '../check/codes';

/** Converts string offsets (UTF-16 code units, as JS strings and LSP count them) to 0-based positions. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    let character = o - (this.starts[lo] ?? 0);
    // A CR of a CRLF belongs to the line break, never to the range.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) character -= 1;
    return { line: lo, character };
  }

  offset(pos: Position): number {
    const start = this.starts[pos.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + pos.character, this.text.length);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  lineCount(): number {
    return this.starts.length;
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
