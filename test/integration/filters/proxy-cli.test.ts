import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import OpenAI from 'openai';
import { fake } from '../../helpers/fake-keys';
import { tempProject } from '../../helpers/temp-project';
import { startStandIn, type StandIn } from './stand-in-upstream';

const CLI = resolve('dist/cli.js');

/** Waits for `pattern` in a stream's text, or fails after `ms`. */
function waitFor(stream: NodeJS.ReadableStream, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((res, rej) => {
    let text = '';
    const timer = setTimeout(() => rej(new Error(`no ${pattern} within ${ms} ms: ${text}`)), ms);
    stream.on('data', (c: Buffer) => {
      text += c.toString();
      const m = pattern.exec(text);
      if (m) {
        clearTimeout(timer);
        res(m);
      }
    });
  });
}

// `rotation-guard proxy` as a real process (dist/cli.js), the official openai client in front and
// the stand-in upstream behind (stand-in-upstream.ts cites the documented shapes).
describe('rotation-guard proxy as a process: ROTATION_GUARD_PROXY_TIMING (stand-in upstream)', function () {
  this.timeout(60000);
  let up: StandIn;
  before(async () => {
    up = await startStandIn();
  });
  after(async () => {
    await up.close();
  });

  it('writes one timing record per request and the GC entries when it stops, with sizes and times only, and masks as without it (stand-in)', async () => {
    const dir = tempProject('rg-proxy-cli-').dir;
    const file = join(dir, 'timing.jsonl');
    const child = spawn(process.execPath, [CLI, 'proxy', '--listen', '127.0.0.1:0', '--upstream', up.url], { cwd: dir, env: { ...process.env, ROTATION_GUARD_PROXY_TIMING: file }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    const port = Number((await waitFor(child.stderr, /listening on http:\/\/127\.0\.0\.1:(\d+)/, 30000))[1]);
    const apiKey = `test-upstream-auth-${Date.now()}`;
    const k = fake.openaiProject();
    const client = new OpenAI({ apiKey, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    up.reply = { text: 'fine', toolArgs: '{}', chunk: 4 };
    await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: `deploy with ${k} please` }] });
    const stream = await client.chat.completions.create({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'plain words' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'fine');
    const sentBody = up.received.at(-2)!.body;
    assert.ok(!sentBody.includes(k) && sentBody.includes('[REDACTED:openai-api-key:1]'), 'the key was masked before it left');
    // A body declared larger than the limit is refused unread, and the proxy still serves after it.
    const refused = await new Promise<number>((res, rej) => {
      const r = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/chat/completions', headers: { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) } }, (resp) => {
        resp.resume();
        res(resp.statusCode ?? 0);
      });
      r.on('error', rej);
      r.write('{');
    });
    assert.equal(refused, 413);

    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0, stderr);
    assert.match(stderr, /3 request\(s\); 1 credential\(s\) masked in requests/);
    const written = readFileSync(file, 'utf8');
    for (const secret of [k, k.slice(10, 30), apiKey, 'deploy with', 'plain words']) assert.ok(!written.includes(secret) && !stderr.includes(secret), 'no header or body in the timing file or the log');
    const lines = written.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | boolean | string>);
    const requests = lines.filter((l) => l.gc === undefined);
    assert.equal(requests.length, 2, 'one record per answered request (the refused one never reached the upstream)');
    const [plain, streamed] = requests as Array<Record<string, number | boolean>>;
    assert.equal(plain!.stream, false);
    assert.equal(streamed!.stream, true);
    for (const r of [plain!, streamed!]) {
      const steps = ['read', 'scanned', 'firstByte', 'upstreamEnd', 'finished'].map((s) => r[s] as number);
      assert.deepEqual([...steps].sort((a, b) => a - b), steps, `steps in order: ${JSON.stringify(r)}`);
      assert.ok((r.cpu as number) >= 0 && (r.at as number) > 0);
    }
    assert.ok((plain!.bytesIn as number) > 0 && (plain!.bytesOut as number) > 0 && (streamed!.bytesOut as number) > 0);
    for (const g of lines.filter((l) => l.gc !== undefined)) assert.ok(['scavenge', 'mark-compact', 'incremental', 'weak-callbacks', 'other'].includes(g.gc as string) && (g.duration as number) >= 0);
  });
});
