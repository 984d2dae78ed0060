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
 * reads the text once, up to the last offset, without storing line starts. Line breaks are
 * counted in one loop over the characters, not found by one `indexOf` call per line: most lines
 * are short, and the call cost more than the search (position() was 2% of the corpus scan). An
 * offset before the current line restarts from the top.
 */
export class LineCursor {
  private line0 = 0;
  private lineStart = 0;
  /** Every line break before this offset has been counted. */
  private counted = 0;

  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    if (offset < this.lineStart) {
      this.line0 = 0;
      this.lineStart = 0;
      this.counted = 0;
    }
    const text = this.text;
    const end = Math.min(offset, text.length);
    for (let k = this.counted; k < end; k++) {
      if (text.charCodeAt(k) === 10) {
        this.line0++;
        this.lineStart = k + 1;
      }
    }
    if (end > this.counted) this.counted = end;
    return { line: this.line0 + 1, column: offset - this.lineStart + 1 };
  }
}
