import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { analyzePolicy } from '../../../../core/policy';
import { Commands, DIAGNOSTIC_SOURCE, EXTENSION_ID, ServerCommands } from '../../../../protocol/src/protocol';
import { fakeOpenAiKey } from '../../../helpers/fake-keys';
import { codeOf, waitForDiagnostics } from './project';
import { until } from './wait';

// Runs inside the real extension host: real activation, real language client and server.

/** Resolves once `cond()` holds after a document change, or rejects after the timeout. */
function waitForDocument(doc: vscode.TextDocument, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  if (cond()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('document did not change as expected')); }, timeoutMs);
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && cond()) { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  });
}

describe('Rotation Guard in the real extension host', () => {
  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? assert.fail('no workspace folder open');
  let key: string;
  let uri: vscode.Uri;

  before(() => {
    key = fakeOpenAiKey();
    const dir = path.join(folder(), 'prompts');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `leak-${Date.now()}.prompt`);
    writeFileSync(file, `You are a helpful assistant.\nUse this key for the tools API: ${key}\nBe brief.\n`);
    writeFileSync(path.join(folder(), '.gitignore'), '.env.local\n');
    uri = vscode.Uri.file(file);
  });

  after(() => {
    rmSync(uri.fsPath, { force: true });
    rmSync(path.join(folder(), '.env.local'), { force: true });
    rmSync(path.join(folder(), 'rotation-policy.yaml'), { force: true });
    rmSync(path.join(folder(), '.rotation'), { recursive: true, force: true });
  });

  it('activates when a prompt file is opened', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
    // activate() resolves when the activation that the prompt file triggered has finished
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('reports the hardcoded key with source and stable code, without the value', async () => {
    const diags = await waitForDiagnostics(uri, (d) => d.source === DIAGNOSTIC_SOURCE && codeOf(d) === 'secret/openai-api-key');
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.range.start.line, 1);
    const doc = await vscode.workspace.openTextDocument(uri);
    // assert.ok, not equal: a failure message must never print the (fake) key
    assert.ok(doc.getText(d.range) === key, 'the diagnostic range covers exactly the key');
    assert.ok(!d.message.includes(key), 'the diagnostic message must never contain the value');
  });

  it('offers the "Move to store" quick fix: the value goes into .env.local under a new policy secret, the exposure into the ledger, a reference into the file', async () => {
    await vscode.workspace.getConfiguration('rotationGuard', uri).update('quickFix.store', 'envFile', vscode.ConfigurationTarget.Workspace);
    // right after the setting changed the server may still be re-validating (its answer is then
    // empty), as Ctrl+. can be in the workbench: asked again a bounded number of times
    let actions: vscode.CodeAction[] = [];
    const fix = await until('the "Move…" quick fix', async () => {
      const [d] = await waitForDiagnostics(uri, (x) => x.source === DIAGNOSTIC_SOURCE && codeOf(x) === 'secret/openai-api-key');
      actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d!.range, vscode.CodeActionKind.QuickFix.value);
      return actions.find((a) => a.title.startsWith('Move'));
    }, 15_000).catch(() => undefined);
    assert.ok(fix, `no "Move…" quick fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.command?.command, ServerCommands.moveToStore);
    assert.ok(!fix.title.includes(key) && !JSON.stringify(fix.command?.arguments ?? []).includes(key), 'the value must not travel in the code action');

    const doc = await vscode.workspace.openTextDocument(uri);
    const res = await vscode.commands.executeCommand<{ moved: boolean; secretId?: string; policyUri?: string; reason?: string }>(fix.command!.command, ...(fix.command!.arguments ?? []));
    assert.ok(res?.moved, `the move failed: ${res?.reason}`);
    await waitForDocument(doc, () => !doc.getText().includes(key));
    assert.match(doc.getText(), /OPENAI_API_KEY/);
    const envLocal = path.join(folder(), '.env.local');
    assert.ok(existsSync(envLocal), '.env.local was not written');
    assert.ok(readFileSync(envLocal, 'utf8').includes(`OPENAI_API_KEY=`), '.env.local lacks OPENAI_API_KEY');
    assert.ok(readFileSync(envLocal, 'utf8').includes(key), 'the stored value is not the original key');
    // through the policy: the secret is in it, the ledger has the exposure and the store, never the value
    // the policy as the user sees it: the server edits the buffer when the policy is open
    const policy = vscode.Uri.parse(res.policyUri!).fsPath;
    const policyText = (await vscode.workspace.openTextDocument(vscode.Uri.parse(res.policyUri!))).getText();
    const secret = analyzePolicy(policyText, { path: policy, now: new Date() }).policy?.secrets.find((s) => s.id === res.secretId);
    assert.ok(secret, `secret ${res.secretId} is not in ${policy}`);
    assert.ok(secret.triggers?.some((t) => t.on === 'exposed-in-file'), 'no exposure trigger on the new secret');
    const ledger = readFileSync(path.join(path.dirname(policy), '.rotation', 'ledger.jsonl'), 'utf8');
    assert.ok(!ledger.includes(key), 'the value is in the ledger');
    assert.ok(ledger.includes(`"secretId":"${res.secretId}"`), 'the ledger does not name the secret');
    assert.ok(ledger.includes(path.basename(uri.fsPath)), 'the ledger does not say where the value was exposed');
    await vscode.commands.executeCommand('notifications.clearAll');
    await doc.save();
  });

  it('registers every command the manifest contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });
});
