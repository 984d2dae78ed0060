import { mask } from '../../values/mask';
import { LineCursor, LineIndex } from '../input/positions';
import { ALLOW_MARKER, Suppressions } from '../judge/suppress';
import type { Finding, ScanOptions } from '../types';
import { findingFingerprint, incidentKeyOf } from './finding-fingerprint';
import { rawMatches } from './matches';
import type { RawMatch } from './raw-match';
import type { MatchNotes } from '../rules/engine';

/**
 * Finds credentials in a text. Findings are sorted by offset, positions refer to the original
 * text, suppressed lines (`rotation-guard:allow`) are dropped, and no finding holds the value.
 */
export function scanText(text: string, opts: ScanOptions): Finding[] {
  const notes: MatchNotes = { kindKey: false };
  const raw = rawMatches(text, opts, notes);
  if (!raw.length) return [];
  // Most texts have no suppression marker (the matching pass looked for it; a pass cancelled
  // before the end did not, and the text is searched): then no index of all lines is built, and
  // positions come from a cursor that only reads the text up to the last finding.
  const marked = notes.allowMarker ?? text.includes(ALLOW_MARKER);
  const suppressions = marked ? new Suppressions(text, new LineIndex(text)) : null;
  const cursor = new LineCursor(text);
  const out: Finding[] = [];
  for (const r of raw) {
    const s = cursor.position(r.start);
    if (suppressions?.isSuppressed(s.line - 1)) continue;
    const e = cursor.position(r.end);
    const value = text.slice(r.start, r.end);
    const preview = mask(value);
    const f: Finding = {
      ruleId: r.ruleId,
      severity: r.severity,
      message: r.message ? r.message.replace('{preview}', preview) : `${capitalise(r.title)} (${preview}) is hardcoded here.`,
      hint: r.hint,
      start: r.start,
      end: r.end,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      preview,
      fingerprint: findingFingerprint(r.ruleId, value),
      incidentKey: incidentKeyOf(r.incidentValue ?? value),
      confidence: r.confidence,
    };
    if (r.envVar) f.envVar = r.envVar;
    const known = r as RawMatch & { secretId?: string; valueFingerprint?: string };
    if (known.secretId) f.secretId = known.secretId;
    if (known.valueFingerprint) f.valueFingerprint = known.valueFingerprint;
    out.push(f);
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
