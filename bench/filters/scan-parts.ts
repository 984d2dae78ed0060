// The parts of the engine's scan of one text, each callable alone (bench/filters/scan-parts.mjs
// times them in process on the proxy bench's fresh 10 KB bodies).
import { ALL_RULES, rawMatches } from '../../core/detect/index';
import { findSecrets, sniffPath } from '../../core/filter/engine';
import { encodedRuns } from '../../core/filter/encoded';
import { redactJsonText } from '../../core/filter/proxy/json';
import { RedactionSession, findInText } from '../../core/filter/session';
import { buildView, glueAnchors, glueScanner } from '../../core/filter/view';
import { wrappedKeys } from '../../core/filter/wrap';

/** The glue scan as a long-running process has it (its prefilter from the first text on). */
const glue = glueScanner(glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors))), 0);

export const parts: Record<string, (text: string) => unknown> = {
  'findSecrets (the whole scan)': (t) => findSecrets(t),
  'findInText, fresh session (+ clean digest)': (t) => findInText(t, new RedactionSession()),
  'raw JSON body, fresh session': (t) => redactJsonText(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: t }] }), new RedactionSession()),
  'detection on the text (rawMatches)': (t) => rawMatches(t, { path: sniffPath(t) }),
  sniffPath: (t) => sniffPath(t),
  'detection view (buildView)': (t) => buildView(t, glue),
  'detection on the view, when there is one': (t) => {
    const v = buildView(t, glue);
    return v && rawMatches(v.text, { path: sniffPath(t) });
  },
  'base64/hex runs (encodedRuns)': (t) => encodedRuns(t),
  'wrapped keys (wrappedKeys)': (t) => wrappedKeys(t, { path: sniffPath(t) }),
};

export function hasView(t: string): boolean {
  return buildView(t, glue) !== undefined;
}
import { isQuotedPrintable } from '../../core/filter/view';
const EDIT = new RegExp(`%[0-9A-Fa-f]{2}|\\\\[ux]|[\\u0000\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u206a-\\u206f\\ufeff]`, 'g');
parts['tmp glue'] = (t) => glue(t);
parts['tmp isQuotedPrintable'] = (t) => isQuotedPrintable(t);
parts['tmp EDIT regex'] = (t) => { EDIT.lastIndex = 0; let n = 0; while (EDIT.exec(t)) n++; return n; };
export const anchors = glueAnchors(ALL_RULES.flatMap((r) => (r.anchorsIgnoreCase ? [] : r.anchors)));
export { findSecrets, sniffPath };
import { viewWindows } from '../../core/filter/engine';
export function windowsOf(t: string): { changes: number; covered: number; length: number } | undefined {
  const v = buildView(t, glue);
  if (!v) return undefined;
  return { changes: v.changed.length, covered: viewWindows(v, false).reduce((n, [a, b]) => n + b - a, 0), length: v.text.length };
}
