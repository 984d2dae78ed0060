import { mask } from '../mask';
import { rawMatches } from './report/matches';

export interface RedactOptions {
  /** Path used to pick format handling (e.g. `trace.jsonl`); optional. */
  path?: string;
  /** Replacement for a value; default `[REDACTED:<rule>:<masked preview>]`. */
  replacement?: (ruleId: string, value: string) => string;
}

/**
 * Strips credentials from text meant for logs, traces, prompts or fine-tuning data. Suppression
 * comments are ignored on purpose: text leaving the machine is redacted regardless.
 */
export function redact(text: string, opts: RedactOptions = {}): string {
  const matches = rawMatches(text, { path: opts.path ?? 'stdin.txt' });
  if (!matches.length) return text;
  const replace = opts.replacement ?? ((ruleId: string, value: string) => `[REDACTED:${ruleId.replace(/^[a-z]+\//, '')}:${mask(value)}]`);
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + replace(m.ruleId, text.slice(m.start, m.end));
    at = m.end;
  }
  return out + text.slice(at);
}
