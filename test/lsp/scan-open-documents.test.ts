import { strict as assert } from 'node:assert';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, PULL_CLIENT, startServer, type ServerHandle } from '../helpers/lsp-server';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ScanWorkspaceRequest } from '../../protocol/src/protocol';

// The scan's count is what the editor counts for the workspace, open documents included: e2e
// journey 2 once read 9 in the status bar against the scan's 8 because a file was open (the
// editor trigger had opened it to read a value) and the walks leave open documents out.
for (const [client, capabilities] of [['pulls diagnostics', PULL_CLIENT], ['takes pushed diagnostics', { workspace: { configuration: true } }]] as const)
describe(`language server process: Scan Workspace counts open documents too (a client that ${client})`, function () {
  this.timeout(30000);
  let project: TempProject;
  let server: ServerHandle;

  before(async () => {
    project = tempProject('rg-lsp-scan-open-', { files: { 'closed.md': `key ${fakeOpenAiKey()}\n`, 'clean.md': '# nothing here\n', 'open.md': `key ${fakeOpenAiKey()}\n` } });
    server = await startServer({ rootPath: project.dir, capabilities });
  });
  after(async () => {
    await server?.stop();
    project.remove();
  });

  it('with nothing open: every file read, both findings', async () => {
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.deepEqual({ files: res.filesScanned, findings: res.findings }, { files: 3, findings: 2 });
  });

  it('with one of the two files open: the same counts (its finding was left out before)', async () => {
    const uri = fileUri(project.path('open.md'));
    server.open(uri, 'markdown', `key ${fakeOpenAiKey()}\n`);
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.deepEqual({ files: res.filesScanned, findings: res.findings }, { files: 3, findings: 2 });
  });
});
