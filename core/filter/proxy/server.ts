import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { findSecrets, type FindOptions } from '../engine';
import { RedactionSession } from '../session';
import { redactJsonText } from './json';
import { SseParser } from './sse';
import { SseRedactor } from './streams';
import { StreamRedactor } from '../stream';
import { BodyTooLargeError, readBody } from './body';
import { RequestClock, type RequestTiming } from './timing';

/**
 * A local redacting proxy for model traffic (OpenAI Chat Completions and Responses, Anthropic
 * Messages, streaming or not): request bodies are redacted before they leave, response bodies
 * and SSE streams before they reach the app. Headers, the upstream's auth among them, pass
 * through untouched and are never logged; placeholders are stable for the proxy's lifetime.
 */
export interface ProxyOptions {
  upstream: string;
  find?: FindOptions;
  /** Largest request body read (then 413). */
  maxBody?: number;
  /** Called with one line per request: method, path, status, counts, never headers or bodies. */
  onRequest?: (line: string) => void;
  /** Called once per finished request with where its time went (sizes and times only). */
  onTiming?: (t: RequestTiming) => void;
}

export interface ProxyStats {
  requests: number;
  redactedInRequests: number;
  redactedInResponses: number;
}

const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'accept-encoding']);
const JSON_TYPE = /json/i;

export function createRedactingProxy(o: ProxyOptions): { server: Server; stats: ProxyStats; session: RedactionSession; warmed: Promise<void> } {
  const upstream = new URL(o.upstream);
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new Error(`--upstream must be an http:// or https:// URL, not ${upstream.protocol}`);
  const session = new RedactionSession(o.find ?? {});
  const stats: ProxyStats = { requests: 0, redactedInRequests: 0, redactedInResponses: 0 };
  const maxBody = o.maxBody ?? 32 * 1024 * 1024;
  const base = upstream.pathname.replace(/\/+$/, '');
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  // One kept-alive connection pool to the upstream for the proxy's lifetime (no TCP or TLS
  // handshake per request); Nagle off on both sides so a streamed event is not held for the next
  // (`noDelay` is passed to each connection the agent opens, once, instead of a listener per request).
  const agentOptions = { keepAlive: true, noDelay: true };
  const agent = upstream.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const server = createServer({ noDelay: true }, (req, res) => {
    stats.requests++;
    const clock = o.onTiming ? new RequestClock(o.onTiming) : undefined;
    readBody(req, maxBody).then(
      (body) => forward(req, res, body, clock),
      (err: Error) => fail(res, err instanceof BodyTooLargeError ? 413 : 400, err.message),
    );
  });

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer | null, clock: RequestClock | undefined): void {
    if (clock) {
      clock.mark('read');
      clock.t.bytesIn = body?.length ?? 0;
    }
    let out = body;
    if (body && body.length && isJson(req.headers['content-type'])) {
      const r = redactJsonText(body.toString('utf8'), session);
      if (r.count) {
        stats.redactedInRequests += r.count;
        out = Buffer.from(r.text, 'utf8');
      }
    }
    clock?.mark('scanned');
    const path = base && !req.url!.startsWith(`${base}/`) ? `${base}${req.url}` : req.url!;
    const headers = passHeaders(req.headers);
    if (out) headers['content-length'] = String(out.length);
    headers.host = upstream.host;
    const up = send({ protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path, headers, agent }, (ures) => respond(req, ures, res, clock));
    if (clock) {
      up.once('socket', () => {
        clock.mark('socket');
        clock.t.reused = up.reusedSocket;
      });
    }
    up.on('error', (err) => fail(res, 502, `upstream: ${err.message}`));
    up.end(out ?? undefined);
  }

  function respond(req: IncomingMessage, ures: IncomingMessage, res: ServerResponse, clock: RequestClock | undefined): void {
    clock?.mark('firstByte');
    if (clock) res.once('finish', () => clock.finish());
    const type = String(ures.headers['content-type'] ?? '');
    const headers = passHeaders(ures.headers);
    if (type.includes('text/event-stream')) {
      if (clock) clock.t.stream = true;
      res.writeHead(ures.statusCode ?? 502, headers);
      res.flushHeaders();
      const parser = new SseParser();
      const redactor = new SseRedactor(session);
      ures.setEncoding('utf8');
      ures.on('data', (chunk: string) => {
        const since = clock?.now() ?? 0;
        let text = '';
        for (const e of parser.push(chunk)) text += redactor.transform(e);
        if (clock) {
          clock.scanSince(since);
          clock.t.bytesOut += Buffer.byteLength(text);
        }
        if (text) res.write(text);
      });
      ures.on('end', () => {
        clock?.mark('upstreamEnd');
        let text = '';
        for (const e of parser.end()) text += redactor.transform(e);
        text += redactor.end();
        if (clock) clock.t.bytesOut += Buffer.byteLength(text);
        res.end(text);
        o.onRequest?.(`${req.method} ${req.url} ${ures.statusCode} stream`);
      });
      ures.on('error', () => res.destroy());
      return;
    }
    readBody(ures, Infinity).then(
      (got) => {
        clock?.mark('upstreamEnd');
        const since = clock?.now() ?? 0;
        let body = got ?? EMPTY;
        if (isJson(type) && body.length) {
          const r = redactJsonText(body.toString('utf8'), session);
          if (r.count) {
            stats.redactedInResponses += r.count;
            body = Buffer.from(r.text, 'utf8');
          }
        }
        if (clock) {
          clock.scanSince(since);
          clock.t.bytesOut = body.length;
        }
        headers['content-length'] = String(body.length);
        res.writeHead(ures.statusCode ?? 502, headers);
        res.end(body);
        o.onRequest?.(`${req.method} ${req.url} ${ures.statusCode}`);
      },
      () => res.destroy(),
    );
  }

  server.on('close', () => agent.destroy());
  // Resolves once the engine has run over WARM_UP after the server started listening.
  const warmed = new Promise<void>((resolve) => server.once('listening', () => setImmediate(() => resolve(warmUp(o.find ?? {})))));
  return { server, stats, session, warmed };
}

const EMPTY = Buffer.alloc(0);

/**
 * Text that takes the engine through each of its paths (escapes, glued prefixes, base64 and hex
 * runs, a wrapped line, JSON) without holding a credential.
 */
const WARM_UP = [
  'Warm-up text for the detection engine: prose, code, and what can hide a key from a pattern.',
  'const client = new Client({ apiKey: process.env.API_KEY }); // a reference, not a value',
  'GET /cb?api_key%3Dplaceholder&x=%20Bearer%20placeholder \\u0041\\x42 and a soft break =',
  'prefixes glued to words without a body: tokensk-ant- xghp_ wordAKIA',
  'aGVsbG8gd29ybGQsIHRoaXMgaXMgYmFzZTY0IHRleHQ= 68656c6c6f20776f726c642068657820746578742e',
  'a line that ends in a long token 0123456789abcdefABCDEF',
  'and the line after it {"role":"user","content":"hello"}',
].join('\n');

/**
 * Right after the proxy starts listening, the engine runs once over WARM_UP (outside the
 * session: no placeholder is numbered, nothing is remembered). The first request would otherwise
 * pay for building the rules, compiling their regexes and the WebAssembly prefilters: 80-250 ms
 * added to a fresh proxy's first request on this machine, against a fraction of a millisecond warm.
 */
function warmUp(find: FindOptions): void {
  for (let i = 0; i < 3; i++) findSecrets(WARM_UP, find);
  const stream = new StreamRedactor(new RedactionSession(find));
  for (const piece of WARM_UP.split(' ')) stream.push(`${piece} `);
  stream.end();
  // The streamed-response path, run often enough that the optimising compiler takes its functions
  // now rather than while the first streams are being answered (cli/src/commands/proxy.ts makes it
  // take them after fewer runs): without this, the proxy bench's time to first event had a p99 of
  // 5-16 ms in three of four runs, compilations of the stream path in its 200 measured requests.
  const events = WARM_UP_SSE.join('');
  for (let i = 0; i < 200; i++) {
    const parser = new SseParser();
    const redactor = new SseRedactor(new RedactionSession(find));
    for (const e of parser.push(events)) redactor.transform(e);
    for (const e of parser.end()) redactor.transform(e);
    redactor.end();
  }
}

/** One short stream of each shape SseRedactor reads (OpenAI Chat Completions and Responses, Anthropic Messages). */
const WARM_UP_SSE = [
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }] })}\n\n`,
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":"weather"}' } }] }, finish_reason: null }] })}\n\n`,
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: ' world' }, finish_reason: 'stop' }] })}\n\n`,
  'data: [DONE]\n\n',
  `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Hello there' })}\n\n`,
  `event: response.output_text.done\ndata: ${JSON.stringify({ type: 'response.output_text.done', item_id: 'msg_1', output_index: 0, content_index: 0, text: 'Hello there' })}\n\n`,
  `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } })}\n\n`,
  `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":' } })}\n\n`,
  `event: content_block_stop\ndata: ${JSON.stringify({ type: 'content_block_stop', index: 0 })}\n\n`,
  `event: message_stop\ndata: ${JSON.stringify({ type: 'message_stop' })}\n\n`,
];

function passHeaders(h: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  // A for-in over the parsed headers (own, plain keys) instead of Object.entries' array of pairs per message.
  for (const k in h) {
    const v = h[k];
    if (v !== undefined && !HOP.has(k)) out[k] = v;
  }
  return out;
}

function isJson(type: string | string[] | undefined): boolean {
  return JSON_TYPE.test(String(type ?? ''));
}

function fail(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { type: 'rotation_guard_proxy_error', message } });
  // A body refused for its size is left unread: close the connection instead of reading it to skip it.
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(status === 413 ? { connection: 'close' } : {}) });
  res.end(body);
}
