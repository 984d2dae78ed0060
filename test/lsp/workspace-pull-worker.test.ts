import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { appendLedgerEntry } from '../../core/ledger/append';
import { keyedFingerprint } from '../../core/values/fingerprint';
import { HoverRequest, WorkDoneProgressCreateRequest, WorkspaceDiagnosticRequest, type Diagnostic, type MarkupContent, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { fakeHumanPassword, fakeOpenAiKey } from '../helpers/fake-keys';
import { fileUri, PULL_CLIENT, startServer, type ServerHandle, within } from '../helpers/lsp-server';
import { onePolicySecret } from '../helpers/policy-text';
import { tempProject, type TempProject } from '../helpers/temp-project';
import { ScanWorkspaceRequest } from '../../protocol/src/protocol';

// Issue #20: the workspace pull runs the same workspace pass as Scan Workspace, in the scan worker
// thread (server/src/scanInWorker.ts), so the main thread keeps answering during a large
// workspace's first pull, and a pulling and a pushing client see the same diagnostics. The real
// server process (dist/server.js, with dist/server-scan-worker.js beside it) over JSON-RPC.
const FILLER_FILES = 1500;

/** The answer, or a clear failure after `ms` (a wait on the response, not a sleep). */

const comparable = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, severity: d.severity, message: d.message, data: d.data }));

describe('language server over JSON-RPC: the workspace pull in the scan worker', function () {
  this.timeout(120000);
  const key = randomBytes(32);
  const env = { ROTATION_GUARD_FINGERPRINT_KEY: key.toString('base64') };
  let project: TempProject;
  let elsewhere: TempProject;
  let pulling: ServerHandle;

  before(async () => {
    const oldPw = fakeHumanPassword();
    let newPw = fakeHumanPassword();
    while (newPw === oldPw) newPw = fakeHumanPassword();
    project = tempProject('rg-lsp-pull-worker-', {
      policy: onePolicySecret({ id: 'pg-app', kind: 'password' }),
      files: {
        'notes.md': `The old db password was ${oldPw} and the new one is ${newPw}.\n`,
        'src/client.py': `OPENAI_API_KEY = "${fakeOpenAiKey()}"\n`,
        '.env': `OPENAI_API_KEY=${fakeOpenAiKey()}\n`,
      },
    });
    project.write('logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(2048)]).toString('latin1'));
    for (let i = 0; i < FILLER_FILES; i++) project.write(`pkg${i % 30}/module${i}.py`, `# module ${i}\n${'def handler(event):\n    return {"status": 200}\n'.repeat(30)}`);
    // Known values: a ledger entry with their keyed fingerprints (exposed/known-secret, stale/revoked-key).
    await appendLedgerEntry(project.path('.rotation', 'ledger.jsonl'), { secretId: 'pg-app', step: 'finish', outcome: 'ok', rotationId: 'r1', newFingerprint: keyedFingerprint(newPw, key, 'value'), oldFingerprint: keyedFingerprint(oldPw, key, 'value') });
    elsewhere = tempProject('rg-lsp-pull-worker-hover-', { policy: onePolicySecret() });
    pulling = await startServer({ rootPath: project.dir, env, capabilities: { ...PULL_CLIENT, window: { workDoneProgress: true } } });
    pulling.conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
  });
  after(async () => {
    await pulling?.stop();
    project?.remove();
    elsewhere?.remove();
  });

  let pulled: WorkspaceDocumentDiagnosticReport[] = [];

  it('answers a hover while the first pull of a large workspace is still diagnosing it', async () => {
    const policyUri = fileUri(elsewhere.path('rotation-policy.yaml'));
    const text = onePolicySecret();
    pulling.open(policyUri, 'yaml', text);
    const begun = new Promise<void>((resolve) => {
      const seen = pulling.conn.onNotification('$/progress', (p: { value: { kind: string } }) => {
        if (p.value.kind !== 'begin') return;
        seen.dispose();
        resolve();
      });
    });
    let pullDone = false;
    const pull = pulling.conn.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }).finally(() => (pullDone = true));
    await within(begun, 60000, 'the pull’s $/progress begin');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('kind:'));
    const hover = await within(pulling.conn.sendRequest(HoverRequest.type, { textDocument: { uri: policyUri }, position: { line, character: lines[line]!.indexOf('kind') + 1 } }), 10000, 'the hover');
    assert.match((hover?.contents as MarkupContent).value, /\*\*kind\*\*/);
    assert.equal(pullDone, false, 'the hover was answered while the pull was still running');
    pulled = (await within(pull, 60000, 'the first pull')).items;
    assert.deepEqual(pulled.map((i) => i.uri).sort(), ['.env', 'notes.md', 'src/client.py'].map((f) => fileUri(project.path(f))).sort(), 'the files with problems');
  });

  it('a pushing client’s Scan Workspace publishes the same diagnostics the pull answered, file by file', async () => {
    const withProblems = pulled.filter((i) => i.kind === 'full' && i.items.length);
    const codes = withProblems.flatMap((i) => (i.kind === 'full' ? i.items.map((d) => String(d.code)) : [])).sort();
    for (const code of ['exposed/known-secret', 'stale/revoked-key', 'secret/openai-api-key']) assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    const pushing = await startServer({ rootPath: project.dir, env });
    try {
      const res = await within(pushing.conn.sendRequest(ScanWorkspaceRequest.type, {}), 60000, 'the scan');
      assert.equal(res.findings, codes.length, 'as many findings as the pull reported');
      for (const item of withProblems) {
        const published = await pushing.waitForDiagnostics(item.uri, () => true, 5000);
        assert.deepEqual(comparable(published.diagnostics), comparable(item.kind === 'full' ? item.items : []), item.uri);
      }
    } finally {
      await pushing.stop();
    }
  });
});
