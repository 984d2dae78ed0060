/** Offset ↔ 1-based line/column, computed once per text and only when there is something to place. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    let i = -1;
    while ((i = text.indexOf('\n', i + 1)) >= 0) this.starts.push(i + 1);
  }

  /** 0-based line number of an offset. */
  lineOf(offset: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Text of a 0-based line without its line break. */
  lineText(line: number): string {
    const s = this.lineStart(line);
    const next = this.starts[line + 1];
    return this.text.slice(s, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const l = this.lineOf(offset);
    return { line: l + 1, column: offset - this.starts[l]! + 1 };
  }
}

/**
 * 1-based line and column of offsets asked for in increasing order (findings sorted by offset):
 * reads the text once, up to the last offset, without storing line starts. It remembers the next
 * line break, so many offsets on one long line cost no re-search. An offset before the current
 * line restarts from the top.
 */
export class LineCursor {
  private line0 = 0;
  private lineStart = 0;
  /** First '\n' at or after lineStart; -1 when there is none; -2 before the first search. */
  private nextBreak = -2;

  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    if (offset < this.lineStart) {
      this.line0 = 0;
      this.lineStart = 0;
      this.nextBreak = -2;
    }
    if (this.nextBreak === -2) this.nextBreak = this.text.indexOf('\n', this.lineStart);
    while (this.nextBreak >= 0 && this.nextBreak < offset) {
      this.line0++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.lineStart);
    }
    return { line: this.line0 + 1, column: offset - this.lineStart + 1 };
  }
}
