import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { ScanWorkspaceRequest, ServerCommands, type MoveToStoreArgs } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

describe('language server over JSON-RPC: secrets', function () {
  this.timeout(30000);
  let server: ServerHandle;
  let dir: string;

  before(async () => {
    dir = tempProject('rg-lsp-ws-').dir;
    server = await startServer({ rootPath: dir });
  });

  after(async () => {
    if (server) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('advertises the capabilities the client relies on', () => {
    const caps = server.init.capabilities;
    assert.ok(caps.codeActionProvider, 'code actions');
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.completionProvider);
    assert.ok(caps.codeLensProvider);
    assert.equal(server.init.serverInfo?.name, 'rotation-guard');
  });

  it('flags a hardcoded OpenAI key in a .prompty at the exact range, without the value in the message', async () => {
    const key = fakeOpenAiKey();
    const text = `---\nname: support\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    api_key: ${key}\n---\nsystem:\nYou are helpful.\n`;
    const uri = fileUri(join(dir, 'support.prompty'));
    server.open(uri, 'prompty', text);
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const d = p.diagnostics.find((x) => x.code === 'secret/openai-api-key');
    assert.ok(d, `expected secret/openai-api-key, got ${JSON.stringify(p.diagnostics.map((x) => x.code))}`);
    assert.equal(d.source, 'rotation-guard');
    assert.deepEqual(d.range, { start: { line: 6, character: 13 }, end: { line: 6, character: 13 + key.length } });
    assert.ok(!d.message.includes(key) && !d.message.includes(key.slice(8, 40)), 'message must not contain the key');
    assert.ok(!JSON.stringify(d.data).includes(key.slice(8, 40)), 'data must not contain the key');
  });

  it('offers a quick fix that moves the value to a store and uses the file format\'s reference syntax', async () => {
    const key = fakeOpenAiKey();
    const text = `---\nmodel:\n  configuration:\n    api_key: "${key}"\n---\n`;
    const uri = fileUri(join(dir, 'quickfix.prompty'));
    server.open(uri, 'prompty', text);
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'secret/openai-api-key'));
    const diag = p.diagnostics.find((x) => x.code === 'secret/openai-api-key')!;
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore);
    assert.ok(move, `no move action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(move.title, /^Move secret to /);
    assert.equal(move.isPreferred, true);
    const args = move.command!.arguments![0] as MoveToStoreArgs;
    assert.equal(args.data.replacement, '${env:OPENAI_API_KEY}');
    assert.equal(args.data.envVar, 'OPENAI_API_KEY');
    assert.equal(args.version, 1);
    const allow = actions.find((a) => a.title.startsWith('Allow'));
    assert.ok(allow?.edit?.changes?.[uri]?.[0]?.newText.includes('rotation-guard:allow'));
  });

  it("in a Vue component's script: the key is flagged, the quick fix reads import.meta.env, and the allow marker is a JavaScript comment that clears it", async () => {
    const key = fakeOpenAiKey();
    const text = `<template>\n  <p>{{ reply }}</p>\n</template>\n<script setup lang="ts">\nconst token = session.user.token\nconst apiKey = '${key}'\n</script>\n`;
    const uri = fileUri(join(dir, 'Chat.vue'));
    server.open(uri, 'vue', text);
    const p = await server.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    // The member chain under `token` is code in the script; only the literal is a finding.
    assert.deepEqual(p.diagnostics.map((x) => [x.code, x.range.start.line]), [['secret/openai-api-key', 5]]);
    const diag = p.diagnostics[0]!;
    const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const move = actions.find((a) => a.command?.command === ServerCommands.moveToStore);
    assert.equal((move?.command?.arguments?.[0] as MoveToStoreArgs | undefined)?.data.replacement, 'import.meta.env.OPENAI_API_KEY');
    const edit = actions.find((a) => a.title.startsWith('Allow'))?.edit?.changes?.[uri]?.[0];
    assert.ok(edit, `no allow action in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(edit.newText, /^\/\/ rotation-guard:allow reason: /);
    // Applied, the marker suppresses the finding on the next line.
    const lines = text.split('\n');
    lines.splice(edit.range.start.line, 0, edit.newText.replace(/\n$/, ''));
    void server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: lines.join('\n') }] });
    await server.waitForDiagnostics(uri, (d) => d.version === 2 && d.diagnostics.length === 0);
  });

  it('clears the problem once the key is replaced with a reference, and drops results of stale versions', async () => {
    const key = fakeOpenAiKey();
    const uri = fileUri(join(dir, 'edit.prompty'));
    server.open(uri, 'prompty', `api_key: ${key}\n`);
    await server.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    // Two changes back to back: only the last version's (empty) result may be published.
    void server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: `api_key: ${key} \n` }] });
    void server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'api_key: ${env:OPENAI_API_KEY}\n' }] });
    const p = await server.waitForDiagnostics(uri, (d) => d.version === 3);
    assert.deepEqual(p.diagnostics, []);
    void server.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  });

  it('honours rotationGuard.enable = false from the client configuration', async () => {
    const other = await startServer({ rootPath: dir, settings: { enable: false } });
    try {
      const uri = fileUri(join(dir, 'disabled.prompty'));
      other.open(uri, 'prompty', `api_key: ${fakeOpenAiKey()}\n`);
      const p = await other.waitForDiagnostics(uri);
      assert.deepEqual(p.diagnostics, []);
    } finally {
      await other.stop();
    }
  });

  it('scans the workspace on request, skipping git-ignored and pure binary files', async () => {
    const ws = tempProject('rg-lsp-scan-').dir;
    try {
      mkdirSync(join(ws, 'prompts'));
      writeFileSync(join(ws, 'prompts', 'system.md'), `Use this key: ${fakeOpenAiKey()}\n`);
      writeFileSync(join(ws, 'ignored.txt'), `key ${fakeOpenAiKey()}\n`);
      writeFileSync(join(ws, '.gitignore'), 'ignored.txt\n');
      // An image is skipped; other binary files are containers scanned as their text (core/detect/scan-bytes.ts).
      writeFileSync(join(ws, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
      writeFileSync(join(ws, 'blob.bin'), Buffer.from([0, 1, 2, 0, 255, 0, 7, 0]));
      const s = await startServer({ rootPath: ws });
      try {
        const uri = fileUri(join(ws, 'prompts', 'system.md'));
        const wait = s.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
        const res = await s.conn.sendRequest(ScanWorkspaceRequest.type, {});
        const diags: Diagnostic[] = (await wait).diagnostics;
        assert.equal(diags[0]!.code, 'secret/openai-api-key');
        assert.equal(res.filesScanned, 3, 'system.md, .gitignore and blob.bin; not ignored.txt, not the image');
        assert.equal(res.findings, 1);
        assert.equal(res.skipped, 1, 'the image');
      } finally {
        await s.stop();
      }
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('shuts down cleanly on shutdown + exit', async () => {
    const s = await startServer();
    assert.equal(await s.stop(), 0);
  });
});
