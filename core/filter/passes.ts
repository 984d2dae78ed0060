import { ALL_RULES, rawMatches } from '../detect/index';
import { findSecrets, sniffPath, viewWindows } from './engine';
import { encodedRuns } from './encoded';
import { buildView, glueAnchors, glueScanner, isQuotedPrintable, type GlueScanner } from './view';
import { wrappedKeys } from './wrap';

/** The glue scan as a long-running process has it (its prefilter from the first text on), built on first use. */
let built: GlueScanner | undefined;
const glue: GlueScanner = (t) => (built ??= glueScanner(glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors))), 0))(t);

/**
 * Each pass findSecrets makes over a text, callable alone, to see where a scan's time goes
 * (bench/filters/scan-parts.mjs times them on the proxy bench's bodies). Not used by the engine.
 */
export const enginePasses: Record<string, (text: string) => unknown> = {
  'findSecrets (the whole scan)': (t) => findSecrets(t),
  'findSecrets, detection on the whole view (a named path)': (t) => findSecrets(t, { path: sniffPath(t) }),
  'detection on the text (rawMatches)': (t) => rawMatches(t, { path: sniffPath(t) }),
  sniffPath: (t) => sniffPath(t),
  'detection view (buildView)': (t) => buildView(t, glue),
  '  of which the glue scan': (t) => glue(t),
  '  of which isQuotedPrintable': (t) => isQuotedPrintable(t),
  'detection on the view, when there is one (its windows)': (t) => {
    const v = buildView(t, glue);
    return v && viewWindows(v, false).map(([a, b]) => rawMatches(v.text.slice(a, b), { path: sniffPath(t) }));
  },
  'base64/hex runs (encodedRuns)': (t) => encodedRuns(t),
  'wrapped keys (wrappedKeys)': (t) => wrappedKeys(t, { path: sniffPath(t) }),
};

/** Whether `text` has a detection view, and the share of it detection's windows cover. */
export function viewCoverage(text: string): number | undefined {
  const v = buildView(text, glue);
  return v && viewWindows(v, false).reduce((n, [a, b]) => n + b - a, 0) / v.text.length;
}
