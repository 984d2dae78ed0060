import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { ExecuteCommandRequest, ShowDocumentRequest, type ShowDocumentParams } from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { MANUAL_KEY_PAGE, manualPolicyYaml } from '../helpers/manual-policy';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ServerCommands, type RotateNowResult } from '../../protocol/src/protocol';

const KEY_PAGE = MANUAL_KEY_PAGE;
const POLICY = manualPolicyYaml();

describe('Rotate now for a secret rotated by hand, over plain LSP (no input request exists: needs-value, then the value)', function () {
  this.timeout(30000);
  let project: TempProject;
  let server: InProcessServer;
  let policyUri: string;
  let oldKey: string;
  const shown: ShowDocumentParams[] = [];
  let onShown: () => void = () => undefined;

  beforeEach(async () => {
    oldKey = fakeOpenAiKey();
    project = tempProject('rg-lsp-manual-', { policy: POLICY });
    project.write('.env.local', `OPENAI_API_KEY=${oldKey}\n`, 0o600);
    policyUri = fileUri(project.path('rotation-policy.yaml'));
    server = await startInProcess(project.dir);
    shown.length = 0;
    server.conn.onRequest(ShowDocumentRequest.type, (p) => {
      shown.push(p);
      onShown();
      return { success: true };
    });
  });
  afterEach(() => {
    server.dispose();
    project.remove();
  });

  const rotate = (args: Record<string, unknown>) => server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.rotateNow, arguments: [{ id: 'openai-key', policyUri, ...args }] }) as Promise<RotateNowResult>;

  it('without a value: answers needs-value with the key page, starts nothing, and offers to open the page in the browser', async () => {
    server.answer = (q) => (q.actions?.some((a) => a.title === 'Open key page') ? 'Open key page' : undefined);
    const opened = new Promise<void>((resolve) => (onShown = resolve));
    const r = await rotate({});
    assert.equal(r.status, 'needs-value');
    assert.equal(r.url, KEY_PAGE);
    assert.match(r.message, /rotated by hand: create a new key at https:\/\/platform\.openai\.com\/api-keys/);
    assert.equal(existsSync(project.path('.rotation', 'ledger.jsonl')), false, 'no ledger entry, no lock');
    await opened;
    assert.deepEqual(shown.map((s) => [s.uri, s.external]), [[KEY_PAGE, true]]);
    assert.equal(readFileSync(project.path('.env.local'), 'utf8'), `OPENAI_API_KEY=${oldKey}\n`);
  });

  it('with announce: false asks nothing itself; with the value it rotates, and the value is in no message, result or ledger', async () => {
    const first = await rotate({ announce: false });
    assert.equal(first.status, 'needs-value');
    assert.equal(server.questions.length, 0, 'the client asks; the server stays quiet');
    const newKey = fakeOpenAiKey();
    const r = await rotate({ announce: false, newValue: newKey });
    assert.equal(r.status, 'rotated', r.message);
    assert.equal(readFileSync(project.path('.env.local'), 'utf8'), `OPENAI_API_KEY=${newKey}\n`);
    const ledger = readFileSync(project.path('.rotation', 'ledger.jsonl'), 'utf8');
    assert.ok(!ledger.includes(newKey) && !ledger.includes(oldKey));
    assert.ok(!JSON.stringify([r, first, server.questions]).includes(newKey));
    // The same value again is refused by the provider (it is now the current one).
    const again = await rotate({ announce: false, newValue: newKey });
    assert.equal(again.status, 'failed');
    assert.match(again.message, /current one/);
    assert.ok(!again.message.includes(newKey));
  });
});
