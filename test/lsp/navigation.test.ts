import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type Location,
  type SymbolInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { tempProject } from '../helpers/temp-project';

const POLICY = `version: 1
threatModels:
  internet-llm:
    exposure: internet
    privilege: high
    modelInLoop: true
    dataSensitivity: confidential
stores:
  keychain:
    type: keychain
    service: rotation-guard
  dotenv:
    type: env-file
    path: .env.local
providers:
  random:
    type: generate
secrets:
  - id: openai-prod
    kind: api-key
    owner: machine
    threatModel: internet-llm
    maxAge: 30d
    stores: [keychain, dotenv]
    references:
      env: [OPENAI_API_KEY]
  - id: session-secret
    kind: token
    owner: machine
    maxAge: 30d
    stores: [keychain]
    rotation:
      provider: random
`;

describe('language server: policy navigation', function () {
  this.timeout(30000);
  let dir: string;
  let server: InProcessServer;
  let uri: string;
  const at = (needle: string, nth = 0, delta = 1) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = POLICY.indexOf(needle, i + 1);
    const before = POLICY.slice(0, i + delta);
    return { line: before.split('\n').length - 1, character: i + delta - (before.lastIndexOf('\n') + 1) };
  };

  before(async () => {
    dir = tempProject('rg-lsp-nav-').dir;
    writeFileSync(join(dir, 'rotation-policy.yaml'), POLICY);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.ts'), 'export const key = process.env.OPENAI_API_KEY;\n');
    writeFileSync(join(dir, 'config.yaml'), 'model_list:\n  - litellm_params:\n      api_key: os.environ/OPENAI_API_KEY\n');
    writeFileSync(join(dir, 'notes.md'), 'Nothing to see here.\n');
    server = await startInProcess(dir);
    uri = fileUri(join(dir, 'rotation-policy.yaml'));
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    await server.waitForDiagnostics(uri, () => true);
  });
  after(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('outlines threat models, stores, providers and secrets', async () => {
    const symbols = (await server.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]), [
      ['threatModels', ['internet-llm']],
      ['stores', ['keychain', 'dotenv']],
      ['providers', ['random']],
      ['secrets', ['openai-prod', 'session-secret']],
    ]);
    const secret = symbols[3]!.children![0]!;
    assert.deepEqual(secret.selectionRange.start, at('openai-prod', 0, 0));
  });

  it('finds policy names across the workspace (workspace/symbol)', async () => {
    const found = (await server.conn.sendRequest(WorkspaceSymbolRequest.type, { query: 'secret' })) as SymbolInformation[];
    assert.deepEqual(found.map((s) => [s.name, s.containerName]), [['session-secret', 'secrets']]);
  });

  it('goes from a store, threat model or provider name to its definition', async () => {
    for (const [use, def] of [
      [at('[keychain', 0), at('  keychain:', 0, 2)],
      [at('threatModel: internet-llm', 0, 14), at('internet-llm:', 0, 0)],
      [at('provider: random', 0, 11), at('random:', 0, 0)],
    ] as const) {
      const loc = (await server.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: use })) as Location;
      assert.deepEqual(loc.range.start, def);
    }
  });

  it('finds every file that uses a policy secret by its env var name', async () => {
    const locs = (await server.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at('openai-prod', 0, 2), context: { includeDeclaration: true } })) as Location[];
    const where = locs.map((l) => `${l.uri.slice(fileUri(dir).length + 1)}:${l.range.start.line}:${l.range.start.character}`).sort();
    assert.deepEqual(where, ['config.yaml:2:26', 'rotation-policy.yaml:18:8', 'src/app.ts:0:31']);
  });

  it('renames a store everywhere the policy names it, and refuses a name the schema would reject', async () => {
    const prep = (await server.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at('[keychain', 0) })) as { placeholder: string };
    assert.equal(prep.placeholder, 'keychain');
    const edit = (await server.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at('[keychain', 0), newName: 'os-keychain' })) as WorkspaceEdit;
    const edits = edit.changes![uri]!;
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]).sort(), [[23, 'os-keychain'], [30, 'os-keychain'], [8, 'os-keychain']].sort());
    await assert.rejects(server.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at('[keychain', 0), newName: 'no spaces' }), /not a policy name/);
  });
});
