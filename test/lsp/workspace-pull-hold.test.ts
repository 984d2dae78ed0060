import { strict as assert } from 'node:assert';
import {
  CancellationTokenSource,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  HoverRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, PULL_CLIENT, startServer, type ServerHandle, within } from '../helpers/lsp-server';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ScanWorkspaceRequest } from '../../protocol/src/protocol';

// A workspace pull with nothing new is held open (LSP 3.17) instead of answered: VS Code's client
// re-pulls 2 s after every answer, and each answer used to rescan the whole workspace. The real
// server process over JSON-RPC.
type WsItem = WorkspaceDocumentDiagnosticReport;
const idsOf = (items: WsItem[]): PreviousResultId[] => items.map((i) => ({ uri: i.uri, value: i.resultId! }));
const codes = (i: WsItem | undefined) => (i && i.kind === 'full' ? i.items.map((d: Diagnostic) => d.code) : undefined);

/**
 * "Not answered yet" can only be shown by waiting: the one place these tests use a window. 3 s is
 * many times what a full answer of this three-file workspace takes (the first pull, timed below:
 * the start of the scan worker thread, ~0.3 s, and a few milliseconds of reading).
 */
const NOT_ANSWERED_WINDOW_MS = 3000;
async function notAnsweredWithin<T>(p: Promise<T>, ms = NOT_ANSWERED_WINDOW_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([p.then(() => 'answered' as const, () => 'answered' as const), new Promise<'pending'>((res) => (timer = setTimeout(() => res('pending'), ms)))]);
  clearTimeout(timer);
  return r === 'pending';
}
/** The answer, or a clear failure after `ms` (a wait on the response, not a sleep). */

describe('language server over JSON-RPC: held workspace pulls', function () {
  this.timeout(30000);
  let project: TempProject;
  let server: ServerHandle;
  const uriOf = (name: string) => fileUri(project.path(name));

  beforeEach(async () => {
    project = tempProject('rg-lsp-hold-', { files: { 'a.md': `token: ${fakeOpenAiKey()}\n`, 'b.md': 'nothing here\n', 'c.py': 'print("hello")\n' } });
    server = await startServer({ rootPath: project.dir, capabilities: PULL_CLIENT });
  });
  afterEach(async () => {
    await server.stop();
    project.remove();
  });

  const pull = (previousResultIds: PreviousResultId[], token?: CancellationTokenSource) =>
    server.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }, token?.token).then((r) => r.items);

  async function firstAnswer(): Promise<{ items: WsItem[]; ms: number }> {
    const t0 = performance.now();
    const items = await pull([]);
    return { items, ms: performance.now() - t0 };
  }

  it('holds a pull with nothing changed, and answers with the change once a file is written and didChangeWatchedFiles arrives', async () => {
    const first = await firstAnswer();
    assert.deepEqual(first.items.map((i) => [i.uri, codes(i)]), [[uriOf('a.md'), ['secret/openai-api-key']]]);
    assert.ok(first.ms < NOT_ANSWERED_WINDOW_MS / 3, `a full answer (${first.ms.toFixed(0)} ms) is well inside the window`);

    const held = pull(idsOf(first.items));
    assert.ok(await notAnsweredWithin(held), 'the second pull, with nothing changed, is held');

    project.write('b.md', `moved here: ${fakeOpenAiKey()}\n`);
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('b.md'), type: FileChangeType.Changed }] });
    const items = await within(held, 5000, 'the held pull after didChangeWatchedFiles');
    const byUri = new Map(items.map((i) => [i.uri, i]));
    assert.deepEqual(codes(byUri.get(uriOf('b.md'))), ['secret/openai-api-key'], 'the new finding');
    assert.equal(byUri.get(uriOf('a.md'))?.kind, 'unchanged');
  });

  it('a held pull answers when a settings change alters what is flagged', async () => {
    server.settings = { exclude: [] };
    const first = await pull([]);
    assert.equal(first.length, 1);
    const held = pull(idsOf(first));
    assert.ok(await notAnsweredWithin(held), 'held while nothing changed');

    server.settings = { exclude: ['a.md'] };
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    const items = await within(held, 5000, 'the held pull after a settings change');
    assert.deepEqual(items.map((i) => [i.uri, i.kind, codes(i)]), [[uriOf('a.md'), 'full', []]], 'the now-excluded file is cleared');
  });

  it('a held pull is cancelled cleanly ($/cancelRequest) and other requests are answered meanwhile', async () => {
    const first = await pull([]);
    const cancel = new CancellationTokenSource();
    const held = pull(idsOf(first), cancel);
    held.catch(() => undefined);
    assert.ok(await notAnsweredWithin(held), 'held');

    // While it is held, a document pull and a hover are answered.
    const open = uriOf('open.env');
    server.open(open, 'dotenv', `OPENAI_API_KEY=${fakeOpenAiKey()}\n`);
    const doc = await within(server.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: open } }), 5000, 'a document pull while a workspace pull is held');
    assert.equal(doc.kind, 'full');
    await within(server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: open }, position: { line: 0, character: 2 } }), 5000, 'a hover while a workspace pull is held');

    cancel.cancel();
    const err = await within(held.then(() => undefined, (e: { code?: number }) => e), 5000, 'the cancelled pull');
    assert.equal(err?.code, -32800, 'answered RequestCancelled, which vscode-languageclient treats as cancelled (no error logged, pulls again)');

    // The server goes on: a new pull after a change answers.
    project.write('c.py', `KEY = "${fakeOpenAiKey()}"\n`);
    const again = await within(pull(idsOf(first)), 5000, 'a pull after a cancelled one');
    assert.deepEqual(codes(again.find((i) => i.uri === uriOf('c.py'))), ['secret/openai-api-key']);
  });

  it('Scan Workspace with a pulling client: nothing is pushed (VS Code would count it twice), the counts come back, and the held pull answers what the scan found', async () => {
    const first = await pull([]);
    const held = pull(idsOf(first));
    assert.ok(await notAnsweredWithin(held), 'held');
    // b.md changes on disk with no watched-file event: only the scan can find it
    project.write('b.md', `found by the scan: ${fakeOpenAiKey()}\n`);
    project.write('huge.log', 'x'.repeat(2048 * 1024 + 1)); // over maxFileSizeKB: skipped, not read
    let pushed = false;
    server.waitForDiagnostics(uriOf('b.md'), () => true, 20000).then(() => (pushed = true), () => undefined);
    const counts = await within(server.conn.sendRequest(ScanWorkspaceRequest.type, {}), 10000, 'the scan');
    assert.deepEqual([counts.filesScanned, counts.findings, counts.skipped], [3, 2, 1]);
    const answer = await within(held, 5000, 'the held pull after the scan');
    assert.deepEqual(codes(answer.find((i) => i.uri === uriOf('b.md'))), ['secret/openai-api-key']);
    assert.equal(answer.find((i) => i.uri === uriOf('a.md'))?.kind, 'unchanged', 'the same findings keep their id');
    // A push would have arrived before the scan's answer (one connection, in order); one more
    // turn of the event loop lets its handler run.
    await new Promise((r) => setImmediate(r));
    assert.equal(pushed, false, 'the scan pushed diagnostics to a client that pulls');
  });

  it('shuts down cleanly with a pull held: the pull ends ServerCancelled and the process exits 0', async () => {
    const first = await pull([]);
    const held = pull(idsOf(first)).then(() => undefined, (e: { code?: number; data?: unknown }) => e);
    assert.ok(await notAnsweredWithin(held), 'held');
    const stopping = server.stop();
    const err = await within(held, 5000, 'the held pull at shutdown');
    assert.equal(err?.code, -32802, 'ServerCancelled: vscode-languageclient logs nothing for it');
    assert.deepEqual(err?.data, { retriggerRequest: false });
    assert.equal(await within(stopping, 5000, 'exit'), 0);
    server = { stop: async () => null } as unknown as ServerHandle; // already stopped for afterEach
  });
});
