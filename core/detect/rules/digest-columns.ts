import type { RawMatch } from '../report/raw-match';

/**
 * A column of content digests: a map from names to hex digests of one fixed length, one per line
 * (a translation tool's state file keyed by message id, an asset manifest, a build cache's file
 * hashes). A digest is lowercase hex of a fixed length (a hash's output, often cut to 16 or 32
 * characters), and a tool writes one for every key, so most of the column's names are not
 * credential names at all (`"active_lbl": "92…"`, `"company": "de…"`) and draw no finding; the
 * few that are (`"license_key"`, `"oldPassword"`) hold the same digest shape by the column, not by
 * the name.
 *
 * So a generic finding on a lowercase hex value is lowered when its line sits in a run of at least
 * RUN_LINES `name: value` lines (consecutive but for lines that only open or close an object) whose values are all lowercase hex of that same length
 * (mostly distinct: the same text has the same digest), and at most a quarter of the run's lines drew a finding. A `.env` or a fixture listing
 * credentials keeps them: there every line sits under a credential name and draws a finding.
 * A value that is not lowercase hex (a provider key, a base62 token) is never lowered here.
 */
const RUN_LINES = 8;

/** How sure a finding in a digest column is: below the default threshold, shown at --min-confidence 0. */
export const DIGEST_COLUMN_CONFIDENCE = 0.3;

const BY_NAME = new Set(['secret/hardcoded-password', 'secret/generic-api-key']);

/** `"name": "hex",` (JSON), `name: hex` (YAML), `name = "hex"` (TOML, ini): the value is group 1. */
const NAME_HEX_LINE = /^\s*(?:"[^"\n]{1,200}"|'[^'\n]{1,200}'|[\w.@/-]{1,200})\s*[:=]\s*(["']?)([0-9a-f]{8,128})\1\s*,?\s*$/;

/** A line that opens or closes an object or array: `"about": {`, `about:`, `},`, `]`. */
const STRUCTURE_LINE = /^\s*(?:(?:"[^"\n]{1,200}"|[\w.@/-]{1,200})\s*:\s*[{[]?|[{[]|[}\]],?)\s*$/;

/** The hex value a line holds as `name: value`, or undefined. */
function hexValueOf(line: string): string | undefined {
  return NAME_HEX_LINE.exec(line)?.[2];
}

/** Lowers, with a message saying why, the generic findings whose value sits in a column of digests. */
export function placeDigestColumns(matches: RawMatch[], text: string): void {
  const lowered = new Map<number, boolean>();
  for (const m of matches) {
    if (!BY_NAME.has(m.ruleId) || m.confidence <= DIGEST_COLUMN_CONFIDENCE) continue;
    const value = text.slice(m.start, m.end);
    if (!/^[0-9a-f]{8,128}$/.test(value)) continue;
    const lineStart = text.lastIndexOf('\n', m.start - 1) + 1;
    let inColumn = lowered.get(lineStart);
    if (inColumn === undefined) {
      inColumn = inDigestColumn(matches, text, lineStart, value.length);
      lowered.set(lineStart, inColumn);
    }
    if (!inColumn) continue;
    m.confidence = DIGEST_COLUMN_CONFIDENCE;
    m.message = 'A value in a column of same-length hex digests ({preview}), most of them under names that are not credentials: a content hash, not a credential.';
  }
}

function inDigestColumn(matches: RawMatch[], text: string, lineStart: number, length: number): boolean {
  const lineEnd = (at: number): number => {
    const e = text.indexOf('\n', at);
    return e < 0 ? text.length : e;
  };
  const lineAt = (s: number): string => text.slice(s, lineEnd(s)).replace(/\r$/, '');
  const hexAt = (s: number): string | undefined => {
    const v = hexValueOf(lineAt(s));
    return v && v.length === length ? v : undefined;
  };
  // A line that only opens or closes an object (`"about": {`, `},`) is the map's structure: it
  // neither breaks the column nor counts in it.
  const fits = (s: number): boolean => hexAt(s) !== undefined || STRUCTURE_LINE.test(lineAt(s));
  if (!hexAt(lineStart)) return false;
  let first = lineStart;
  let last = lineStart;
  // Walk up and down while the lines keep the column's shape; far enough to judge, no further.
  for (let n = 0; n < 4 * RUN_LINES && first > 0; n++) {
    const prev = text.lastIndexOf('\n', first - 2) + 1;
    if (!fits(prev)) break;
    first = prev;
  }
  for (let n = 0; n < 4 * RUN_LINES; n++) {
    const next = lineEnd(last) + 1;
    if (next >= text.length || !fits(next)) break;
    last = next;
  }
  const runEnd = lineEnd(last);
  const values = new Set<string>();
  let lines = 0;
  for (let s = first; s <= last; s = lineEnd(s) + 1) {
    const v = hexAt(s);
    if (v === undefined) continue;
    values.add(v);
    lines++;
  }
  // The same text has the same digest, so a column may repeat a value; a column of one value repeated is not digests.
  if (lines < RUN_LINES || values.size * 2 < lines) return false;
  const found = new Set<number>();
  for (const o of matches) {
    if (o.start >= first && o.start < runEnd) found.add(text.lastIndexOf('\n', o.start - 1) + 1);
  }
  return found.size * 4 <= lines;
}
