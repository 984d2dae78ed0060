import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A real HTTP service that issues API keys (an issuer for the command, http and manual provider
 * tests): POST /keys with the admin bearer token issues `{id, data: {key}}`, GET /whoami answers
 * 200 for an active key and 401 otherwise, DELETE /keys/current revokes the key in the
 * Authorization header. It remembers every active key by id, so a test can tell which keys no
 * store holds (orphans), and records every request line, so a test can check that no value
 * travelled in a URL.
 */
export class KeyServer {
  readonly active = new Map<string, string>(); // key → id
  readonly requestLines: string[] = [];
  readonly adminToken = `adm_${randomBytes(16).toString('hex')}`;
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requestLines.push(`${req.method} ${req.url}`);
      const auth = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (req.method === 'POST' && req.url === '/keys') {
        if (auth !== this.adminToken) return void res.writeHead(401).end();
        const { id, key } = this.issue();
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, data: { key } }));
        return;
      }
      if (req.method === 'GET' && req.url === '/whoami') return void res.writeHead(this.active.has(auth) ? 200 : 401).end();
      if (req.method === 'DELETE' && req.url === '/keys/current') return void res.writeHead(this.active.delete(auth) ? 204 : 401).end();
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
  }

  issue(): { id: string; key: string } {
    const key = `sk-test-${randomBytes(20).toString('hex')}`;
    const id = `key_${randomBytes(4).toString('hex')}`;
    this.active.set(key, id);
    return { id, key };
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
