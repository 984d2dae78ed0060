import type { LineIndex } from '../input/positions';

/**
 * Inline suppression: `rotation-guard:allow <reason>` in a comment on the finding's line or on the
 * line above it. A reason is expected; the marker alone still suppresses (the reason is a review
 * matter, not a parsing one).
 */
export const ALLOW_MARKER = 'rotation-guard:allow';

/** Answers per line, once: a long line with many findings is searched a single time. */
export class Suppressions {
  private readonly cache = new Map<number, boolean>();
  private readonly any: boolean;

  constructor(text: string, private readonly lines: LineIndex) {
    this.any = text.includes(ALLOW_MARKER);
  }

  private marked(line0: number): boolean {
    let m = this.cache.get(line0);
    if (m === undefined) {
      m = this.lines.lineText(line0).includes(ALLOW_MARKER);
      this.cache.set(line0, m);
    }
    return m;
  }

  isSuppressed(line0: number): boolean {
    if (!this.any) return false;
    return this.marked(line0) || (line0 > 0 && this.marked(line0 - 1));
  }
}
