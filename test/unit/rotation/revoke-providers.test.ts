import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createProvider, ProviderError, type ProviderContext } from '../../../core/rotation/providers';
import { projectPerTest } from '../../helpers/temp-project';

function ctx(cwd: string): ProviderContext {
  return { secretId: 's', currentValue: null, strategy: 'single-user', secretValue: async () => null, cwd, env: { PATH: process.env.PATH } };
}

// Revocation by the user's own command or endpoint: real processes and a real local HTTP server.
describe('revoke with command and http providers', () => {
  let dir: string;
  const tmp = projectPerTest('rg-revoke-');
  beforeEach(() => ({ dir } = tmp.project));

  it('a provider without a revoke block has no revoke (the engine records "revoke at the issuer")', () => {
    assert.equal(createProvider({ type: 'command', command: 'true' }).revoke, undefined);
    assert.equal(createProvider({ type: 'http', url: 'http://127.0.0.1:1/keys' }).revoke, undefined);
  });

  it('command: the old value reaches the revoke command on stdin and in its env, never argv; a failing exit is an error', async () => {
    const old = `old-${randomBytes(12).toString('hex')}`;
    const script = "const v=require('fs').readFileSync(0,'utf8'); require('fs').writeFileSync('revoked.txt', require('crypto').createHash('sha256').update(v).digest('hex') + ' ' + (v === process.env.ROTATION_GUARD_OLD_VALUE) + ' ' + process.argv.join(' ').includes(v))";
    const p = createProvider({ type: 'command', command: 'node', revoke: { command: process.execPath, args: ['-e', script] } });
    const r = await p.revoke!(ctx(dir), old);
    assert.equal(r.outcome, 'ok');
    assert.equal(readFileSync(join(dir, 'revoked.txt'), 'utf8'), `${createHash('sha256').update(old).digest('hex')} true false`);
    const failing = createProvider({ type: 'command', command: 'node', revoke: { command: process.execPath, args: ['-e', 'process.exit(4)'] } });
    await assert.rejects(failing.revoke!(ctx(dir), old), (e: unknown) => e instanceof ProviderError && e.code === 'provider/command-failed' && !e.message.includes(old));
  });

  it('http: {{old}} fills the revoke header (not the URL); an error status is an error that names no value', async () => {
    const seen: string[] = [];
    let status = 204;
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(status).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const old = `old-${randomBytes(12).toString('hex')}`;
      const p = createProvider({ type: 'http', url: `http://127.0.0.1:${port}/keys`, revoke: { url: `http://127.0.0.1:${port}/keys/current`, headers: { Authorization: 'Bearer {{old}}' } } });
      assert.equal((await p.revoke!(ctx(dir), old)).outcome, 'ok');
      assert.deepEqual(seen, [`DELETE /keys/current Bearer ${old}`]);
      status = 500;
      await assert.rejects(p.revoke!(ctx(dir), old), (e: unknown) => e instanceof ProviderError && e.code === 'provider/http-status' && !e.message.includes(old));
      const templatedUrl = createProvider({ type: 'http', url: `http://127.0.0.1:${port}/keys`, revoke: { url: `http://127.0.0.1:${port}/keys/{{old}}` } });
      await assert.rejects(templatedUrl.revoke!(ctx(dir), old), /may not be templated into the URL/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
