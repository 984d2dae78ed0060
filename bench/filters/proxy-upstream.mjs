// The upstream the proxy bench talks to, in a process of its own (a model API is not in the app's
// process either): a 2 KB Chat Completions answer to any POST, and for a path ending in /stream
// a first SSE event at once and the rest 20 ms later; for /v1/echo, the request's first message
// sent back as the answer, and the SHA-256 of the request body as it arrived in a header (to check
// the proxy passed it byte for byte). Prints its port on stdout.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const answer = process.argv[2] ?? 'ok';
const server = createServer({ noDelay: true }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url.endsWith('/echo')) {
      const got = Buffer.concat(chunks);
      const body = JSON.stringify({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: JSON.parse(got.toString()).messages[0].content } }] });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-received-sha256': createHash('sha256').update(got).digest('hex') });
      res.end(body);
      return;
    }
    if (req.url.endsWith('/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }] })}\n\n`);
      setTimeout(() => res.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: ' world' }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`), 20);
      return;
    }
    const body = JSON.stringify({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: answer } }] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
