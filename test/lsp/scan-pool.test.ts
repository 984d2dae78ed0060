import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanFiles } from '../../cli/src/scan/pool';
import { workerPoolRuns } from '../../core/files';
import { DidOpenTextDocumentNotification, ExecuteCommandRequest, WorkspaceDiagnosticRequest } from 'vscode-languageserver-protocol/node';
import { loadPolicyFile } from '../../core/policy';
import { ScanWorkspaceRequest, ServerCommands, type CreatePolicyResult } from '../../protocol/src/protocol';
import { fileUri } from '../helpers/lsp-server';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { tempProject } from '../helpers/temp-project';

// Issue #20: one pool of scan worker threads (core/files/worker-pool.ts) for `rotation-guard scan`
// and the language server's workspace scan and pull, each with the worker script its bundle provides.
describe('one scan worker pool for the CLI scan and the server’s workspace scan', function () {
  this.timeout(60000);
  let dir: string;
  let server: InProcessServer;
  const files: string[] = [];

  before(async () => {
    dir = tempProject('rg-scan-pool-').dir;
    for (let i = 0; i < 40; i++) {
      const sub = join(dir, `d${i % 4}`);
      mkdirSync(sub, { recursive: true });
      const file = join(sub, `f${i}.md`);
      writeFileSync(file, i === 3 ? `key ${fakeOpenAiKey()}\n` : `# note ${i}\n`);
      files.push(file);
    }
    server = await startInProcess(dir, { capabilities: { workspace: { configuration: true } }, scanWorkerEntry: resolve('dist/server-scan-worker.js') });
  });
  after(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the server’s workspace scan runs in the pool', async () => {
    const before = workerPoolRuns.count;
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.equal(workerPoolRuns.count, before + 1);
    assert.equal(res.filesScanned, 40);
    assert.equal(res.findings, 1);
  });

  it('the server’s workspace pull runs the same pass in the pool, and finds the same', async () => {
    const pulling = await startInProcess(dir, { capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } }, scanWorkerEntry: resolve('dist/server-scan-worker.js') });
    try {
      const before = workerPoolRuns.count;
      const { items } = await pulling.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      assert.equal(workerPoolRuns.count, before + 1);
      assert.deepEqual(items.map((i) => [i.uri, i.kind === 'full' ? i.items.map((d) => d.code) : []]), [[fileUri(files[3]!), ['secret/openai-api-key']]]);
    } finally {
      pulling.dispose();
    }
  });

  it('the workspace pull’s passes reuse one scan worker thread; a one-off pass (Create Policy, a pushed Scan Workspace) starts and ends its own', async () => {
    const project = tempProject('rg-scan-pool-resident-', { files: { 'a.md': `key ${fakeOpenAiKey()}\n`, 'c.md': '# notes\n' } });
    const pulling = await startInProcess(project.dir, { capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } }, scanWorkerEntry: resolve('dist/server-scan-worker.js') });
    const pushing = await startInProcess(project.dir, { capabilities: { workspace: { configuration: true } }, scanWorkerEntry: resolve('dist/server-scan-worker.js') });
    try {
      let [runs, started] = [workerPoolRuns.count, workerPoolRuns.started];
      const { items } = await pulling.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      assert.deepEqual(items.flatMap((i) => (i.kind === 'full' && i.items.length ? [i.uri] : [])), [fileUri(project.path('a.md'))]);
      // Scan Workspace in a pulling client is a pass of the pull (every file read again).
      for (let i = 0; i < 2; i++) assert.equal((await pulling.conn.sendRequest(ScanWorkspaceRequest.type, {})).findings, 1);
      assert.deepEqual([workerPoolRuns.count - runs, workerPoolRuns.started - started], [3, 1], 'pull passes, worker threads started');
      [runs, started] = [workerPoolRuns.count, workerPoolRuns.started];
      for (let i = 0; i < 2; i++) assert.equal((await pushing.conn.sendRequest(ScanWorkspaceRequest.type, {})).findings, 1);
      const r = (await pulling.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ announce: false }] })) as CreatePolicyResult;
      assert.deepEqual([r.created, r.findings], [true, 1], r.message);
      assert.deepEqual([workerPoolRuns.count - runs, workerPoolRuns.started - started], [3, 3], 'one-off passes, worker threads started');
    } finally {
      pulling.dispose();
      pushing.dispose();
      project.remove();
    }
  });

  for (const where of ['the pool', 'the server thread'] as const) {
    it(`Create Policy from Findings runs the same pass in ${where}, reading an open document from disk`, async () => {
      const project = tempProject('rg-scan-pool-create-', { files: { 'a.md': `key ${fakeOpenAiKey()}\n`, 'b.md': `key ${fakeOpenAiKey()}\n`, 'c.md': '# notes\n' } });
      const creating = await startInProcess(project.dir, { capabilities: { workspace: { configuration: true } }, scanWorkerEntry: where === 'the pool' ? resolve('dist/server-scan-worker.js') : '' });
      try {
        // Open with a buffer that holds no key: the policy lists what the file on disk holds.
        await creating.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: fileUri(project.path('a.md')), languageId: 'markdown', version: 1, text: '# edited away\n' } });
        const before = workerPoolRuns.count;
        const r = (await creating.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ announce: false }] })) as CreatePolicyResult;
        assert.equal(workerPoolRuns.count, before + (where === 'the pool' ? 1 : 0));
        assert.deepEqual([r.created, r.secrets, r.findings], [true, 1, 2], r.message);
        assert.deepEqual(loadPolicyFile(project.path('rotation-policy.yaml')).policy?.secrets.flatMap((x) => x.references?.files ?? []).sort(), ['a.md', 'b.md']);
      } finally {
        creating.dispose();
        project.remove();
      }
    });
  }

  it('the CLI scan with worker threads runs in the same pool and finds the same', async () => {
    const before = workerPoolRuns.count;
    const results = await scanFiles(files, { maxBytes: 1 << 20, jobs: 2, entry: resolve('dist/scan-worker.js') });
    assert.equal(workerPoolRuns.count, before + 1);
    assert.deepEqual(results.map((r) => r.file), files);
    assert.deepEqual(results.flatMap((r, i) => (r.findings.length ? [i] : [])), [3]);
  });

  it('a server scan whose worker cannot start fails with an error instead of hanging', async () => {
    const broken = await startInProcess(dir, { capabilities: { workspace: { configuration: true } }, scanWorkerEntry: join(dir, 'no-such-worker.js') });
    try {
      await assert.rejects(broken.conn.sendRequest(ScanWorkspaceRequest.type, {}), /workspace scan failed/);
    } finally {
      broken.dispose();
    }
  });
});
