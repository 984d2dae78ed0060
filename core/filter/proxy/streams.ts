import type { RedactionSession } from '../session';
import { StreamRedactor } from '../stream';
import { redactJsonValue } from './json';
import { formatEvent, type SseEvent } from './sse';

/**
 * The streamed response of a model API, redacted event by event. Each content stream (a choice's
 * text, a tool call's arguments, a Responses output item, an Anthropic content block) has its own
 * holdback window, so a key split across SSE events is never passed on in part; the held rest is
 * sent in an event of the same kind just before the event that closes the stream. Every other
 * string in an event (a `.done` event's full text, `response.completed`) is redacted whole with
 * the same session, so it carries the same placeholders. Shapes:
 * - OpenAI Chat Completions streaming: https://platform.openai.com/docs/api-reference/chat-streaming
 * - OpenAI Responses streaming: https://platform.openai.com/docs/api-reference/responses-streaming
 * - Anthropic Messages streaming: https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
type Json = Record<string, unknown>;

interface OpenStream {
  redactor: StreamRedactor;
  /** Builds the event that carries held text, from the last event of this stream. */
  carrier: (rest: string) => string;
}

export class SseRedactor {
  private readonly streams = new Map<string, OpenStream>();

  constructor(private readonly session: RedactionSession) {}

  transform(e: SseEvent): string {
    if (e.data === undefined) return e.raw;
    if (e.data.trim() === '[DONE]') return this.flushAll() + e.raw;
    let doc: unknown;
    try {
      doc = JSON.parse(e.data);
    } catch {
      return e.raw; // not JSON: nothing of a model's content (keep-alives, comments)
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return e.raw;
    const d = doc as Json;
    let before = '';
    let changed = false;
    const type = typeof d.type === 'string' ? d.type : (e.event ?? '');
    // Anthropic Messages.
    if (type === 'content_block_delta') {
      const delta = d.delta as Json | undefined;
      const field = delta && (['text', 'partial_json', 'thinking'] as const).find((f) => typeof delta[f] === 'string');
      if (delta && field) {
        const key = `block:${String(d.index)}`;
        const s = this.open(key, (rest) => formatEvent(e.event, JSON.stringify({ ...d, delta: { ...delta, [field]: rest } })));
        const safe = s.redactor.push(delta[field] as string);
        if (safe !== delta[field]) {
          delta[field] = safe;
          changed = true;
        }
        return changed ? formatEvent(e.event, JSON.stringify(d)) : e.raw;
      }
    }
    if (type === 'content_block_stop') before += this.flush(`block:${String(d.index)}`);
    if (type === 'message_stop') before += this.flushAll();
    // OpenAI Responses.
    const itemKey = `${String(d.item_id)}:${String(d.output_index)}:${String(d.content_index)}`;
    if (/^response\.[a-z_.]*delta$/.test(type) && typeof d.delta === 'string') {
      const key = `${type}:${itemKey}`;
      const s = this.open(key, (rest) => formatEvent(e.event, JSON.stringify({ ...d, delta: rest })));
      const safe = s.redactor.push(d.delta);
      if (safe !== d.delta) {
        d.delta = safe;
        return formatEvent(e.event, JSON.stringify(d));
      }
      return e.raw;
    }
    if (/^response\.[a-z_.]*done$/.test(type)) before += this.flush(`${type.replace(/done$/, 'delta')}:${itemKey}`);
    if (type === 'response.completed' || type === 'response.failed' || type === 'response.incomplete') before += this.flushAll();
    // OpenAI Chat Completions chunks.
    let after = '';
    if (Array.isArray(d.choices)) {
      for (const c of d.choices as Json[]) {
        const delta = c.delta as Json | undefined;
        const i = String(c.index ?? 0);
        if (delta && typeof delta.content === 'string') {
          const s = this.open(`choice:${i}:content`, (rest) => formatEvent(e.event, JSON.stringify({ ...d, choices: [{ index: c.index ?? 0, delta: { content: rest }, finish_reason: null }] })));
          const safe = s.redactor.push(delta.content);
          if (safe !== delta.content) {
            delta.content = safe;
            changed = true;
          }
        }
        if (delta && Array.isArray(delta.tool_calls)) {
          for (const t of delta.tool_calls as Json[]) {
            const fn = t.function as Json | undefined;
            if (!fn || typeof fn.arguments !== 'string') continue;
            const s = this.open(`choice:${i}:tool:${String(t.index ?? 0)}`, (rest) => formatEvent(e.event, JSON.stringify({ ...d, choices: [{ index: c.index ?? 0, delta: { tool_calls: [{ index: t.index ?? 0, function: { arguments: rest } }] }, finish_reason: null }] })));
            const safe = s.redactor.push(fn.arguments);
            if (safe !== fn.arguments) {
              fn.arguments = safe;
              changed = true;
            }
          }
        }
        if (c.finish_reason !== null && c.finish_reason !== undefined) {
          const held = this.flushPrefix(`choice:${i}:`);
          if (held) {
            // The held text goes after this chunk's own text and before the finish: split the chunk.
            after += held + formatEvent(e.event, JSON.stringify({ ...d, choices: [{ index: c.index ?? 0, delta: {}, finish_reason: c.finish_reason }] }));
            c.finish_reason = null;
            changed = true;
          }
        }
      }
      if (changed) return before + formatEvent(e.event, JSON.stringify(redactJsonValue(d, this.session).value)) + after;
    }
    // Whatever else the event holds, whole (message_start, .done texts, completed responses).
    const rest = redactJsonValue(d, this.session);
    if (rest.count) return before + formatEvent(e.event, JSON.stringify(rest.value));
    return before + (changed ? formatEvent(e.event, JSON.stringify(d)) : e.raw);
  }

  /** At the end of the response: whatever is still held, in events of its own kind. */
  end(): string {
    return this.flushAll();
  }

  private open(key: string, carrier: (rest: string) => string): OpenStream {
    let s = this.streams.get(key);
    if (!s) {
      s = { redactor: new StreamRedactor(this.session), carrier };
      this.streams.set(key, s);
    } else s.carrier = carrier;
    return s;
  }

  private flush(key: string): string {
    const s = this.streams.get(key);
    if (!s) return '';
    this.streams.delete(key);
    const rest = s.redactor.end();
    return rest ? s.carrier(rest) : '';
  }

  private flushPrefix(prefix: string): string {
    let out = '';
    for (const k of [...this.streams.keys()]) if (k.startsWith(prefix)) out += this.flush(k);
    return out;
  }

  private flushAll(): string {
    return this.flushPrefix('');
  }
}
