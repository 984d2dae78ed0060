import { matchAll, type MatchNotes } from '../rules/engine';
import { expandFormats } from '../input/formats';
import { matchKnown } from '../judge/known';
import type { RawMatch } from './raw-match';
import type { ScanOptions } from '../types';

/**
 * Matches before suppression and presentation; shared by scanText and redact. `notes` receives
 * what the matching pass saw besides matches (engine.ts).
 */
export function rawMatches(text: string, opts: ScanOptions, notes: MatchNotes = { kindKey: false }): RawMatch[] {
  const found = matchAll(text, opts.path, opts.isCancelled, notes, opts.formatRulesOnly);
  // Only a text with a `kind:` key can be a Kubernetes Secret; the pass above has looked for one.
  if (notes.kindKey) expandFormats(text, opts.path, found, opts.isCancelled);
  if (opts.knownSecrets) found.push(...matchKnown(text, opts.knownSecrets, opts.isCancelled, opts.knownSpans));
  return dedupe(found);
}

/** One match per region; known-secret matches (priority 2) beat rules, rules beat generic. */
function dedupe(ms: RawMatch[]): RawMatch[] {
  ms.sort((a, b) => a.start - b.start || b.priority - a.priority || b.end - a.end);
  const kept: RawMatch[] = [];
  for (const m of ms) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (m.priority > last.priority) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept;
}
