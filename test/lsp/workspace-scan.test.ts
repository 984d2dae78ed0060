import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CancellationTokenSource, DidOpenTextDocumentNotification, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { FileCodes, ScanWorkspaceRequest } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

for (const [where, entry] of [['in a worker thread (dist/server-scan-worker.js)', resolve('dist/server-scan-worker.js')], ['in the server thread', '']] as const)
describe(`language server: workspace scan ${where} with $/progress and cancellation`, function () {
  this.timeout(60000);
  let dir: string;
  let server: InProcessServer;
  const progress: Progress[] = [];

  before(async () => {
    dir = tempProject('rg-lsp-progress-').dir;
    for (let i = 0; i < 400; i++) {
      const sub = join(dir, `d${i % 10}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(join(sub, `f${i}.md`), i === 7 ? `key ${fakeOpenAiKey()}\n` : `# note ${i}\nnothing here\n`);
    }
    server = await startInProcess(dir, { capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } }, scanWorkerEntry: entry });
    server.conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    server.conn.onNotification('$/progress', (p: { token: string; value: Progress }) => progress.push(p.value));
  });
  after(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports begin, percentages with files done, and end', async () => {
    progress.length = 0;
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.equal(res.filesScanned, 400);
    assert.equal(res.findings, 1);
    assert.equal(progress[0]!.kind, 'begin');
    const reports = progress.filter((p): p is WorkDoneProgressReport => p.kind === 'report');
    assert.ok(reports.length >= 4, `${reports.length} reports`);
    assert.deepEqual(reports.map((r) => r.percentage), [...reports.map((r) => r.percentage!)].sort((a, b) => a - b), 'percentages only grow');
    assert.equal(reports.at(-1)!.percentage, 100);
    assert.equal(reports.at(-1)!.message, '400/400 files');
    assert.equal(progress.at(-1)!.kind, 'end');
  });

  it('stops when the request is cancelled, and says so', async () => {
    progress.length = 0;
    const source = new CancellationTokenSource();
    const first = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.kind === 'report')) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    const pending = server.conn.sendRequest(ScanWorkspaceRequest.type, {}, source.token);
    await first;
    source.cancel();
    const res = await pending;
    assert.equal(res.cancelled, true);
    assert.ok(res.filesScanned < 400, `${res.filesScanned} files`);
    assert.equal(progress.at(-1)!.kind, 'end');
  });

  it('skips a document over rotationGuard.maxFileSizeKB with one information diagnostic', async () => {
    const uri = fileUri(join(dir, 'huge.log'));
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'log', version: 1, text: `${'x'.repeat(80)}\n`.repeat(40_000) + `key ${fakeOpenAiKey()}\n` } });
    const p = await server.waitForDiagnostics(uri, () => true);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [[FileCodes.tooLarge, 3]]);
    assert.match(p.diagnostics[0]!.message, /3164 KB is over rotationGuard.maxFileSizeKB \(2048 KB\)/);
  });
});
