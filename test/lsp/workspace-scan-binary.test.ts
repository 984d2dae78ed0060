import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DidOpenTextDocumentNotification, WorkspaceDiagnosticRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey, randomChars } from '../helpers/fake-keys';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { DIAGNOSTIC_SOURCE, FileCodes, ScanWorkspaceRequest, type SecretDiagnosticData } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

// A shelve/pickle-like cache of a model call, written at test time: NUL bytes (so binary), a
// recorded header and a provider key among the opcodes.
function shelveWith(token: string, key: string): Buffer {
  // SHORT_BINUNICODE (0x8c) carries its string's length: the scan honours it (textRuns ends the
  // string there), so it must be the header's real length — a fixed 0x2f cut the 40-character
  // token after 25 characters, and 1.2 % of random tokens then had no digit left to be found.
  const header = Buffer.from(`Authorization: Bearer ${token}`);
  return Buffer.concat([
    Buffer.from([0x80, 0x04, 0x95, 0x40, 0x01, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x8c, 0x07]),
    Buffer.from('headers'),
    Buffer.from([0x94, 0x8c, header.length]),
    header,
    Buffer.from([0x94, 0x8c, 0x03, 0, 0xff]),
    Buffer.from(key),
    Buffer.from([0x94, 0x2e]),
  ]);
}

for (const [where, entry] of [['in a worker thread (dist/server-scan-worker.js)', resolve('dist/server-scan-worker.js')], ['in the server thread', '']] as const)
describe(`language server: workspace scan of binary files ${where}`, function () {
  this.timeout(60000);
  let dir: string;
  let server: InProcessServer;
  let key: string;
  let token: string;
  let cache: Buffer;

  before(async () => {
    dir = tempProject('rg-lsp-binary-').dir;
    key = fakeOpenAiKey();
    token = randomChars(40);
    cache = shelveWith(token, key);
    writeFileSync(join(dir, 'responses.db'), cache);
    // A PNG with the same key in its bytes: pure binary, skipped.
    writeFileSync(join(dir, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(key)]));
    writeFileSync(join(dir, 'README.md'), '# nothing here\n');
    server = await startInProcess(dir, { capabilities: { workspace: { configuration: true } }, scanWorkerEntry: entry });
  });
  after(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes a container’s findings at the top of the file, naming byte offsets, values masked', async () => {
    const uri = fileUri(join(dir, 'responses.db'));
    const published = server.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const res = await server.conn.sendRequest(ScanWorkspaceRequest.type, {});
    assert.deepEqual([res.filesScanned, res.findings, res.skipped], [2, 2, 1], 'the container and the README scanned, the PNG skipped');
    const p = await published;
    assert.deepEqual(p.diagnostics.map((d) => d.code).sort(), ['secret/authorization-header', 'secret/openai-api-key']);
    for (const d of p.diagnostics) {
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(d.source, DIAGNOSTIC_SOURCE);
      const data = d.data as SecretDiagnosticData;
      assert.equal(data.kind, 'secret');
      assert.equal(data.replacement, '', 'recorded data has no reference to put in');
      assert.match(d.message, new RegExp(`^In a binary file at byte ${data.byteOffset}: .*\\(${data.preview.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
      assert.match(d.message, /recorded data, not text: delete or re-record the file/);
      const raw = JSON.stringify(d);
      assert.ok(!raw.includes(key) && !raw.includes(token), 'no value in the diagnostic');
    }
    const openai = p.diagnostics.find((d) => d.code === 'secret/openai-api-key')!;
    assert.equal((openai.data as SecretDiagnosticData).byteOffset, cache.indexOf(key));
  });

  it('an open binary document is still diagnosed by the live validator: one file/binary note', async () => {
    const uri = fileUri(join(dir, 'opened.db'));
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text: shelveWith(token, key).toString('latin1') } });
    const p = await server.waitForDiagnostics(uri, () => true);
    assert.deepEqual(p.diagnostics.map((d) => d.code), [FileCodes.binary]);
  });
});

describe('language server: workspace/diagnostic pull (LSP 3.17) reads binary containers as the scan does', function () {
  this.timeout(60000);
  it('answers the container’s findings at 0:0 with byte offsets and byte lengths, and skips the PNG', async () => {
    const dir = tempProject('rg-lsp-binary-pull-').dir;
    const key = fakeOpenAiKey();
    const cache = shelveWith(randomChars(40), key);
    writeFileSync(join(dir, 'responses.db'), cache);
    writeFileSync(join(dir, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(key)]));
    const server = await startInProcess(dir, { capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
    try {
      const report = await server.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const byUri = new Map(report.items.map((i) => [i.uri, i]));
      assert.ok(!byUri.has(fileUri(join(dir, 'logo.png'))), 'a PNG is pure binary: nothing to report');
      const item = byUri.get(fileUri(join(dir, 'responses.db')));
      assert.equal(item?.kind, 'full');
      const openai = (item as { items: Diagnostic[] }).items.find((d) => d.code === 'secret/openai-api-key')!;
      const data = openai.data as SecretDiagnosticData;
      assert.deepEqual(openai.range.start, { line: 0, character: 0 });
      assert.deepEqual([data.byteOffset, data.byteLength], [cache.indexOf(key), key.length]);
      assert.ok(!JSON.stringify(report).includes(key), 'no value in the report');
    } finally {
      server.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
