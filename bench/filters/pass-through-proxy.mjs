// The floor of the proxy bench: a plain node:http pass-through with no scan at all, the same
// command-line shape as `rotation-guard proxy` (`proxy --listen HOST:PORT --upstream URL`) and the
// same upstream agent options (keep-alive, no Nagle), so `proxy.mjs --floor` can run it in turn
// with the real proxy. What it adds over a direct request is what any Node proxy pays on this host
// (two more hops, a third process to schedule); the real proxy's added latency is judged beside it.
import { Agent, createServer, request } from 'node:http';

const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const [, host, port] = /^(.*):(\d+)$/.exec(arg('--listen'));
const upstream = new URL(arg('--upstream'));
const agent = new Agent({ keepAlive: true, noDelay: true });
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
    const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  });
});
server.listen(Number(port), host, () => console.log(`pass-through proxy: listening on http://${host}:${server.address().port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
