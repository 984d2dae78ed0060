import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  ShowMessageRequest,
  type ClientCapabilities,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ServerCommands, type MoveToStoreResult } from '../../protocol/src/protocol';

/** What Neovim 0.7 advertises: no `workspace.configuration`, so the server must not ask for it. */
const NO_CONFIGURATION: ClientCapabilities = { workspace: { applyEdit: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };

interface Seen {
  questions: string[];
  configurationRequests: number;
}

/** Answers edits, and records each store question and configuration request instead of answering them. */
function watch(server: ServerHandle): Seen {
  const seen: Seen = { questions: [], configurationRequests: 0 };
  server.conn.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
  // The outcome is announced through showMessageRequest too (with buttons); only the store question counts.
  server.conn.onRequest(ShowMessageRequest.type, (p) => {
    if (/^Move the /.test(p.message)) seen.questions.push(p.message);
    return null;
  });
  server.conn.onRequest(ConfigurationRequest.type, (p) => {
    seen.configurationRequests++;
    return p.items.map(() => null);
  });
  return seen;
}

/** Opens a file with a key, runs the Move quick fix the server offers, returns the action's title and the command's result. */
async function moveKey(server: ServerHandle, project: TempProject, key: string): Promise<{ title: string; result: MoveToStoreResult }> {
  const uri = fileUri(project.path('app.py'));
  server.open(uri, 'python', `client = OpenAI(api_key="${key}")\n`);
  const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'secret/openai-api-key'));
  const diag = p.diagnostics.find((x) => x.code === 'secret/openai-api-key')!;
  const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
  const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore);
  assert.ok(move, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
  const result = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: move.command!.command, arguments: move.command!.arguments! })) as MoveToStoreResult;
  return { title: move.title, result };
}

describe('language server process: settings pushed by a client that cannot answer workspace/configuration', function () {
  this.timeout(30000);
  let project: TempProject;
  let server: ServerHandle | undefined;

  beforeEach(() => {
    project = tempProject('rg-lsp-pushed-');
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    project.remove();
  });

  it('takes quickFix.store from workspace/didChangeConfiguration: Move writes the env file without asking', async () => {
    server = await startServer({ rootPath: project.dir, capabilities: NO_CONFIGURATION });
    const seen = watch(server);
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { rotationGuard: { quickFix: { store: 'envFile' } } } });
    const key = fakeOpenAiKey();
    const { title, result } = await moveKey(server, project, key);
    assert.match(title, /^Move secret to \.env\.local /);
    assert.equal(result.moved, true, `${JSON.stringify(result)} ${server.stderr().slice(-500)}`);
    assert.deepEqual(seen.questions, [], 'the store question was not asked');
    assert.equal(seen.configurationRequests, 0, 'a client without the capability is never asked for configuration');
    assert.equal(readFileSync(project.path('.env.local'), 'utf8'), `OPENAI_API_KEY=${key}\n`);
  });

  it('takes settings from initializationOptions (settings.rotationGuard), the env file path among them', async () => {
    server = await startServer({ rootPath: project.dir, capabilities: NO_CONFIGURATION, initializationOptions: { settings: { rotationGuard: { quickFix: { store: 'envFile' }, envFile: { path: '.env.dev' } } } } });
    const seen = watch(server);
    const key = fakeOpenAiKey();
    const { result } = await moveKey(server, project, key);
    assert.equal(result.moved, true, JSON.stringify(result));
    assert.deepEqual(seen.questions, []);
    assert.equal(readFileSync(project.path('.env.dev'), 'utf8'), `OPENAI_API_KEY=${key}\n`);
  });

  it('a later didChangeConfiguration without our section goes back to the defaults: the store is asked again', async () => {
    server = await startServer({ rootPath: project.dir, capabilities: NO_CONFIGURATION, initializationOptions: { rotationGuard: { quickFix: { store: 'envFile' } } } });
    const seen = watch(server);
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { otherServer: { x: 1 } } });
    const { result } = await moveKey(server, project, fakeOpenAiKey());
    assert.deepEqual(result, { moved: false, reason: 'cancelled' });
    assert.equal(seen.questions.length, 1);
    assert.match(seen.questions[0]!, /^Move the OPENAI_API_KEY value to/);
  });

  it('a client that answers workspace/configuration is still asked per resource; a pushed payload does not override it', async () => {
    server = await startServer({ rootPath: project.dir, settings: { quickFix: { store: 'envFile' } } });
    server.conn.onRequest(ApplyWorkspaceEditRequest.type, () => ({ applied: true }));
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { rotationGuard: { quickFix: { store: 'keychain' } } } });
    const key = fakeOpenAiKey();
    const { result } = await moveKey(server, project, key);
    assert.equal(result.moved, true, JSON.stringify(result));
    assert.equal(readFileSync(project.path('.env.local'), 'utf8'), `OPENAI_API_KEY=${key}\n`);
  });
});
