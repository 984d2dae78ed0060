import type { RedactionSession } from '../session';
import { redactText } from '../session';

/**
 * Every string in a JSON value redacted (system prompts, messages, tool-call arguments, tool
 * results, whatever the field is called). `count` 0 means the value is untouched, so the caller
 * can pass the original bytes on.
 */
export function redactJsonValue(v: unknown, session: RedactionSession, depth = 0): { value: unknown; count: number } {
  if (typeof v === 'string') {
    const r = redactText(v, session);
    return { value: r.text, count: r.spans.length };
  }
  if (depth > 64 || !v || typeof v !== 'object') return { value: v, count: 0 };
  let count = 0;
  if (Array.isArray(v)) {
    const value = v.map((x) => {
      const r = redactJsonValue(x, session, depth + 1);
      count += r.count;
      return r.value;
    });
    return { value: count ? value : v, count };
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const r = redactJsonValue(x, session, depth + 1);
    count += r.count;
    out[k] = r.value;
  }
  return { value: count ? out : v, count };
}

/** A JSON body redacted; the original text when nothing was found or it is not JSON. */
export function redactJsonText(text: string, session: RedactionSession): { text: string; count: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const r = redactText(text, session);
    return { text: r.text, count: r.spans.length };
  }
  const r = redactJsonValue(parsed, session);
  return r.count ? { text: JSON.stringify(r.value), count: r.count } : { text, count: 0 };
}
