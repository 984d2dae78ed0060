import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExecuteCommandRequest, WorkDoneProgress, WorkDoneProgressCreateRequest, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { readEnvValue } from '../../core/stores/env-format';
import { confirmPolicyFile } from '../../core/rotation';
import { AnthropicStandIn } from '../helpers/standins/anthropic';
import { OpenAiStandIn } from '../helpers/standins/openai';
import { fileUri } from '../helpers/lsp-server';
import { startInProcess, type InProcessServer } from '../helpers/lsp-in-process';
import { ServerCommands, type RotateNowResult } from '../../protocol/src/protocol';
import { machineSecret, policyYaml, type ProviderDoc } from '../helpers/policy';
import { tempProject } from '../helpers/temp-project';

// The issuers are stand-ins built from https://platform.openai.com/docs/api-reference/project-service-accounts
// and https://platform.claude.com/docs/en/api/admin/api_keys/update .
describe('Rotate now on an LLM key over LSP: the whole loop with $/progress (OpenAI and Anthropic stand-ins)', function () {
  this.timeout(30000);
  let dir: string;
  let server: InProcessServer;
  let policyUri: string;
  const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];

  const start = async (policy: string, envFile: string, env: NodeJS.ProcessEnv) => {
    dir = tempProject('rg-lsp-llm-').dir;
    const path = join(dir, 'rotation-policy.yaml');
    writeFileSync(path, policy);
    writeFileSync(join(dir, '.env'), envFile, { mode: 0o600 });
    const fullEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, '.config'), ...env };
    confirmPolicyFile(path, fullEnv);
    policyUri = fileUri(path);
    server = await startInProcess(dir, { env: fullEnv, initializationOptions: { workspaceTrusted: true }, capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, applyEdit: true } } });
    progress.length = 0;
    server.conn.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      server.conn.onProgress(WorkDoneProgress.type, p.token, (v) => progress.push(v));
      return null;
    });
  };
  afterEach(() => {
    server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const rotate = (args: Record<string, unknown> = {}) => server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.rotateNow, arguments: [{ id: 'app-key', policyUri, announce: false, ...args }] }) as Promise<RotateNowResult>;
  const policy = (provider: ProviderDoc, adminVar: string) =>
    policyYaml({
      version: 1,
      stores: { app: { type: 'env-file', path: '.env' }, admin: { type: 'env-file', path: '.env', var: adminVar } },
      providers: { issuer: provider },
      secrets: [machineSecret('app-key', { stores: ['app'], rotation: { provider: 'issuer' }, references: { env: ['APP_KEY'] } }), machineSecret('admin', { maxAge: '90d', stores: ['admin'] })],
    });

  it('stand-in: openai — Rotate now creates, verifies, switches, revokes and checks the old key, reporting each step', async () => {
    const s = await new OpenAiStandIn().start();
    try {
      const old = s.seedUserKey();
      await start(policy({ type: 'openai', project: s.project, adminKey: 'admin' }, 'OPENAI_ADMIN_KEY'), `APP_KEY=${old}\nOPENAI_ADMIN_KEY=${s.adminKey}\n`, { ROTATION_GUARD_OPENAI_BASE_URL: s.url });
      const r = await rotate();
      assert.equal(r.status, 'rotated', r.message);
      const now = readEnvValue(readFileSync(join(dir, '.env'), 'utf8'), 'APP_KEY')!;
      assert.deepEqual(s.validKeys(), [now]);
      assert.equal(progress[0]?.kind, 'begin');
      assert.equal(progress[progress.length - 1]?.kind, 'end');
      const steps = progress.filter((p): p is WorkDoneProgressReport => p.kind === 'report').map((p) => p.message ?? '');
      for (const step of ['create ok', 'test-new ok', 'promote ok', 'revoke-old ok', 'test-old-fails ok', 'finish ok']) assert.ok(steps.some((m) => m.startsWith(step)), `progress shows ${step}: ${steps.join(' | ')}`);
      for (const m of [...steps, r.message]) assert.ok(!m.includes(now) && !m.includes(old) && !m.includes(s.adminKey), 'no value in progress or result');
    } finally {
      await s.stop();
    }
  });

  it('stand-in: anthropic — needs-value with the Console page first, then the pasted key runs the loop and the old key is disabled', async () => {
    const s = await new AnthropicStandIn().start();
    try {
      const old = s.issueKey();
      await start(policy({ type: 'anthropic', adminKey: 'admin' }, 'ANTHROPIC_ADMIN_KEY'), `APP_KEY=${old}\nANTHROPIC_ADMIN_KEY=${s.adminKey}\n`, { ROTATION_GUARD_ANTHROPIC_BASE_URL: s.url });
      const first = await rotate();
      assert.equal(first.status, 'needs-value');
      assert.equal(first.url, 'https://platform.claude.com/settings/keys');
      const pasted = s.issueKey('new');
      const r = await rotate({ newValue: pasted });
      assert.equal(r.status, 'rotated', r.message);
      assert.deepEqual(s.validKeys(), [pasted]);
      assert.ok(progress.some((p) => p.kind === 'report' && p.message?.startsWith('revoke-old ok')));
    } finally {
      await s.stop();
    }
  });
});
