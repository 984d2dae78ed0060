/**
 * The small HTTP server every LLM-provider stand-in is built on: 127.0.0.1, a free port, JSON in
 * and out, no latency of its own. It keeps a log of what it was asked (method, path, which auth
 * header was present — never the header's value) and can answer the next requests with 429 and
 * a `retry-after`, the way the providers document rate limiting.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

export interface StandInAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (req: StandInRequest, params: string[]) => StandInAnswer | Promise<StandInAnswer>;

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  authHeaders: string[];
}

export class StandInServer {
  readonly log: LoggedRequest[] = [];
  private readonly routes: Array<{ method: string; pattern: RegExp; route: Route }> = [];
  private label?: string;
  private throttle: { count: number; retryAfter: string; match?: RegExp } = { count: 0, retryAfter: '0' };
  private server?: Server;
  url = '';

  route(method: string, pattern: RegExp, route: Route): this {
    this.routes.push({ method, pattern, route });
    return this;
  }

  /** Every answer carries `x-rotation-guard-demo: <label>` (the demo's stand-ins say what they are). */
  labelAs(label: string): void {
    this.label = label;
  }

  /** The next `count` requests (matching `match`, if given) get 429 with this `retry-after`. */
  rateLimitNext(count: number, retryAfterSeconds: number, match?: RegExp): void {
    this.throttle = { count, retryAfter: String(retryAfterSeconds), match };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown;
    const type = String(req.headers['content-type'] ?? '');
    if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody));
    else if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
    }
    const sr: StandInRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body, rawBody };
    let answer: StandInAnswer;
    if (this.throttle.count > 0 && (!this.throttle.match || this.throttle.match.test(u.pathname))) {
      this.throttle.count--;
      answer = { status: 429, headers: { 'retry-after': this.throttle.retryAfter }, body: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } } };
    } else {
      const hit = this.routes.map((r) => ({ r, m: r.method === sr.method ? r.pattern.exec(u.pathname) : null })).find((x) => x.m);
      try {
        answer = hit ? await hit.r.route(sr, hit.m!.slice(1).map(decodeURIComponent)) : { status: 404, body: { error: { message: `no route ${sr.method} ${u.pathname}` } } };
      } catch (err) {
        answer = { status: 500, body: { error: { message: (err as Error).message } } };
      }
    }
    this.log.push({ method: sr.method, path: u.pathname, status: answer.status, authHeaders: ['authorization', 'x-api-key', 'api-key', 'x-goog-api-key'].filter((h) => req.headers[h] !== undefined) });
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(this.label ? { 'x-rotation-guard-demo': this.label } : {}), ...(answer.headers ?? {}) });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}

export const bearerOf = (req: StandInRequest): string | undefined => /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The plumbing of stand-ins that speak their own wire format (AWS's Query XML and SigV4, Google's
 * error shape) and so cannot use StandInServer's JSON routes: a server on 127.0.0.1 and a free
 * port, the request body read whole, and a bug in the stand-in answered through `fail` instead of
 * leaving the client waiting.
 */
export abstract class RawStandIn {
  private server?: Server;
  url = '';

  protected abstract handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> | void;
  protected abstract fail(req: IncomingMessage, res: ServerResponse, err: Error): void;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.receive(req, res).catch((err: Error) => this.fail(req, res, err)));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await this.handle(req, res, Buffer.concat(chunks));
  }
}
