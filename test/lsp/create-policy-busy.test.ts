import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { ExecuteCommandRequest, HoverRequest, WorkDoneProgress, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { ServerCommands, type CreatePolicyResult } from '../../protocol/src/protocol';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, startServer, type ServerHandle, within } from '../helpers/lsp-server';
import { onePolicySecret } from '../helpers/policy-text';
import { tempProject, type TempProject } from '../helpers/temp-project';

// Issue #20: Create Policy from Findings runs the workspace pass of Scan Workspace and the pull
// (server/src/scanInWorker.ts), in the scan worker thread, so the server keeps answering while it
// reads a large folder. The real server process (dist/server.js, with dist/server-scan-worker.js
// beside it) over JSON-RPC; hovers are sent one after another for as long as the command runs.
const FILLER_FILES = 3000;
/** Generous: a hover waits at most for a file or two in the server thread, never for the whole pass. */
const HOVER_BOUND_MS = 5000;


const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
const summary = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms over ${xs.length} hovers`;

describe('language server over JSON-RPC: Create Policy from Findings leaves the server answering', function () {
  this.timeout(180000);
  let project: TempProject;
  let elsewhere: TempProject;
  let server: ServerHandle;

  before(async () => {
    project = tempProject('rg-lsp-create-policy-busy-', { files: { 'src/client.py': `OPENAI_API_KEY = "${fakeOpenAiKey()}"\n`, 'prompts/system.md': `Use the key ${fakeOpenAiKey()} for tools.\n` } });
    for (let i = 0; i < FILLER_FILES; i++) project.write(`pkg${i % 40}/module${i}.py`, `# module ${i}\n${'def handler(event):\n    return {"status": 200, "body": "ok"}\n'.repeat(30)}`);
    elsewhere = tempProject('rg-lsp-create-policy-busy-hover-', { policy: onePolicySecret() });
    server = await startServer({ rootPath: project.dir, capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } } });
  });
  after(async () => {
    await server?.stop();
    project?.remove();
    elsewhere?.remove();
  });

  it('Cancel on its $/progress stops the pass in the worker: nothing is written', async () => {
    const cancelled = new Promise<void>((resolve) => {
      const created = server.conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
        created.dispose();
        const seen = server.conn.onProgress(WorkDoneProgress.type, params.token, (v) => {
          if (v.kind !== 'report') return;
          seen.dispose();
          void server.conn.sendNotification(WorkDoneProgressCancelNotification.type, { token: params.token }).then(resolve);
        });
        return null;
      });
    });
    const r = (await within(server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ announce: false }] }), 120000, 'Create Policy')) as CreatePolicyResult;
    await within(cancelled, 1000, 'the cancel sent');
    assert.deepEqual([r.created, r.reason], [false, 'cancelled'], r.message);
    assert.equal(existsSync(project.path('rotation-policy.yaml')), false);
  });

  it(`answers hovers while the pass reads ${FILLER_FILES} files, and writes the policy of what they hold`, async () => {
    const policyUri = fileUri(elsewhere.path('rotation-policy.yaml'));
    const text = onePolicySecret();
    server.open(policyUri, 'yaml', text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('kind:'));
    const hover = async () => {
      const t0 = performance.now();
      const h = await within(server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: policyUri }, position: { line, character: lines[line]!.indexOf('kind') + 1 } }), HOVER_BOUND_MS, 'a hover');
      assert.match((h?.contents as MarkupContent).value, /\*\*kind\*\*/);
      return performance.now() - t0;
    };
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push(await hover());

    // The pass has begun once its $/progress says so; it is over once it reports 'end'.
    let begin!: () => void;
    const begun = new Promise<void>((r) => (begin = r));
    let passOver = false;
    server.conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      server.conn.onProgress(WorkDoneProgress.type, params.token, (v) => {
        if (v.kind === 'begin') begin();
        if (v.kind === 'end') passOver = true;
      });
      return null;
    });
    let commandDone = false;
    const command = server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.createPolicy, arguments: [{ announce: false }] }).finally(() => (commandDone = true)) as Promise<CreatePolicyResult>;
    await within(begun, 60000, 'Create Policy’s $/progress begin');
    const busy: number[] = [];
    while (!passOver && !commandDone) busy.push(await hover());
    const r = await within(command, 120000, 'Create Policy');

    console.log(`      [latency] hover idle: ${summary(idle)}; during Create Policy's pass over ${FILLER_FILES + 2} files: ${summary(busy)}`);
    assert.ok(busy.length >= 3, `only ${busy.length} hover(s) were answered while the pass ran`);
    assert.ok(Math.max(...busy) < HOVER_BOUND_MS);
    assert.deepEqual([r.created, r.policyUri, r.secrets, r.findings], [true, fileUri(project.path('rotation-policy.yaml')), 1, 2], r.message);
  });
});
