import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, HoverRequest, type CodeAction, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, serverPerSuite } from '../helpers/lsp-server';
import { onePolicySecret } from '../helpers/policy-text';
import { entryHash } from '../../core/ledger/canonical';

// Policy behaviour that depends on the server's surroundings: JSON documents, the ledger and the
// workspace files on disk, and hostile input that must not stall the server.
const yamlPolicy = (extra = '') => onePolicySecret({ lastRotated: new Date(Date.now() - 86_400_000).toISOString(), extra });

describe('language server over JSON-RPC: policy files (disk, ledger, quick fixes, hostile input)', function () {
  this.timeout(30000);
  const suite = serverPerSuite('rg-lsp-policy2-');

  it('underlines a JSON policy problem at the value, with source and code', async () => {
    const uri = fileUri(join(suite.dir, 'rotation-policy.json'));
    const text = '{\n  "version": 1,\n  "stores": {"kc": {"type": "keychain", "service": "s"}},\n  "secrets": [{"id": "a", "kind": "api-key", "owner": "robot", "maxAge": "30d", "stores": ["kc"]}]\n}\n';
    suite.server.open(uri, 'json', text);
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/schema'));
    const d = p.diagnostics.find((x) => x.code === 'policy/schema')!;
    const col = text.split('\n')[3]!.indexOf('"robot"');
    assert.deepEqual(d.range, { start: { line: 3, character: col }, end: { line: 3, character: col + 7 } });
    assert.equal(d.source, 'rotation-guard');
    const hover = await suite.server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: text.split('\n')[3]!.indexOf('maxAge') + 2 } });
    assert.match((hover?.contents as MarkupContent).value, /\*\*maxAge\*\*/);
  });

  it('reads the ledger beside the policy: a compromised secret is an error at its id', async () => {
    const sub = join(suite.dir, 'ledgered');
    mkdirSync(join(sub, '.rotation'), { recursive: true });
    const base = { v: 1 as const, seq: 1, at: new Date().toISOString(), who: 't', secretId: 'openai-prod', step: 'mark-compromised' as const, outcome: 'ok' as const, prev: 'genesis' };
    writeFileSync(join(sub, '.rotation/ledger.jsonl'), `${JSON.stringify({ ...base, hash: entryHash(base) })}\n`);
    const uri = fileUri(join(sub, 'rotation-policy.yaml'));
    suite.server.open(uri, 'yaml', yamlPolicy());
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'stale/compromised'));
    const d = p.diagnostics.find((x) => x.code === 'stale/compromised')!;
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 19 } });
  });

  it('checks references against the files beside the policy (prompt files, stale globs)', async () => {
    const sub = join(suite.dir, 'refs');
    mkdirSync(join(sub, 'prompts'), { recursive: true });
    mkdirSync(join(sub, 'src'), { recursive: true });
    writeFileSync(join(sub, 'prompts/support.prompt'), 'You are a support bot.\n');
    writeFileSync(join(sub, 'src/app.ts'), 'export {};\n');
    const uri = fileUri(join(sub, 'rotation-policy.yaml'));
    const refs = '      files: ["src/*.ts", "prompts/*", "docs/*.md"]';
    suite.server.open(uri, 'yaml', yamlPolicy(`    references:\n${refs}\n`));
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/reference-matches-nothing'));
    const codes = p.diagnostics.map((x) => `${String(x.code)}@${x.range.start.line}:${x.range.start.character}`).sort();
    assert.deepEqual(codes, [`policy/credential-in-prompt-file@16:${refs.indexOf('"prompts/*"')}`, `policy/reference-matches-nothing@16:${refs.indexOf('"docs/*.md"')}`]);
  });

  it('offers quick fixes from a diagnostic\'s code and data: nearest enum value, threat-model bound', async () => {
    const uri = fileUri(join(suite.dir, 'fixes.rotation.yaml'));
    const text = yamlPolicy()
      .replace('kind: api-key', 'kind: apikey')
      .replace('stores:\n  kc:', 'threatModels:\n  web: {exposure: internet, privilege: low, modelInLoop: false, dataSensitivity: internal}\nstores:\n  kc:');
    suite.server.open(uri, 'yaml', text);
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/schema'));
    const actions = (await suite.server.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: p.diagnostics[0]!.range,
      context: { diagnostics: p.diagnostics },
    })) as CodeAction[];
    const change = actions.find((a) => a.title === "Change to 'api-key'");
    assert.ok(change, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(change.kind, 'quickfix');
    const edit = change.edit!.changes![uri]![0]!;
    assert.equal(edit.newText, 'api-key');
    assert.deepEqual(edit.range, p.diagnostics.find((x) => x.code === 'policy/schema')!.range);

    const fixed = text.replace('kind: apikey', 'kind: api-key').replace('    maxAge: 30d', '    threatModel: web\n    maxAge: 120d');
    suite.server.open(uri, 'yaml', fixed, 2);
    const q = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'policy/interval-exceeds-threat-model'));
    const diag = q.diagnostics.find((x) => x.code === 'policy/interval-exceeds-threat-model')!;
    const bound = (await suite.server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } })) as CodeAction[];
    assert.equal(bound[0]?.title, "Set maxAge to 90d (the threat model's bound)");
    assert.equal(bound[0]?.isPreferred, true);
  });

  it('answers an alias bomb with a diagnostic and stays responsive', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const uri = fileUri(join(suite.dir, 'bomb.rotation.yaml'));
    const started = Date.now();
    suite.server.open(uri, 'yaml', `${levels.join('\n')}\n`);
    const p = await suite.server.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    assert.ok(p.diagnostics.some((x) => x.code === 'policy/input-limit'), JSON.stringify(p.diagnostics.map((x) => x.code)));
    assert.ok(Date.now() - started < 5000);
    const hover = await suite.server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });
});
