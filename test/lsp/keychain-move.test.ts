import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyWorkspaceEditRequest, CodeActionRequest, ExecuteCommandRequest, type ApplyWorkspaceEditParams, type CodeAction } from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { startKeyring, type SystemKeyring } from '../helpers/system/keyring';
import { requireSystem } from '../helpers/system/processes';
import { snapshotDir } from '../helpers/system/snapshot';
import { storeOps } from '../helpers/system/store-client';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ServerCommands } from '../../protocol/src/protocol';

const WORKERS = snapshotDir(join(__dirname, '../integration/workers'));

describe('language server process: Move secret to the OS keychain (real gnome-keyring on a private D-Bus)', function () {
  this.timeout(60000);
  let keyring: SystemKeyring | undefined;
  let server: ServerHandle;
  let project: TempProject | undefined;
  const edits: ApplyWorkspaceEditParams[] = [];

  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring + dbus', startKeyring);
    project = tempProject('rg-lsp-keychain-');
    server = await startServer({ rootPath: project.dir, env: keyring!.env as Record<string, string>, settings: { quickFix: { store: 'keychain' } } });
    server.conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      edits.push(p);
      return { applied: true };
    });
  });
  after(async () => {
    await server?.stop();
    await keyring?.stop();
    project?.remove();
  });

  it('stores the value under the policy secret in the keychain and replaces it in the file', async () => {
    const key = fakeOpenAiKey();
    const uri = fileUri(project!.path('app.py'));
    server.open(uri, 'python', `client = OpenAI(api_key="${key}")\n`);
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'secret/openai-api-key'));
    const diag = p.diagnostics.find((x) => x.code === 'secret/openai-api-key')!;
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore)!;
    assert.match(move.title, /the OS keychain/);
    const res = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: move.command!.command, arguments: move.command!.arguments! })) as { moved: boolean; secretId: string };
    assert.equal(res.moved, true, `${JSON.stringify(res)} ${server.stderr()}`);
    const policy = parse(readFileSync(project!.path('rotation-policy.yaml'), 'utf8'));
    assert.deepEqual(policy.stores.keychain, { type: 'keychain', service: 'rotation-guard' });
    const [got] = await storeOps(keyring!.env, [{ op: 'get', ref: policy.stores.keychain, secretId: res.secretId, stage: 'current' }], WORKERS);
    assert.equal(got!.value, key);
    assert.deepEqual(edits.at(-1)!.edit.changes![uri]!.map((e) => e.newText), ['os.environ["OPENAI_API_KEY"]']);
  });
});
