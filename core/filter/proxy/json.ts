import type { SecretSpan } from '../engine';
import type { RedactionSession } from '../session';
import { applySpans, findInText, redactText } from '../session';
import { eachJsonString } from './raw-json';

/**
 * Could a member name hold a credential? Names an API defines are short identifiers (`role`,
 * `tool_call_id`, `input_json_delta`); no provider key or `name=value` pair is one. A name of 16
 * or more characters, or with a character outside letters, digits, `_` and `-`, is scanned like a
 * value (a tool's arguments keyed by a token, a header map `{"Bearer sk-…": …}` in a tool result).
 */
export function nameMayHoldSecret(name: string): boolean {
  return name.length >= 16 || /[^A-Za-z0-9_-]/.test(name);
}

/**
 * Every string in a JSON value redacted (system prompts, messages, tool-call arguments, tool
 * results, whatever the field is called), member names that may hold one included. `count` 0 means the value is untouched, so the caller
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
  const keys = Object.keys(obj);
  const names = keys.map((k) => (nameMayHoldSecret(k) ? redactText(k, session) : undefined));
  if (names.some((n) => n?.spans.length)) {
    // A name that held a credential: the object is rebuilt in its order with the masked name.
    out = {};
    keys.forEach((k, i) => {
      const r = redactJsonValue(obj[k], session, depth + 1);
      const n = names[i];
      count += r.count + (n?.spans.length ?? 0);
      Object.defineProperty(out, n?.spans.length ? n.text : k, { value: r.value, enumerable: true, writable: true, configurable: true });
    });
    return { value: out, count };
  }
  for (const k of keys) {
    const r = redactJsonValue(obj[k], session, depth + 1);
    if (!r.count) continue;
    count += r.count;
    // A spread copy keeps the key order; defineProperty keeps a `__proto__` key an own property.
    out ??= { ...obj };
    Object.defineProperty(out, k, { value: r.value, enumerable: true, writable: true, configurable: true });
  }
  return { value: out ?? v, count };
}

/**
 * A JSON body redacted: each string value scanned where it stands in the text (eachJsonString),
 * without building the body's value, and the body rewritten only when one of them held a
 * credential — then just those literals are replaced, every other byte is kept. The original
 * text when nothing was found; a text that is not JSON is redacted whole. Member names that may
 * hold a credential are scanned as in redactJsonValue; a value JSON.parse would drop (a duplicate
 * member) or one nested past redactJsonValue's depth is scanned too.
 */
export function redactJsonText(text: string, session: RedactionSession): { text: string; count: number } {
  // Placeholders are numbered once the text is known to be JSON (a text that is not is redacted whole).
  let found: Array<{ start: number; end: number; value: string; spans: SecretSpan[] }> | undefined;
  let count = 0;
  const scan = (start: number, end: number, value: string) => {
    const spans = findInText(value, session);
    if (!spans.length) return;
    count += spans.length;
    (found ??= []).push({ start, end, value, spans });
  };
  const json = eachJsonString(text, scan, (start, end, name) => {
    if (nameMayHoldSecret(name)) scan(start, end, name);
  });
  if (!json) {
    const r = redactText(text, session);
    return { text: r.text, count: r.spans.length };
  }
  if (!found) return { text, count: 0 };
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + JSON.stringify(applySpans(f.value, f.spans, session));
    at = f.end;
  }
  return { text: out + text.slice(at), count };
}
