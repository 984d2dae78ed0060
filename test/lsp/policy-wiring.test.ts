import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, CodeLensRequest, type CodeAction, CompletionRequest, HoverRequest, type CompletionItem, type CodeLens, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, serverPerSuite, startServer } from '../helpers/lsp-server';
import { onePolicySecret } from '../helpers/policy-text';
import { SecretsStateRequest, ServerCommands, type SecretRef } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

// The policy language through the real server: the same core the CLI uses, wired to LSP features.
const policy = (kind: string, lastRotated: string) => onePolicySecret({ kind, lastRotated });

describe('language server over JSON-RPC: rotation policy', function () {
  this.timeout(30000);
  const suite = serverPerSuite('rg-lsp-policy-');

  it('underlines a wrong enum value at the value with code policy/schema', async () => {
    const uri = fileUri(join(suite.dir, 'rotation-policy.yaml'));
    suite.server.open(uri, 'yaml', policy('apikey', new Date().toISOString()));
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/schema'));
    const d = p.diagnostics.find((x) => x.code === 'policy/schema')!;
    assert.equal(d.source, 'rotation-guard');
    assert.deepEqual(d.range, { start: { line: 7, character: 10 }, end: { line: 7, character: 16 } });
  });

  it('reports an overdue secret as stale/overdue at its id, and a fresh one not at all', async () => {
    const overdueUri = fileUri(join(suite.dir, 'overdue.rotation.yaml'));
    suite.server.open(overdueUri, 'yaml', policy('api-key', '2020-01-01T00:00:00Z'));
    const p = await suite.server.waitForDiagnostics(overdueUri, (d) => d.diagnostics.length > 0);
    const stale = p.diagnostics.find((x) => x.code === 'stale/overdue');
    assert.ok(stale, `got ${JSON.stringify(p.diagnostics.map((x) => x.code))}`);
    assert.equal(stale.range.start.line, 6);

    const freshUri = fileUri(join(suite.dir, 'fresh.rotation.yaml'));
    suite.server.open(freshUri, 'yaml', policy('api-key', new Date().toISOString()));
    const q = await suite.server.waitForDiagnostics(freshUri);
    assert.ok(!q.diagnostics.some((x) => String(x.code).startsWith('stale/')), JSON.stringify(q.diagnostics.map((x) => x.code)));
  });

  it('hovers with the field documentation from the zod model', async () => {
    const uri = fileUri(join(suite.dir, 'fresh.rotation.yaml'));
    const hover = await suite.server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 9, character: 6 } });
    assert.ok(hover, 'hover on maxAge');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /maxAge|age/i);
  });

  it('completes enum values at a value position', async () => {
    const uri = fileUri(join(suite.dir, 'complete.rotation.yaml'));
    const text = policy('api-key', new Date().toISOString()).replace('kind: api-key', 'kind: ');
    suite.server.open(uri, 'yaml', text);
    await suite.server.waitForDiagnostics(uri);
    const items = (await suite.server.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 7, character: 10 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    for (const kind of ['api-key', 'password', 'token', 'private-key', 'connection-string']) assert.ok(labels.includes(kind), `${kind} in ${labels.join(',')}`);
  });

  it('shows a code lens with age and due date above each secret that rotates it on click', async () => {
    const uri = fileUri(join(suite.dir, 'overdue.rotation.yaml'));
    const lenses = (await suite.server.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.match(lenses[0]!.command!.title, /overdue by \d+ days/);
    assert.equal(lenses[0]!.command!.command, ServerCommands.rotateNow);
    assert.equal((lenses[0]!.command!.arguments![0] as SecretRef).id, 'openai-prod');
  });

  it('offers the policy quick fix from the diagnostic\'s code and data, as an edit', async () => {
    // The checks fixture marks ranges with ⟦…⟧; strip the markers for the real text.
    const text = readFileSync('test/fixtures/policy/checks/cryptoperiod-exceeded.bad.yaml', 'utf8').replace(/[⟦⟧]/g, '');
    const uri = fileUri(join(suite.dir, 'crypto.rotation.yaml'));
    suite.server.open(uri, 'yaml', text);
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/cryptoperiod-exceeded'));
    const diag = p.diagnostics.find((x) => x.code === 'policy/cryptoperiod-exceeded')!;
    const actions = (await suite.server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    const fix = actions.find((a) => /^Set maxAge to \d+d$/.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edit = fix.edit!.changes![uri]![0]!;
    assert.deepEqual(edit.range, diag.range);
    assert.match(edit.newText, /^\d+d$/);
  });

  it('in a git repository, flags an env-file store that git does not ignore, and not once it is ignored', async () => {
    const repo = tempProject('rg-lsp-gitrepo-').dir;
    mkdirSync(join(repo, '.git'));
    const text = policy('api-key', new Date().toISOString()).replace('    service: rotation-guard\n', '    service: rotation-guard\n  envs:\n    type: env-file\n    path: .env.local\n').replace('stores: [kc]', 'stores: [kc, envs]');
    const s = await startServer({ rootPath: repo });
    try {
      const uri = fileUri(join(repo, 'rotation-policy.yaml'));
      s.open(uri, 'yaml', text);
      const p = await s.waitForDiagnostics(uri);
      assert.ok(p.diagnostics.some((d) => d.code === 'policy/env-file-not-ignored'), JSON.stringify(p.diagnostics.map((d) => d.code)));
      writeFileSync(join(repo, '.gitignore'), '.env.local\n');
      const uri2 = fileUri(join(repo, 'second.rotation.yaml'));
      s.open(uri2, 'yaml', text);
      const q = await s.waitForDiagnostics(uri2);
      assert.ok(!q.diagnostics.some((d) => d.code === 'policy/env-file-not-ignored'), JSON.stringify(q.diagnostics.map((d) => d.code)));
    } finally {
      await s.stop();
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('answers the Secrets view request with each secret\'s state', async () => {
    const res = await suite.server.conn.sendRequest(SecretsStateRequest.type, { policyUri: fileUri(join(suite.dir, 'overdue.rotation.yaml')) });
    assert.equal(res.secrets.length, 1);
    assert.equal(res.secrets[0]!.id, 'openai-prod');
    assert.equal(res.secrets[0]!.state, 'overdue');
    assert.equal(res.secrets[0]!.maxAgeDays, 30);
  });
});
