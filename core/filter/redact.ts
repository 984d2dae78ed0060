import type { KnownSecrets } from '../detect';
import { mask } from '../values';
import { findSecrets } from './engine';

export interface RedactOptions {
  /** Path used to pick format handling (e.g. `trace.jsonl`); default: guessed from the text. */
  path?: string;
  knownSecrets?: KnownSecrets;
  /** Replacement for a value; default `[REDACTED:<rule>:<masked preview>]`. */
  replacement?: (ruleId: string, value: string) => string;
}

/**
 * One text redacted with no session to keep placeholders stable across calls: the same engine as
 * `rotation-guard redact`, the proxy and the hooks (findSecrets: glued, escaped, encoded, wrapped
 * and invisible-character keys), with a masked preview of each value by default. Suppression
 * comments are ignored on purpose: text leaving the machine is redacted regardless.
 */
export function redact(text: string, opts: RedactOptions = {}): string {
  const spans = findSecrets(text, { ...(opts.path ? { path: opts.path } : {}), ...(opts.knownSecrets ? { knownSecrets: opts.knownSecrets } : {}) });
  if (!spans.length) return text;
  const replace = opts.replacement ?? ((ruleId: string, value: string) => `[REDACTED:${ruleId.replace(/^[a-z]+\//, '')}:${mask(value)}]`);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + replace(s.ruleId, s.value);
    at = s.end;
  }
  return out + text.slice(at);
}
