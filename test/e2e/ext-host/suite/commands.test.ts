import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { keyedFingerprint } from '../../../../core/values/fingerprint';
import { loadFingerprintKey } from '../../../../core/values/fingerprint-key';
import { readLedger, verifyLedger } from '../../../../core/ledger';
import { loadPolicyFile } from '../../../../core/policy';
import { confirmPolicyFile, type RotationResult } from '../../../../core/rotation';
import { Commands, EXTENSION_ID } from '../../../../protocol/src/protocol';
import type { RotationGuardApi } from '../../../../client/src/extension';
import type { SecretItem } from '../../../../client/src/secretsView';
import { fakeOpenAiKey } from '../../../helpers/fake-keys';
import { activateApi, makeProject, root, type Project } from './project';
import { runAndAccept, runAndCancel, until } from './wait';

// Every command of the extension, run in the real extension host against a real private
// gnome-keyring (test/e2e/run.mjs starts it), the real env-file store and the real ledger.

describe('Rotation Guard commands in the real extension host', () => {
  let api: RotationGuardApi;
  let p: Project;
  // named like the fixture's fields, so the tests read as before
  let proj: string;
  let policy: string;
  let ledger: string;
  let keychain: Project['keychain'];
  const ledgerLines = () => p.ledgerLines();
  const dotenvValue = (name: string) => p.dotenvValue(name);

  before(async () => {
    api = await activateApi();
  });

  after(() => p?.remove());

  it('Create Policy from Findings writes a policy of the workspace\'s credentials that loads without errors', async () => {
    const leak = path.join(root(), 'notes', 'leak.md');
    mkdirSync(path.dirname(leak), { recursive: true });
    writeFileSync(leak, `The tools key: ${fakeOpenAiKey()}\n`);
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri>(Commands.createPolicy);
      assert.ok(uri, 'no policy was created');
      const loaded = loadPolicyFile(uri.fsPath);
      const errors = loaded.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      assert.ok(loaded.policy && !errors.length, `the created policy has problems: ${errors.map((p) => p.message).join('; ')}`);
      const s = loaded.policy.secrets.find((x) => x.id === 'openai-api-key');
      assert.ok(s, `no openai-api-key secret in ${loaded.policy.secrets.map((x) => x.id).join(', ')}`);
      assert.deepEqual(s.references?.files, ['notes/leak.md']);
      assert.ok(s.triggers?.some((t) => t.on === 'exposed-in-file'), 'no exposure trigger');
      // a second run never overwrites it
      const before = readFileSync(uri.fsPath, 'utf8');
      await vscode.commands.executeCommand(Commands.createPolicy);
      assert.equal(readFileSync(uri.fsPath, 'utf8'), before);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(uri.fsPath);
    } finally {
      rmSync(path.dirname(leak), { recursive: true, force: true });
    }
  });

  it('set-up: a project with a policy, its .env and the current value in the keychain', async () => {
    p = await makeProject('proj');
    ({ proj, policy, ledger, keychain } = p);
  });

  it('the Secrets view and the status bar list the policy\'s secrets (read from disk, server or not)', async () => {
    api.view.refresh();
    const snap = await api.view.load();
    const ids = snap.secrets.filter((s) => s.policyUri.fsPath === policy).map((s) => s.id);
    assert.deepEqual(ids, ['gen-key', 'slow-key', 'human-pw']);
    // duck-typed: the extension's bundle has its own copy of the item classes
    const items = (await api.view.getChildren()).filter((i): i is SecretItem => 'secret' in i && (i as SecretItem).secret.policyUri.fsPath === policy);
    const gen = items.find((i) => i.label === 'gen-key')!;
    assert.match(String(gen.description), /never-rotated · never rotated · no due date · keychain, dotenv/);
  });

  it('Rotate Secret (generate, keychain + .env): both stores hold the new value, the ledger verifies, new terminals get it', async () => {
    // opt-in: until the setting is on, terminals get nothing
    assert.equal(api.ctx.extension.environmentVariableCollection.get('GEN_KEY'), undefined, 'secrets in the terminal environment without the opt-in');
    await vscode.workspace.getConfiguration('rotationGuard').update('terminal.injectSecrets', true, vscode.ConfigurationTarget.Global);
    const r = await vscode.commands.executeCommand<RotationResult>(Commands.rotateNow, { policy, secretId: 'gen-key' });
    assert.ok(r, 'rotateNow returned nothing');
    assert.equal(r.status, 'rotated', r.message);
    const inKeychain = await keychain.get('gen-key', 'current');
    assert.ok(inKeychain && inKeychain !== 'initial-value-0123456789abcdef', 'the keychain still holds the old value');
    assert.ok(dotenvValue('GEN_KEY') === inKeychain, '.env and the keychain disagree');
    assert.equal(r.newFingerprint, keyedFingerprint(inKeychain, loadFingerprintKey()));
    assert.equal(await keychain.get('gen-key', 'pending'), null, 'PENDING left behind');
    const v = verifyLedger(ledger);
    assert.ok(v.ok, `ledger: ${v.reason}`);
    assert.deepEqual(r.steps.map((s) => s.step), ['begin', 'create', 'store-pending', 'apply', 'test-new', 'promote', 'revoke-old', 'test-old-fails', 'finish']);
    assert.ok(!JSON.stringify(r).includes(inKeychain), 'a value in the result');
    await until('the terminal environment to carry the new value', () => api.ctx.extension.environmentVariableCollection.get('GEN_KEY')?.value === inKeychain);
  });

  it('Rotate Secret from the palette (no argument): the secret pick cancelled with Escape changes nothing', async () => {
    const n = ledgerLines();
    const r = await runAndCancel(Commands.rotateNow);
    assert.equal(r, undefined);
    assert.equal(ledgerLines(), n);
  });

  it('Store Secret: the value box cancelled changes nothing', async () => {
    const n = ledgerLines();
    const before = await keychain.get('human-pw', 'current');
    assert.equal(await runAndCancel(Commands.storeSecret, { policy, secretId: 'human-pw' }), undefined);
    assert.equal(await keychain.get('human-pw', 'current'), before);
    assert.equal(ledgerLines(), n);
  });

  it('Mark Secret Compromised: cancelled changes nothing; accepted, the ledger and the view say compromised', async () => {
    const n = ledgerLines();
    assert.equal(await runAndCancel(Commands.markCompromised, { policy, secretId: 'human-pw' }), undefined);
    assert.equal(ledgerLines(), n);
    const entry = await runAndAccept<{ step: string }>(Commands.markCompromised, { policy, secretId: 'human-pw' });
    assert.equal(entry?.step, 'mark-compromised');
    api.view.refresh();
    const row = (await api.view.load()).secrets.find((s) => s.policyUri.fsPath === policy && s.id === 'human-pw');
    assert.equal(row?.state, 'compromised');
    assert.equal(row?.exposures.length, 1);
  });

  it('a provider that times out: the rotation fails with the reason, is rolled back, the old value stays current', async () => {
    await keychain.set('slow-key', 'current', 'slow-old-value-0123456789');
    confirmPolicyFile(policy);
    const r = await vscode.commands.executeCommand<RotationResult>(Commands.rotateNow, { policy, secretId: 'slow-key' });
    assert.equal(r?.status, 'failed');
    assert.match(r.message, /did not finish within 1000 ms/);
    assert.equal(await keychain.get('slow-key', 'current'), 'slow-old-value-0123456789');
    assert.ok(readLedger(ledger).entries.some((e) => e.secretId === 'slow-key' && e.step === 'rollback' && e.outcome === 'ok'), 'no rollback in the ledger');
  });

  it('a window closed mid-rotation: the next start offers Resume, and Resume finishes it', async () => {
    const before = await keychain.get('gen-key', 'current');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const marker = path.join(proj, 'pause.marker');
    // the CLI bundle of the installed extension, stopped before promote like a window closed mid-way
    const child = spawn(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'rotate', 'gen-key', '--policy', policy], {
      cwd: proj,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ROTATION_GUARD_TEST_PAUSE_AT: 'promote:before', ROTATION_GUARD_TEST_PAUSE_MARKER: marker },
      stdio: 'ignore',
      detached: true,
    });
    try {
      await until('the CLI rotation to pause before promote', () => existsSync(marker), 30_000);
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* it may have exited on its own */
      }
    }
    assert.equal(await keychain.get('gen-key', 'current'), before, 'the value changed before promote');
    assert.ok(await keychain.get('gen-key', 'pending'), 'no PENDING value after store-pending');
    assert.equal(await api.checkInterrupted(), 1, 'the start-up check did not offer to resume');
    await vscode.commands.executeCommand('notifications.clearAll');
    const r = await vscode.commands.executeCommand<RotationResult>(Commands.resumeRotation, { policy, rollback: false });
    assert.equal(r?.status, 'rotated', r?.message);
    const after = await keychain.get('gen-key', 'current');
    assert.ok(after && after !== before && dotenvValue('GEN_KEY') === after, 'resume did not promote the pending value to both stores');
    assert.equal(await api.checkInterrupted(), 0);
  });

  it('a policy with errors: commands refuse with the error and change nothing', async () => {
    const good = readFileSync(policy, 'utf8');
    writeFileSync(policy, good.replace('kind: api-key', 'kind: not-a-kind'));
    try {
      const n = ledgerLines();
      assert.equal(await vscode.commands.executeCommand(Commands.rotateNow, { policy, secretId: 'gen-key' }), undefined);
      assert.equal(ledgerLines(), n);
      api.view.refresh();
      const snap = await api.view.load();
      assert.ok(snap.broken.some((b) => b.policyUri.fsPath === policy), 'the view does not show the broken policy');
    } finally {
      writeFileSync(policy, good);
    }
  });

  it('Show Rotation Status: a webview with a strict CSP, every secret, no value and no remote content', async () => {
    const ok = await vscode.commands.executeCommand<boolean>(Commands.showStatus);
    assert.equal(ok, true);
    const html = api.dashboard.html() ?? '';
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'no script nonce');
    assert.equal(html.split('<script').length, html.split(`<script nonce="${nonce}"`).length, 'a script without the nonce');
    assert.equal(html.split('<style').length, html.split(`<style nonce="${nonce}"`).length, 'a style without the nonce');
    assert.ok(!/https?:\/\//.test(html), 'remote content in the dashboard');
    for (const id of ['gen-key', 'slow-key', 'human-pw']) assert.ok(html.includes(`>${id}<`), `${id} missing`);
    const current = (await keychain.get('gen-key', 'current'))!;
    assert.ok(!html.includes(current), 'a value in the dashboard');
    assert.match(html, /class="exposure"/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Verify Audit Ledger, Open Policy: act on the active policy', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(policy));
    const v = await vscode.commands.executeCommand<{ ok: boolean; entries: number }>(Commands.verifyLedger);
    assert.ok(v?.ok);
    assert.equal(v.entries, ledgerLines());
    const opened = await vscode.commands.executeCommand<vscode.Uri>(Commands.openPolicy);
    assert.equal(opened?.fsPath, policy);
  });

  it('Scan Git History runs the CLI bundle on a real repository and reports the committed key with its commit', async () => {
    const repo = path.join(proj, 'history-repo');
    mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout.trim();
    };
    git('init', '-q');
    writeFileSync(path.join(repo, 'agent.prompt'), `key ${fakeOpenAiKey()}\n`);
    git('add', '.');
    git('commit', '-qm', 'add prompt');
    const sha = git('rev-parse', 'HEAD');
    writeFileSync(path.join(repo, 'agent.prompt'), 'key: read it from OPENAI_API_KEY\n');
    git('commit', '-qam', 'remove the key');
    const res = await vscode.commands.executeCommand<{ findings: Array<{ ruleId: string; commit?: string; file: string }> }>(Commands.scanGitHistory, { folder: repo });
    assert.ok(res, 'no result (does this build\'s CLI have scan --git-history?)');
    const hit = res.findings.find((f) => f.ruleId === 'secret/openai-api-key');
    assert.equal(hit?.commit, sha);
    assert.equal(hit?.file, 'agent.prompt');
    await vscode.commands.executeCommand('notifications.clearAll');
    rmSync(repo, { recursive: true, force: true });
  });

  it('Enforce Policy Now runs the CLI bundle: the compromised human password needs a person (exit 1), recorded', async () => {
    const n = ledgerLines();
    const code = await vscode.commands.executeCommand<number>(Commands.enforceNow, { policy });
    assert.equal(code, 1);
    assert.ok(ledgerLines() >= n);
    const v = verifyLedger(ledger);
    assert.ok(v.ok, `ledger after enforce: ${v.reason}`);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('with the language server stopped, Scan Workspace says so and the Secrets view still works', async () => {
    await api.ctx.stop();
    try {
      assert.equal(await vscode.commands.executeCommand(Commands.scanWorkspace), undefined);
      api.view.refresh();
      assert.ok((await api.view.load()).secrets.some((s) => s.id === 'gen-key'));
    } finally {
      await api.ctx.start();
    }
    assert.ok(api.ctx.client?.isRunning(), 'the server did not come back');
  });

});
