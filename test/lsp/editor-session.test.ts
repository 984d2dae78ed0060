import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DidChangeTextDocumentNotification, ExecuteCommandRequest, WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { keyedFingerprint } from '../../core/values';
import { appendLedgerEntry, readLedger } from '../../core/ledger';
import { ExposureNotification, SecretsStateRequest, ServerCommands, type EnforceResult, type ScanGitHistoryResult } from '../../protocol/src/protocol';
import { fakeOpenAiKey, randomChars } from '../helpers/fake-keys';
import { TestRepo } from '../helpers/git-repo';
import { fileUri, startServer, type ServerHandle } from '../helpers/lsp-server';
import { withTempProject, type TempProject } from '../helpers/temp-project';

// The server owns the editor session: it judges sightings of a current value and says so with a
// typed notification, answers the Secrets view, and runs enforce and the git-history scan as
// commands with $/progress — all over real JSON-RPC with the spawned server.

/** A generated secret in a git-ignored env file, rotated by `random`, whose exposure rotates it at once. */
function policyText(lastRotated: string, store = '{ type: env-file, path: .env }'): string {
  return `version: 1
stores:
  dotenv: ${store}
providers:
  gen: { type: generate }
secrets:
  - id: gen-key
    kind: api-key
    owner: machine
    maxAge: 30d
    lastRotated: "${lastRotated}"
    stores: [dotenv]
    rotation: { provider: gen }
    triggers:
      - on: exposed-in-file
        action: rotate-now
`;
}

/** The project: the value in the env file and its `store` entry in the ledger (fingerprint only). */
async function storedProject(p: TempProject, key: Buffer, lastRotated = new Date().toISOString()): Promise<string> {
  const value = randomChars(40);
  p.writePolicy(policyText(lastRotated));
  p.write('.env', `GEN_KEY=${value}\n`);
  await appendLedgerEntry(p.path('.rotation', 'ledger.jsonl'), { secretId: 'gen-key', step: 'store', outcome: 'ok', newFingerprint: keyedFingerprint(value, key), detail: 'stored in dotenv' });
  return value;
}

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Answers window/workDoneProgress/create and records every $/progress value of those tokens. */
function recordProgress(server: ServerHandle): Progress[] {
  const seen: Progress[] = [];
  server.conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
    server.conn.onProgress(WorkDoneProgress.type, params.token, (v) => seen.push(v));
    return null;
  });
  return seen;
}

const PROGRESS_CLIENT = { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } };

describe('language server over JSON-RPC: the editor session is the server\'s', function () {
  this.timeout(60000);

  it('judges a current value seen in a file: records the exposure once, sends one typed exposure notification, and the Secrets state shows where', async () => {
    const key = randomBytes(32);
    await withTempProject('rg-lsp-session-', {}, async (p) => {
      const value = await storedProject(p, key);
      const server = await startServer({ rootPath: p.dir, env: { ROTATION_GUARD_FINGERPRINT_KEY: key.toString('base64') } });
      try {
        const got: ExposureNotification.Params[] = [];
        const first = new Promise<ExposureNotification.Params>((resolve) =>
          server.conn.onNotification(ExposureNotification.type, (n) => {
            got.push(n);
            resolve(n);
          }),
        );
        const uri = fileUri(p.path('prompts', 'pasted.prompt'));
        server.open(uri, 'plaintext', `Use this gateway key: ${value}\n`);
        const n = await first;
        assert.deepEqual(
          { secret: n.secret, uri: n.uri, where: n.where, action: n.action, canRotate: n.canRotate, held: n.held },
          // the workspace was not declared trusted (initializationOptions), so rotate-now is held
          { secret: { id: 'gen-key', policyUri: fileUri(p.path('rotation-policy.yaml')) }, uri, where: 'prompts/pasted.prompt:1', action: 'rotate-now', canRotate: true, held: 'the workspace is not trusted' },
        );
        assert.match(n.reason, /exposed-in-file/);
        assert.ok(!JSON.stringify(n).includes(value), 'the notification holds the value');
        const marks = readLedger(p.path('.rotation', 'ledger.jsonl')).entries.filter((e) => e.step === 'mark-compromised');
        assert.equal(marks.length, 1);
        assert.equal(marks[0]!.event, 'exposed-in-file');
        assert.equal(marks[0]!.oldFingerprint, keyedFingerprint(value, key));
        assert.match(marks[0]!.detail ?? '', /prompts\/pasted\.prompt:1/);
        assert.ok(!readFileSync(p.path('.rotation', 'ledger.jsonl'), 'utf8').includes(value));

        // the same sighting again (an edit re-validates the file): judged once per session
        const v2 = server.waitForDiagnostics(uri, (d) => d.version === 2);
        await server.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: `Be brief.\nUse this gateway key: ${value}\n` }] });
        assert.ok((await v2).diagnostics.some((d) => d.code === 'exposed/known-secret'));

        const state = await server.conn.sendRequest(SecretsStateRequest.type, {});
        const row = state.secrets.find((s) => s.id === 'gen-key');
        assert.equal(row?.exposedIn, 'prompts/pasted.prompt:1');
        assert.equal(row?.state, 'compromised');
        assert.deepEqual(row?.stores, ['dotenv']);
        assert.equal(row?.provider, 'gen');
        assert.deepEqual(row?.exposures.map((e) => e.event), ['exposed-in-file']);
        assert.equal(got.length, 1, 'a repeated sighting notified again');
      } finally {
        await server.stop();
      }
    });
  });

  it('judges a secret kept only in VS Code\'s SecretStorage (which the server cannot read) by the ledger\'s current value', async () => {
    const key = randomBytes(32);
    await withTempProject('rg-lsp-session-ss-', {}, async (p) => {
      const value = randomChars(40);
      p.writePolicy(policyText(new Date().toISOString(), '{ type: secret-storage }'));
      await appendLedgerEntry(p.path('.rotation', 'ledger.jsonl'), { secretId: 'gen-key', step: 'store', outcome: 'ok', newFingerprint: keyedFingerprint(value, key), detail: 'stored in dotenv' });
      const server = await startServer({ rootPath: p.dir, env: { ROTATION_GUARD_FINGERPRINT_KEY: key.toString('base64') } });
      try {
        const n = new Promise<ExposureNotification.Params>((resolve) => server.conn.onNotification(ExposureNotification.type, resolve));
        server.open(fileUri(p.path('notes.md')), 'markdown', `pasted ${value}\n`);
        assert.deepEqual([(await n).secret.id, (await n).where, (await n).action], ['gen-key', 'notes.md:1', 'rotate-now']);
      } finally {
        await server.stop();
      }
    });
  });

  it('answers SecretsStateRequest with every policy\'s secrets and each broken policy with its first error', async () => {
    await withTempProject('rg-lsp-session-state-', {}, async (p) => {
      await storedProject(p, randomBytes(32), '2020-01-01T00:00:00Z');
      p.writePolicy('version: 1\nsecrets:\n  - id: bad\n    kind: not-a-kind\n', 'broken.rotation.yaml');
      const server = await startServer({ rootPath: p.dir });
      try {
        const res = await server.conn.sendRequest(SecretsStateRequest.type, { now: '2026-01-01T00:00:00Z' });
        assert.equal(res.policies, 2);
        assert.deepEqual(res.secrets.map((s) => [s.id, s.state, s.kind, s.lastEvent?.step]), [['gen-key', 'overdue', 'api-key', 'store']]);
        assert.deepEqual(res.broken.map((b) => b.policyUri), [fileUri(p.path('broken.rotation.yaml'))]);
        assert.ok(res.broken[0]!.message.length > 0 && !res.broken[0]!.message.startsWith('line '), 'the first error as the policy states it');
      } finally {
        await server.stop();
      }
    });
  });

  it('Enforce runs as a server command with $/progress: the overdue secret is rotated and recorded; a policy with errors is refused (exit 2)', async () => {
    const key = randomBytes(32);
    await withTempProject('rg-lsp-session-enforce-', {}, async (p) => {
      const old = await storedProject(p, key, '2020-01-01T00:00:00Z');
      p.write('.gitignore', '.env\n');
      const server = await startServer({ rootPath: p.dir, capabilities: PROGRESS_CLIENT, env: { ROTATION_GUARD_FINGERPRINT_KEY: key.toString('base64') } });
      try {
        const progress = recordProgress(server);
        const r = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.enforce, arguments: [{ policyUri: fileUri(p.path('rotation-policy.yaml')) }] })) as EnforceResult;
        assert.equal(r.exitCode, 0, r.lines.join('\n'));
        assert.deepEqual(r.outcomes.map((o) => [o.secretId, o.status]), [['gen-key', 'rotated']]);
        assert.equal(r.lines[r.lines.length - 1], 'enforce: compliant');
        const now = /GEN_KEY=(.*)/.exec(readFileSync(p.path('.env'), 'utf8'))![1];
        assert.ok(now && now !== old, 'the env file still holds the old value');
        assert.ok(readLedger(p.path('.rotation', 'ledger.jsonl')).entries.some((e) => e.step === 'finish' && e.outcome === 'ok'));
        assert.equal(progress[0]?.kind, 'begin');
        assert.equal((progress[0] as WorkDoneProgressBegin).title, 'Rotation Guard: enforcing the policy');
        assert.ok(progress.some((x) => x.kind === 'report'), 'no progress step was reported');
        assert.equal(progress[progress.length - 1]?.kind, 'end');
        assert.ok(!JSON.stringify(r).includes(old) && !JSON.stringify(r).includes(now));

        p.writePolicy('version: 1\nsecrets:\n  - id: bad\n    kind: not-a-kind\n', 'broken.rotation.yaml');
        const refused = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.enforce, arguments: [{ policyUri: fileUri(p.path('broken.rotation.yaml')) }] })) as EnforceResult;
        assert.equal(refused.exitCode, 2);
        assert.match(refused.refused ?? '', /^refusing to act on a policy with errors; nothing was changed: line \d+: /);
      } finally {
        await server.stop();
      }
    });
  });

  it('Scan Git History runs as a server command with $/progress and reports the committed key with its commit', async () => {
    const repo = TestRepo.create('rg-lsp-session-git-');
    try {
      const sha = repo.commit('add prompt', { 'agent.prompt': `key ${fakeOpenAiKey()}\n` });
      repo.commit('remove the key', { 'agent.prompt': 'key: read it from OPENAI_API_KEY\n' });
      const server = await startServer({ rootPath: repo.dir, capabilities: PROGRESS_CLIENT });
      try {
        const progress = recordProgress(server);
        const r = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.scanGitHistory, arguments: [{ folderUri: fileUri(repo.dir) }] })) as ScanGitHistoryResult;
        const hit = r.findings.find((f) => f.ruleId === 'secret/openai-api-key');
        assert.deepEqual([hit?.commit, hit?.file, hit?.line], [sha, 'agent.prompt', 1]);
        assert.equal(r.commitsScanned, 2);
        assert.deepEqual([progress[0]?.kind, progress[progress.length - 1]?.kind], ['begin', 'end']);
        assert.equal((progress[0] as WorkDoneProgressBegin).title, 'Rotation Guard: scanning git history');
        const outside = (await server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.scanGitHistory, arguments: [{ folderUri: fileUri(server.home) }] })) as ScanGitHistoryResult;
        assert.match(outside.error ?? '', /not inside a git repository/);
      } finally {
        await server.stop();
      }
    } finally {
      repo.remove();
    }
  });
});
