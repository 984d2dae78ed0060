import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createRedactingProxy } from '../../../core/filter/proxy/index';
import { fake } from '../../helpers/fake-keys';
import { startStandIn, type StandIn } from './stand-in-upstream';

// The official clients talk to `rotation-guard proxy`, whose upstream is a stand-in for the
// provider APIs (see stand-in-upstream.ts for the documented shapes it streams).
function noPart(s: string, key: string, what: string): void {
  for (let i = 0; i + 10 <= key.length; i++) assert.ok(!s.includes(key.slice(i, i + 10)), `${what}: a piece of the key (at ${i}) got through`);
}

describe('redacting proxy with the official openai and @anthropic-ai/sdk clients (stand-in upstream)', function () {
  this.timeout(120000);
  let up: StandIn;
  let proxyUrl: string;
  let close: () => Promise<void>;
  const apiKey = `test-upstream-auth-${Date.now()}`;

  before(async () => {
    up = await startStandIn();
    const { server } = createRedactingProxy({ upstream: up.url });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  after(async () => {
    await close();
    await up.close();
  });

  const openai = () => new OpenAI({ apiKey, baseURL: `${proxyUrl}/v1`, maxRetries: 0 });
  const anthropic = () => new Anthropic({ apiKey, baseURL: proxyUrl, maxRetries: 0 });

  it('masks keys in a Chat Completions request (system, messages, tool-call arguments, tool results) and passes the auth header untouched (stand-in)', async () => {
    const k = fake.openaiProject();
    const gh = fake.githubPat();
    up.reply = { text: 'fine', toolArgs: '{}', chunk: 50 };
    await openai().chat.completions.create({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: `You may use ${k}.` },
        { role: 'user', content: 'Deploy it.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'deploy', arguments: JSON.stringify({ token: gh }) } }] },
        { role: 'tool', tool_call_id: 'c1', content: `deployed with ${gh}` },
      ],
    });
    const got = up.received.at(-1)!;
    noPart(got.body, k, 'system prompt');
    noPart(got.body, gh, 'tool call and tool result');
    assert.match(got.body, /\[REDACTED:openai-api-key:1\]/);
    assert.equal(got.headers.authorization, `Bearer ${apiKey}`);
    assert.ok(got.body.includes('Deploy it.'));
  });

  it('passes an ordinary request byte for byte (stand-in)', async () => {
    up.reply = { text: 'fine', toolArgs: '{}', chunk: 50 };
    await openai().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'Summarise @docs/README.md in "three" bullets\u2014please.' }] });
    const got = up.received.at(-1)!;
    assert.equal(got.body, JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'Summarise @docs/README.md in "three" bullets\u2014please.' }] }));
  });

  for (const chunk of [1, 2, 3, 7, 16]) {
    it(`Chat Completions stream, pieces of ${chunk}: text and tool-call arguments masked, nothing in part (stand-in)`, async () => {
      const k = fake.anthropic();
      const gh = fake.githubPat();
      up.reply = { text: `Use ${k} to call the API. Bye.`, toolArgs: JSON.stringify({ token: gh, region: 'eu' }), chunk };
      const stream = await openai().chat.completions.create({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'go' }] });
      let text = '';
      let args = '';
      let finish: string | null = null;
      for await (const c of stream) {
        text += c.choices[0]?.delta?.content ?? '';
        args += c.choices[0]?.delta?.tool_calls?.[0]?.function?.arguments ?? '';
        finish = c.choices[0]?.finish_reason ?? finish;
      }
      noPart(text, k, 'streamed text');
      noPart(args, gh, 'streamed tool arguments');
      assert.match(text, /^Use \[REDACTED:anthropic-api-key:\d+\] to call the API\. Bye\.$/);
      assert.deepEqual(Object.keys(JSON.parse(args) as object), ['token', 'region']);
      assert.equal(finish, 'tool_calls');
    });
  }

  it('Chat Completions without streaming: message content and tool calls masked (stand-in)', async () => {
    const gh = fake.githubPat();
    up.reply = { text: `token ${gh}`, toolArgs: JSON.stringify({ token: gh }), chunk: 4 };
    const r = await openai().chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'go' }] });
    const m = r.choices[0]!.message;
    noPart(JSON.stringify(m), gh, 'message');
    assert.equal(m.content, (JSON.parse(m.tool_calls![0]!.type === 'function' ? m.tool_calls![0]!.function.arguments : '{}') as { token: string }).token.replace(/^/, 'token '), 'the same key has the same placeholder in both places');
  });

  for (const chunk of [1, 3, 8]) {
    it(`Responses stream, pieces of ${chunk}: output_text and function-call deltas masked, .done texts agree (stand-in)`, async () => {
      const k = fake.openaiProject();
      up.reply = { text: `Here: ${k}\nDone.`, toolArgs: JSON.stringify({ key: k }), chunk };
      const stream = await openai().responses.create({ model: 'gpt-test', input: 'go', stream: true });
      let text = '';
      let args = '';
      let doneText = '';
      let completed = '';
      for await (const e of stream) {
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.function_call_arguments.delta') args += e.delta;
        if (e.type === 'response.output_text.done') doneText = e.text;
        if (e.type === 'response.completed') completed = JSON.stringify(e.response);
      }
      noPart(text + args + doneText + completed, k, 'responses stream');
      assert.equal(text, doneText, 'the deltas add up to the done text');
      assert.match(text, /^Here: \[REDACTED:openai-api-key:\d+\]\nDone\.$/);
      assert.ok(args.includes('[REDACTED:openai-api-key:'));
    });
  }

  for (const chunk of [1, 2, 5, 13]) {
    it(`Anthropic Messages stream, pieces of ${chunk}: text_delta and input_json_delta masked (stand-in)`, async () => {
      const k = fake.anthropic();
      up.reply = { text: `The key is ${k}.`, toolArgs: JSON.stringify({ api_key: k, n: 1 }), chunk };
      const stream = anthropic().messages.stream({ model: 'claude-test', max_tokens: 64, messages: [{ role: 'user', content: 'go' }] });
      let text = '';
      stream.on('text', (t) => (text += t));
      const final = await stream.finalMessage();
      noPart(text + JSON.stringify(final), k, 'anthropic stream');
      assert.match(text, /^The key is \[REDACTED:anthropic-api-key:\d+\]\.$/);
      const tool = final.content.find((c) => c.type === 'tool_use');
      assert.ok(tool && tool.type === 'tool_use');
      assert.match(String((tool.input as { api_key: string }).api_key), /^\[REDACTED:anthropic-api-key:\d+\]$/);
    });
  }

  it('Anthropic Messages: request system and tool_result masked, response masked (stand-in)', async () => {
    const k = fake.anthropic();
    up.reply = { text: `ok ${k}`, toolArgs: '{"a":1}', chunk: 4 };
    const r = await anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 64,
      system: `secret: ${k}`,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'read', input: { key: k } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9', content: `read ${k}` }] },
      ],
    });
    noPart(up.received.at(-1)!.body, k, 'request');
    const h = up.received.at(-1)!.headers;
    assert.ok(h['x-api-key'] === apiKey || h.authorization === `Bearer ${apiKey}`, `auth header passed through: ${Object.keys(h).join(',')}`);
    noPart(JSON.stringify(r), k, 'response');
  });
});
