import type { LineIndex } from './positions';

/**
 * Inline suppression: `rotation-guard:allow <reason>` in a comment on the finding's line or on the
 * line above it. A reason is expected; the marker alone still suppresses (the reason is a review
 * matter, not a parsing one).
 */
export const ALLOW_MARKER = 'rotation-guard:allow';

export function isSuppressed(lines: LineIndex, line0: number): boolean {
  if (lines.lineText(line0).includes(ALLOW_MARKER)) return true;
  return line0 > 0 && lines.lineText(line0 - 1).includes(ALLOW_MARKER);
}
