import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, DidOpenTextDocumentNotification, ExecuteCommandRequest, type CodeAction, type ShowMessageRequestParams } from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { OpenAiStandIn } from '../helpers/standins/openai';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { ServerCommands, type CheckKeyLiveResult } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

// The read-only call: https://platform.openai.com/docs/api-reference/models/list (the OpenAI stand-in answers it).
describe('"Is this key live?" on a found key over LSP (OpenAI stand-in)', function () {
  this.timeout(30000);
  let dir: string;
  let s: OpenAiStandIn;
  let server: InProcessServer;

  beforeEach(async () => {
    dir = tempProject('rg-lsp-live-').dir;
    s = await new OpenAiStandIn().start();
    server = await startInProcess(dir, { env: { ...process.env, XDG_CACHE_HOME: join(dir, '.cache'), ROTATION_GUARD_OPENAI_BASE_URL: s.url } });
  });
  afterEach(async () => {
    server.dispose();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function liveAction(name: string, key: string): Promise<CodeAction> {
    const uri = fileUri(join(dir, name));
    const text = `client = OpenAI(api_key="${key}")\n`;
    writeFileSync(join(dir, name), text);
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text } });
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'secret/openai-api-key'));
    const diag = p.diagnostics.find((x) => x.code === 'secret/openai-api-key')!;
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const a = actions.find((x) => x.command?.command === ServerCommands.checkKeyLive);
    assert.ok(a, 'the action is offered');
    assert.equal(a.title, 'Is this key live? (asks api.openai.com with its read-only call)', 'the title names the official host');
    return a;
  }
  /** The messages are window/showMessageRequest calls the server does not await: resolve on the one that matches. */
  function nextQuestion(pred: (q: ShowMessageRequestParams) => boolean, timeoutMs = 5000): Promise<ShowMessageRequestParams> {
    const seen = server.questions.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the message did not arrive')), timeoutMs);
      server.answer = (q) => {
        if (pred(q)) {
          clearTimeout(t);
          resolve(q);
        }
        return undefined;
      };
    });
  }
  const run = (a: CodeAction) => server.conn.sendRequest(ExecuteCommandRequest.type, { command: a.command!.command, arguments: a.command!.arguments! }) as Promise<CheckKeyLiveResult>;

  it('stand-in: a live key is reported live (a warning), a revoked one refused; nothing is sent before the click, and no message holds the key', async () => {
    const live = s.seedUserKey();
    const a = await liveAction('app.py', live);
    assert.equal(s.log.length, 0, 'offering the action sent nothing');
    const r = await run(a);
    assert.equal(r.status, 'live');
    const warned = await nextQuestion((q) => q.type === 2);
    const relisted = await server.waitForDiagnostics(fileUri(join(dir, 'app.py')), (p) => p.diagnostics.some((x) => x.message.startsWith('LIVE:')));
    assert.equal(relisted.diagnostics[0]!.severity, 1, 'the live key is now an error, listed first');
    assert.match(warned.message, /LIVE — 127\.0\.0\.1:\d+ accepted this key/);

    const dead = fakeOpenAiKey();
    const r2 = await run(await liveAction('old.py', dead));
    assert.equal(r2.status, 'refused');
    await nextQuestion((q) => /refuses this key/.test(q.message));
    for (const m of server.questions) assert.ok(!m.message.includes(live) && !m.message.includes(dead));
    assert.equal(s.log.filter((l) => l.path === '/v1/models').length, 2);
  });
});
