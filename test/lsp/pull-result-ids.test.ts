import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { keyedFingerprint } from '../../core/values/fingerprint';
import { appendLedgerEntry } from '../../core/ledger/append';
import { fakeHumanPassword, fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, PULL_CLIENT, startServer, type ServerHandle } from '../helpers/lsp-server';
import { EMPTY_POLICY } from '../helpers/policy-text';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { RefreshNotification } from '../../protocol/src/protocol';

// LSP 3.17 pull diagnostics with result ids, against the real server process over JSON-RPC: a
// client sending back the id it holds gets `unchanged` until that file's diagnostics change.

type Full = { kind: 'full'; resultId?: string; items: Diagnostic[] };
type WsItem = WorkspaceDocumentDiagnosticReport;

describe('language server over JSON-RPC: pull diagnostics with result ids', function () {
  this.timeout(30000);
  let project: TempProject;
  let server: ServerHandle;
  const fingerprintKey = randomBytes(32);

  beforeEach(async () => {
    project = tempProject('rg-lsp-resultid-');
    server = await startServer({ rootPath: project.dir, capabilities: PULL_CLIENT, env: { ROTATION_GUARD_FINGERPRINT_KEY: fingerprintKey.toString('base64') } });
  });
  afterEach(async () => {
    await server.stop();
    project.remove();
  });

  const pullDocument = (uri: string, previousResultId?: string) =>
    server.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }) as Promise<DocumentDiagnosticReport>;
  const pullWorkspace = async (previousResultIds: PreviousResultId[]) => (await server.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds })).items;
  /** The ids a client would send back: the last one it got per file. */
  const idsOf = (items: WsItem[]): PreviousResultId[] => items.map((i) => ({ uri: i.uri, value: i.resultId! }));
  const byName = (items: WsItem[]) => new Map(items.map((i) => [i.uri.slice(fileUri(project.dir).length + 1), i]));
  const codes = (r: { kind: string }) => (r as Full).items.map((d) => d.code);

  it('textDocument/diagnostic: full with an id, unchanged for that id, full with a new id after an edit adds a key', async () => {
    const uri = fileUri(project.path('app.env'));
    server.open(uri, 'dotenv', 'LOG_LEVEL=debug\n');
    const first = await pullDocument(uri);
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first), []);
    assert.ok(first.resultId, 'a full report carries a result id');

    const again = await pullDocument(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });

    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `OPENAI_API_KEY=${fakeOpenAiKey()}\n` }],
    });
    const edited = await pullDocument(uri, first.resultId);
    assert.equal(edited.kind, 'full');
    assert.deepEqual(codes(edited), ['secret/openai-api-key']);
    assert.ok(edited.resultId && edited.resultId !== first.resultId, 'new diagnostics, new id');
    assert.deepEqual(await pullDocument(uri, edited.resultId), { kind: 'unchanged', resultId: edited.resultId });

    // Removing the key again gives back the clean file's id: the id is the content's, not a count of pulls.
    await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'LOG_LEVEL=debug\n' }] });
    const cleaned = await pullDocument(uri, edited.resultId);
    assert.deepEqual(cleaned, { kind: 'full', resultId: first.resultId, items: [] });
  });

  it('workspace/diagnostic: unchanged for untouched files, full for a changed one, full and empty for a fixed or deleted one', async () => {
    project.write('a.md', `token: ${fakeOpenAiKey()}\n`);
    project.write('b.md', `token: ${fakeOpenAiKey()}\n`);
    project.write('c.md', `token: ${fakeOpenAiKey()}\n`);
    project.write('clean.md', 'nothing here\n');
    const first = await pullWorkspace([]);
    assert.deepEqual([...byName(first)].map(([n, i]) => [n, i.kind, codes(i)]).sort(), [
      ['a.md', 'full', ['secret/openai-api-key']],
      ['b.md', 'full', ['secret/openai-api-key']],
      ['c.md', 'full', ['secret/openai-api-key']],
    ]);
    assert.ok(first.every((i) => i.resultId), 'every full item has a result id');

    // A pull with nothing changed is held (test/lsp/workspace-pull-hold.test.ts): an edit to the clean
    // file makes this one answer, and the files whose diagnostics did not change come back `unchanged`.
    project.write('clean.md', 'nothing here\nstill nothing\n');
    const second = await pullWorkspace(idsOf(first));
    assert.deepEqual([...byName(second)].map(([n, i]) => [n, i.kind]).sort(), [['a.md', 'unchanged'], ['b.md', 'unchanged'], ['c.md', 'unchanged']]);
    assert.deepEqual(idsOf(second), idsOf(first));

    project.write('a.md', `token: ${fakeOpenAiKey()}\nsecond: ${fakeOpenAiKey()}\n`); // one more finding
    project.write('b.md', 'the token was moved to the keychain\n'); // fixed
    unlinkSync(project.path('c.md')); // gone
    const third = byName(await pullWorkspace(idsOf(first)));
    const a = third.get('a.md')!;
    assert.equal(a.kind, 'full');
    assert.deepEqual(codes(a), ['secret/openai-api-key', 'secret/openai-api-key']);
    assert.notEqual(a.resultId, byName(first).get('a.md')!.resultId);
    for (const name of ['b.md', 'c.md']) {
      const cleared = third.get(name);
      assert.ok(cleared, `${name} is reported so the client clears it`);
      assert.equal(cleared.kind, 'full');
      assert.deepEqual(codes(cleared), []);
    }
    assert.equal(third.has('clean.md'), false, 'a clean file the client holds nothing for is not reported');

    // Once the client holds the empty reports, nothing more is sent for the deleted file.
    project.write('clean.md', 'nothing here at all\n');
    const fourth = byName(await pullWorkspace(idsOf([...third.values()])));
    assert.deepEqual([...fourth].map(([n, i]) => [n, i.kind]).sort(), [['a.md', 'unchanged'], ['b.md', 'unchanged']]);
  });

  it('a changed setting (minConfidence) gives full reports to a client still holding the old ids', async () => {
    server.settings = { minConfidence: 0 };
    // A password that does not look generated, in documentation prose: shown only at minConfidence 0.
    const prose = `${['The database', 'password:', 'bluesky-mountain7', 'is set on the server.'].join(' ')}\n`;
    project.write('guide.md', prose);
    const openUri = fileUri(project.path('open.md'));
    server.open(openUri, 'markdown', prose);
    const doc = await pullDocument(openUri);
    const ws = await pullWorkspace([]);
    assert.equal(codes(doc).length, 1, 'the weak finding is shown at minConfidence 0');
    assert.deepEqual([...byName(ws)].map(([n, i]) => [n, codes(i).length]), [['guide.md', 1]]);

    const refreshed = server.nextDiagnosticRefresh();
    server.settings = {};
    await server.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await refreshed; // the server asks the client to pull again
    const docAfter = await pullDocument(openUri, doc.resultId);
    assert.equal(docAfter.kind, 'full');
    assert.deepEqual(codes(docAfter), []);
    assert.notEqual(docAfter.resultId, doc.resultId);
    const after = byName(await pullWorkspace(idsOf(ws))).get('guide.md')!;
    assert.equal(after.kind, 'full');
    assert.deepEqual(codes(after), []);
    assert.notEqual(after.resultId, ws[0]!.resultId);
  });

  it('a ledger change read on rotationGuard/refresh gives a full report for the file holding the retired value', async () => {
    const oldPw = fakeHumanPassword();
    project.writePolicy(EMPTY_POLICY);
    project.write('notes.txt', `the db password is ${oldPw}\n`);
    const before = await pullWorkspace([]);
    assert.equal(byName(before).has('notes.txt'), false, 'a password no pattern knows is not flagged yet');
    // The client reports what it holds (nothing for notes.txt) and the empty id for a file it once cleared.
    const held = await pullWorkspace([{ uri: fileUri(project.path('notes.txt')), value: 'an-id-from-an-earlier-session' }]);
    assert.deepEqual(byName(held).get('notes.txt')?.kind, 'full', 'an unknown id never counts as unchanged');
    const heldIds = idsOf(held);

    await appendLedgerEntry(project.path('.rotation', 'ledger.jsonl'), { secretId: 'pg-app', step: 'finish', outcome: 'ok', rotationId: 'r1', oldFingerprint: keyedFingerprint(oldPw, fingerprintKey, 'value') });
    const refreshed = server.nextDiagnosticRefresh();
    await server.conn.sendNotification(RefreshNotification.type, {});
    await refreshed;
    const after = byName(await pullWorkspace(heldIds)).get('notes.txt');
    assert.ok(after, 'the file is reported again');
    assert.equal(after.kind, 'full');
    assert.deepEqual(codes(after), ['stale/revoked-key']);
    assert.ok(!JSON.stringify(after).includes(oldPw), 'the report never holds the value');
  });
});
