import type { RedactionSession } from '../session';
import { redactText } from '../session';

/**
 * Every string in a JSON value redacted (system prompts, messages, tool-call arguments, tool
 * results, whatever the field is called). `count` 0 means the value is untouched, so the caller
 * can pass the original bytes on. Arrays and objects are copied only when something in them was
 * masked: a clean 10 KB request allocates nothing here beyond what the scan does.
 */
export function redactJsonValue(v: unknown, session: RedactionSession, depth = 0): { value: unknown; count: number } {
  if (typeof v === 'string') {
    const r = redactText(v, session);
    return r.spans.length ? { value: r.text, count: r.spans.length } : { value: v, count: 0 };
  }
  if (depth > 64 || !v || typeof v !== 'object') return { value: v, count: 0 };
  let count = 0;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const r = redactJsonValue(v[i], session, depth + 1);
      if (!r.count) continue;
      count += r.count;
      out ??= v.slice();
      out[i] = r.value;
    }
    return { value: out ?? v, count };
  }
  const obj = v as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(obj)) {
    const r = redactJsonValue(obj[k], session, depth + 1);
    if (!r.count) continue;
    count += r.count;
    // A spread copy keeps the key order; defineProperty keeps a `__proto__` key an own property.
    out ??= { ...obj };
    Object.defineProperty(out, k, { value: r.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out ?? v, count };
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
