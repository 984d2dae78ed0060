import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { ExecuteCommandRequest, ShowDocumentRequest, WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { loadPolicyFile } from '../../core/policy';
import { ServerCommands, type CreatePolicyResult } from '../../protocol/src/protocol';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, startServer } from '../helpers/lsp-server';
import { withTempProject } from '../helpers/temp-project';

// Create Policy from Findings is the server's command (any LSP client; VS Code's palette runs it):
// the server scans with its own diagnosis, reports $/progress, writes the policy, and never
// overwrites one. Real JSON-RPC with the spawned server; no CLI process.

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

describe('language server over JSON-RPC: Create Policy from Findings', function () {
  this.timeout(60000);

  it('scans the folder with $/progress, writes a policy of its credentials that loads without errors, opens it, and never overwrites it', async () => {
    const key = fakeOpenAiKey();
    await withTempProject('rg-lsp-create-policy-', { files: { 'notes/leak.md': `The tools key: ${key}\n`, 'README.md': 'nothing secret here\n' } }, async (p) => {
      const server = await startServer({ rootPath: p.dir, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true, showDocument: { support: true } } } });
      try {
        const progress: Progress[] = [];
        server.conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
          server.conn.onProgress(WorkDoneProgress.type, params.token, (v) => progress.push(v));
          return null;
        });
        const shown: string[] = [];
        server.conn.onRequest(ShowDocumentRequest.type, (params) => {
          shown.push(params.uri);
          return { success: true };
        });
        const r = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [] })) as CreatePolicyResult;
        const policyUri = fileUri(p.path('rotation-policy.yaml'));
        assert.deepEqual([r.created, r.policyUri, r.secrets, r.findings], [true, policyUri, 1, 1], r.message);
        const loaded = loadPolicyFile(p.path('rotation-policy.yaml'));
        const problems = loaded.problems.filter((x) => x.severity === 'error' || x.severity === 'warning');
        assert.ok(loaded.policy && !problems.length, `the created policy has problems: ${problems.map((x) => x.message).join('; ')}`);
        const s = loaded.policy.secrets.find((x) => x.id === 'openai-api-key');
        assert.deepEqual(s?.references?.files, ['notes/leak.md']);
        assert.ok(!readFileSync(p.path('rotation-policy.yaml'), 'utf8').includes(key), 'the policy holds the value');
        assert.ok(!JSON.stringify(r).includes(key), 'the result holds the value');
        assert.equal((progress[0] as WorkDoneProgressBegin | undefined)?.title, 'Rotation Guard: scanning for credentials');
        assert.equal(progress[progress.length - 1]?.kind, 'end');
        assert.deepEqual(shown, [policyUri], 'the written policy was not opened');

        const before = readFileSync(p.path('rotation-policy.yaml'), 'utf8');
        const again = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ folderUri: fileUri(p.dir) }] })) as CreatePolicyResult;
        assert.deepEqual([again.created, again.reason, again.policyUri], [false, 'exists', policyUri]);
        assert.equal(readFileSync(p.path('rotation-policy.yaml'), 'utf8'), before);
      } finally {
        await server.stop();
      }
    });
  });

  it('writes nothing through a symlink a repository planted at rotation-policy.yaml', async () => {
    await withTempProject('rg-lsp-create-policy-link-', { files: { 'leak.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n` } }, async (p) => {
      await withTempProject('rg-lsp-create-policy-victim-', {}, async (victim) => {
        symlinkSync(victim.path('planted.yaml'), p.path('rotation-policy.yaml'));
        const server = await startServer({ rootPath: p.dir });
        try {
          const r = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ announce: false }] })) as CreatePolicyResult;
          assert.deepEqual([r.created, r.reason], [false, 'exists']);
          assert.ok(!existsSync(victim.path('planted.yaml')), 'the policy was written through the symlink, outside the repository');
        } finally {
          await server.stop();
        }
      });
    });
  });
});
