// The parts of the engine's scan of one text, each callable alone (bench/filters/scan-parts.mjs
// times them in process on the proxy bench's fresh 10 KB bodies).
import { ALL_RULES, rawMatches } from '../../core/detect/index';
import { findSecrets, sniffPath, viewWindows } from '../../core/filter/engine';
import { encodedRuns } from '../../core/filter/encoded';
import { redactJsonText } from '../../core/filter/proxy/json';
import { RedactionSession, findInText } from '../../core/filter/session';
import { buildView, glueAnchors, glueScanner, isQuotedPrintable } from '../../core/filter/view';
import { wrappedKeys } from '../../core/filter/wrap';

/** The glue scan as a long-running process has it (its prefilter from the first text on). */
const glue = glueScanner(glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors))), 0);

export const parts: Record<string, (text: string) => unknown> = {
  'findSecrets (the whole scan)': (t) => findSecrets(t),
  'findSecrets, detection on the whole view (a named path)': (t) => findSecrets(t, { path: sniffPath(t) }),
  'findInText, fresh session (+ clean digest)': (t) => findInText(t, new RedactionSession()),
  'raw JSON body, fresh session': (t) => redactJsonText(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: t }] }), new RedactionSession()),
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

/** Whether `t` has a detection view, and the share of it its windows cover. */
export function viewOf(t: string): { covered: number } | undefined {
  const v = buildView(t, glue);
  return v && { covered: viewWindows(v, false).reduce((n, [a, b]) => n + b - a, 0) / v.text.length };
}
