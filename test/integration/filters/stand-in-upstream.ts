import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the OpenAI and Anthropic APIs (they cannot be reached here), answering in the
 * documented shapes, streamed and not:
 * - Chat Completions: https://platform.openai.com/docs/api-reference/chat/create and
 *   https://platform.openai.com/docs/api-reference/chat-streaming (chat.completion.chunk, `data: [DONE]`)
 * - Responses: https://platform.openai.com/docs/api-reference/responses/create and
 *   https://platform.openai.com/docs/api-reference/responses-streaming (response.output_text.delta …)
 * - Anthropic Messages: https://docs.anthropic.com/en/api/messages and
 *   https://docs.anthropic.com/en/docs/build-with-claude/streaming (message_start … content_block_delta … message_stop)
 * It records what reached it, and streams `text` and `toolArgs` cut into pieces of `chunk` characters.
 */
export interface StandIn {
  url: string;
  received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }>;
  reply: { text: string; toolArgs: string; chunk: number; delayMs?: number };
  close(): Promise<void>;
}

function pieces(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out.length ? out : [''];
}

export async function startStandIn(): Promise<StandIn> {
  const st: StandIn = { url: '', received: [], reply: { text: 'hello', toolArgs: '{}', chunk: 4 }, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      st.received.push({ path: req.url ?? '', headers: req.headers, body });
      const json = body ? (JSON.parse(body) as { stream?: boolean; model?: string }) : {};
      const { text, toolArgs, chunk } = st.reply;
      const send = async (events: string[]) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const e of events) {
          res.write(e);
          if (st.reply.delayMs) await new Promise((r) => setTimeout(r, st.reply.delayMs));
        }
        res.end();
      };
      const ok = (o: unknown) => {
        const b = JSON.stringify(o);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
        res.end(b);
      };
      if (req.url?.endsWith('/chat/completions')) {
        const base = { id: 'chatcmpl-standin', object: 'chat.completion.chunk', created: 1733468400, model: json.model ?? 'gpt-test' };
        if (!json.stream) {
          return ok({ id: 'chatcmpl-standin', object: 'chat.completion', created: 1733468400, model: base.model, choices: [{ index: 0, message: { role: 'assistant', content: text, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'deploy', arguments: toolArgs } }] }, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
        }
        const ev = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
        const events = [ev({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
        for (const p of pieces(text, chunk)) events.push(ev({ ...base, choices: [{ index: 0, delta: { content: p }, finish_reason: null }] }));
        events.push(ev({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'deploy', arguments: '' } }] }, finish_reason: null }] }));
        for (const p of pieces(toolArgs, chunk)) events.push(ev({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: p } }] }, finish_reason: null }] }));
        events.push(ev({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }), 'data: [DONE]\n\n');
        return send(events);
      }
      if (req.url?.endsWith('/responses')) {
        const msg = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
        const fn = { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'deploy', arguments: toolArgs };
        const response = { id: 'resp_1', object: 'response', created_at: 1733468400, status: 'completed', model: json.model ?? 'gpt-test', output: [msg, fn], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } };
        if (!json.stream) return ok(response);
        let seq = 0;
        const ev = (type: string, o: object) => `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq++, ...o })}\n\n`;
        const events = [ev('response.created', { response: { ...response, status: 'in_progress', output: [] } }), ev('response.output_item.added', { output_index: 0, item: { ...msg, status: 'in_progress', content: [] } }), ev('response.content_part.added', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } })];
        for (const p of pieces(text, chunk)) events.push(ev('response.output_text.delta', { item_id: 'msg_1', output_index: 0, content_index: 0, delta: p }));
        events.push(ev('response.output_text.done', { item_id: 'msg_1', output_index: 0, content_index: 0, text }), ev('response.content_part.done', { item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [] } }), ev('response.output_item.done', { output_index: 0, item: msg }));
        events.push(ev('response.output_item.added', { output_index: 1, item: { ...fn, status: 'in_progress', arguments: '' } }));
        for (const p of pieces(toolArgs, chunk)) events.push(ev('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 1, delta: p }));
        events.push(ev('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 1, arguments: toolArgs }), ev('response.output_item.done', { output_index: 1, item: fn }), ev('response.completed', { response }));
        return send(events);
      }
      if (req.url?.endsWith('/messages')) {
        const message = { id: 'msg_standin', type: 'message', role: 'assistant', model: json.model ?? 'claude-test', stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } };
        if (!json.stream) return ok({ ...message, content: [{ type: 'text', text }, { type: 'tool_use', id: 'toolu_1', name: 'deploy', input: JSON.parse(toolArgs) }] });
        const ev = (type: string, o: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...o })}\n\n`;
        const events = [ev('message_start', { message: { ...message, content: [], stop_reason: null } }), ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }), ev('ping', {})];
        for (const p of pieces(text, chunk)) events.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: p } }));
        events.push(ev('content_block_stop', { index: 0 }), ev('content_block_start', { index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'deploy', input: {} } }));
        for (const p of pieces(toolArgs, chunk)) events.push(ev('content_block_delta', { index: 1, delta: { type: 'input_json_delta', partial_json: p } }));
        events.push(ev('content_block_stop', { index: 1 }), ev('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 2 } }), ev('message_stop', {}));
        return send(events);
      }
      res.writeHead(404).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  st.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  st.close = () => new Promise((r) => server.close(() => r()));
  return st;
}
