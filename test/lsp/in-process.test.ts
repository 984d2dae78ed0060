import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  WorkspaceDiagnosticRequest,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { parse } from 'yaml';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { FileCodes, ServerCommands } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

describe('language server in process (createServer over a stream pair)', function () {
  this.timeout(30000);
  let dir: string;
  let server: InProcessServer;

  beforeEach(async () => {
    dir = tempProject('rg-lsp-inproc-').dir;
    server = await startInProcess(dir, { settings: { quickFix: { store: 'envFile' }, envFile: { path: '.env.local' } } });
  });
  afterEach(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openWithKey(name: string, text: string): Promise<{ uri: string; diag: Diagnostic }> {
    const uri = fileUri(join(dir, name));
    writeFileSync(join(dir, name), text);
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'prompty', version: 1, text } });
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'secret/openai-api-key'));
    return { uri, diag: p.diagnostics.find((x) => x.code === 'secret/openai-api-key')! };
  }

  it('moves a value to the env file through a new policy, records it in the ledger, and edits the file with workspace/applyEdit', async () => {
    const key = fakeOpenAiKey();
    const { uri, diag } = await openWithKey('support.prompty', `---\nmodel:\n  configuration:\n    api_key: "${key}"\n---\n`);
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore)!;
    assert.ok(move, 'a move action');
    const result = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: move.command!.command, arguments: move.command!.arguments! })) as { moved: boolean; secretId: string };
    assert.equal(result.moved, true, JSON.stringify(result));
    // The value is in the env file the policy names, under the secret's env var.
    assert.match(readFileSync(join(dir, '.env.local'), 'utf8'), new RegExp(`^OPENAI_API_KEY=.*${key}`, 'm'));
    // The policy was created with the secret, its store, references and a compromise trigger.
    const policy = parse(readFileSync(join(dir, 'rotation-policy.yaml'), 'utf8'));
    const secret = policy.secrets.find((s: { id: string }) => s.id === result.secretId);
    assert.equal(secret.id, 'openai-api-key');
    assert.deepEqual(secret.stores, ['dotenv']);
    assert.deepEqual(policy.stores.dotenv, { type: 'env-file', path: '.env.local' });
    assert.deepEqual(secret.references, { env: ['OPENAI_API_KEY'], files: ['support.prompty'] });
    assert.deepEqual(secret.triggers, [{ on: 'exposed-in-file', action: 'rotate-now' }]);
    assert.equal(secret.kind, 'api-key');
    // The ledger has the store and the exposure (file:line), and never the value.
    const ledger = readFileSync(join(dir, '.rotation', 'ledger.jsonl'), 'utf8');
    assert.ok(!ledger.includes(key) && !ledger.includes(key.slice(10, 30)), 'no value in the ledger');
    const entries = ledger.trim().split('\n').map((l) => JSON.parse(l) as { step: string; detail: string; newFingerprint?: string; oldFingerprint?: string });
    assert.deepEqual(entries.map((e) => e.step), ['store', 'mark-compromised']);
    assert.match(entries[1]!.detail, /exposed in support\.prompty:4 \(secret\/openai-api-key\)/);
    assert.equal(entries[0]!.newFingerprint, entries[1]!.oldFingerprint);
    // The document edit replaced the quoted value with the format's reference.
    const change = server.edits.at(-1)!.edit.changes![uri]!;
    assert.deepEqual(change.map((e) => e.newText), ['${env:OPENAI_API_KEY}']);
    assert.equal(change[0]!.range.start.line, 3);
  });

  it('asks with window/showMessageRequest when no store is configured, and does nothing when the question is dismissed', async () => {
    server.settings = {};
    const key = fakeOpenAiKey();
    const { uri, diag } = await openWithKey('ask.prompty', `api_key: ${key}\n`);
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore)!;
    const result = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: move.command!.command, arguments: move.command!.arguments! })) as { moved: boolean };
    assert.equal(result.moved, false);
    assert.deepEqual(server.questions.at(-1)!.actions!.map((a) => a.title), ['env file (.env.local)', 'OS keychain', 'pass']);
    assert.equal(existsSync(join(dir, 'rotation-policy.yaml')), false, 'no policy written');
    assert.equal(existsSync(join(dir, '.env.local')), false, 'no value written');
    assert.equal(server.edits.length, 0);
  });

  it('answers requests about unknown documents and unknown commands with errors, and keeps serving', async () => {
    await assert.rejects(server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri(join(dir, 'nope.yaml')) }, position: { line: 0, character: 0 } }), /unknown document/);
    await assert.rejects(server.conn.sendRequest(ExecuteCommandRequest.type, { command: 'rotationGuard.server.nope', arguments: [] }), /unknown command/);
    await assert.rejects(server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.moveToStore, arguments: [] }), /takes one object argument/);
    // A change for a document that was never opened is ignored; the server still validates others.
    void server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: fileUri(join(dir, 'ghost.txt')), version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 100, character: 5 } }, text: 'x' }] });
    await openWithKey('still.prompty', `api_key: ${fakeOpenAiKey()}\n`);
  });

  it('survives a handler that fails on malformed input (a code action request with broken diagnostic data)', async () => {
    const { uri, diag } = await openWithKey('broken.prompty', `api_key: ${fakeOpenAiKey()}\n`);
    const broken = { ...diag, data: { kind: 'secret', replacement: 'x' } }; // no ranges, no env var
    await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [broken] } }).catch(() => undefined);
    await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.rotateNow, arguments: [{ id: 'x', policyUri: 'untitled:nowhere' }] }).then(
      () => assert.fail('expected an error response'),
      (err: Error) => assert.match(err.message, /not a policy file/),
    );
    // Still answering and validating.
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    assert.ok(actions.some((a) => a.command?.command === ServerCommands.moveToStore));
    await openWithKey('after.prompty', `api_key: ${fakeOpenAiKey()}\n`);
  });

  it('skips a binary document with one information diagnostic', async () => {
    const uri = fileUri(join(dir, 'blob.txt'));
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: `\u0000\u0001ELF api_key: ${fakeOpenAiKey()}` } });
    const p = await server.waitForDiagnostics(uri, () => true);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity]), [[FileCodes.binary, 3]]);
  });
});

describe('language server in process: pull diagnostics (LSP 3.17)', function () {
  this.timeout(30000);
  it('answers textDocument/diagnostic when the client supports it, and does not push', async () => {
    const dir = tempProject('rg-lsp-pull-').dir;
    const server = await startInProcess(dir, { capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
    try {
      assert.ok(server.init.capabilities.diagnosticProvider, 'diagnosticProvider advertised');
      let pushed = 0;
      server.conn.onNotification('textDocument/publishDiagnostics', () => pushed++);
      const uri = fileUri(join(dir, 'p.prompty'));
      await server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'prompty', version: 1, text: `api_key: ${fakeOpenAiKey()}\n` } });
      const report = (await server.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[] };
      assert.equal(report.kind, 'full');
      assert.deepEqual(report.items.map((d) => d.code), ['secret/openai-api-key']);
      assert.equal(pushed, 0);
      // workspace/diagnostic: the files on disk (the open one is left to textDocument/diagnostic).
      writeFileSync(join(dir, 'disk.md'), `token: ${fakeOpenAiKey()}\n`);
      writeFileSync(join(dir, 'clean.md'), 'nothing here\n');
      const ws = (await server.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] })) as WorkspaceDiagnosticReport;
      assert.deepEqual(ws.items.map((i) => [i.uri.slice(fileUri(dir).length + 1), i.kind, (i as { items: Diagnostic[] }).items.map((d) => d.code)]), [['disk.md', 'full', ['secret/openai-api-key']]]);
    } finally {
      server.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
