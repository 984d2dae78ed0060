/**
 * Server-sent events as the model APIs send them (https://html.spec.whatwg.org/multipage/server-sent-events.html):
 * blocks separated by a blank line, `event:` and `data:` fields. The parser is incremental (bytes
 * arrive in any pieces) and keeps each block's raw text, so a block nothing changes in is passed
 * on byte for byte.
 */
export interface SseEvent {
  raw: string;
  event?: string;
  /** The `data:` lines joined with `\n`; undefined for a comment or keep-alive block. */
  data?: string;
}

export class SseParser {
  private buf = '';

  push(text: string): SseEvent[] {
    this.buf += text;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buf);
      if (!m) break;
      const raw = this.buf.slice(0, m.index + m[0].length);
      this.buf = this.buf.slice(m.index + m[0].length);
      out.push(parseBlock(raw));
    }
    return out;
  }

  /** What is left when the stream ends (a last block without its blank line). */
  end(): SseEvent[] {
    const rest = this.buf;
    this.buf = '';
    return rest ? [parseBlock(rest)] : [];
  }
}

function parseBlock(raw: string): SseEvent {
  const e: SseEvent = { raw };
  const data: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    else if (line.startsWith('event:')) e.event = line.slice(6).trim();
  }
  if (data.length) e.data = data.join('\n');
  return e;
}

/** A block with new data, keeping its `event:` name. */
export function formatEvent(event: string | undefined, data: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;
}
