import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DefinitionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type CodeAction,
  type Hover,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { ServerCommands } from '../../protocol/src/protocol';
import { tempProject } from '../helpers/temp-project';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Each format's reference syntax, with the caret (|) on the env var name. */
const FILES: Array<[string, string, string]> = [
  ['litellm/config.yaml', 'yaml', 'model_list:\n  - model_name: gpt\n    litellm_params:\n      api_key: os.environ/OPENAI_|API_KEY\n'],
  ['prompts/support.prompty', 'prompty', '---\nmodel:\n  configuration:\n    api_key: ${env:OPENAI_|API_KEY}\n---\n'],
  ['src/app.ts', 'typescript', 'const key = process.env.OPENAI_|API_KEY;\n'],
  ['src/app.py', 'python', 'import os\nkey = os.environ["OPENAI_|API_KEY"]\n'],
  ['.github/workflows/ci.yml', 'yaml', 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_|API_KEY }}\n'],
];

describe('language server: a policy secret at the places that use it', function () {
  this.timeout(30000);
  let dir: string;
  let server: InProcessServer;
  const policyPath = () => join(dir, 'rotation-policy.yaml');

  before(async () => {
    dir = tempProject('rg-lsp-refs-').dir;
    writeFileSync(
      policyPath(),
      `version: 1\nstores:\n  keychain:\n    type: keychain\n    service: rotation-guard\nsecrets:\n  - id: openai-prod\n    kind: api-key\n    owner: machine\n    maxAge: 30d\n    lastRotated: ${daysAgo(45)}\n    stores: [keychain]\n    references:\n      env: [OPENAI_API_KEY]\n  - id: fresh\n    kind: api-key\n    owner: machine\n    maxAge: 90d\n    lastRotated: ${daysAgo(1)}\n    stores: [keychain]\n    references:\n      env: [FRESH_KEY]\n`,
    );
    server = await startInProcess(dir);
  });
  after(() => {
    server.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [rel, languageId, marked] of FILES) {
    it(`${rel}: stale/overdue at the name, hover with state and stores, go-to-definition, Rotate now / Open policy`, async () => {
      const caret = marked.indexOf('|');
      const text = marked.replace('|', '');
      const path = join(dir, rel);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      const uri = fileUri(path);
      void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      const p = await server.waitForDiagnostics(uri, () => true);
      const stale = p.diagnostics.filter((d) => d.code === 'stale/overdue');
      assert.equal(stale.length, 1, JSON.stringify(p.diagnostics));
      const line = text.slice(0, caret).split('\n').length - 1;
      const col = caret - (text.lastIndexOf('\n', caret - 1) + 1);
      const nameStart = col - 'OPENAI_'.length;
      assert.deepEqual(stale[0]!.range, { start: { line, character: nameStart }, end: { line, character: nameStart + 'OPENAI_API_KEY'.length } });
      assert.match(stale[0]!.message, /'openai-prod'.*overdue.*45 days ago/);

      const hover = (await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: col } })) as Hover;
      const md = (hover.contents as MarkupContent).value;
      assert.match(md, /\*\*openai-prod\*\* — overdue/);
      assert.match(md, /stores: keychain \(keychain\)/);

      const def = (await server.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line, character: col } })) as Location;
      assert.equal(def.uri, fileUri(policyPath()));
      assert.equal(def.range.start.line, 6, 'the id of openai-prod');

      const actions = (await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: stale[0]!.range, context: { diagnostics: stale } })) as CodeAction[];
      assert.deepEqual(actions.map((a) => a.command?.command), [ServerCommands.rotateNow, ServerCommands.openPolicy]);
      assert.deepEqual(actions[0]!.command!.arguments, [{ id: 'openai-prod', policyUri: fileUri(policyPath()) }]);
    });
  }

  it('a reference to a secret in good standing gets a hover but no diagnostic', async () => {
    const path = join(dir, 'src', 'fresh.ts');
    const text = 'const k = process.env.FRESH_KEY;\n';
    writeFileSync(path, text);
    const uri = fileUri(path);
    void server.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const p = await server.waitForDiagnostics(uri, () => true);
    assert.deepEqual(p.diagnostics, []);
    const hover = (await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 25 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /\*\*fresh\*\* — ok/);
  });
});
