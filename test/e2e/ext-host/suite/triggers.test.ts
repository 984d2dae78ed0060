import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { keyedFingerprint } from '../../../../core/values/fingerprint';
import { loadFingerprintKey } from '../../../../core/values/fingerprint-key';
import { readLedger } from '../../../../core/ledger';
import { confirmPolicyFile, type RotationResult } from '../../../../core/rotation';
import { Commands, DIAGNOSTIC_SOURCE } from '../../../../protocol/src/protocol';
import { fakeOpenAiKey } from '../../../helpers/fake-keys';
import type { RotationGuardApi } from '../../../../client/src/extension';
import { activateApi, codeOf, makeProject, waitForDiagnostics, type Project } from './project';

// The policy's exposed-in-file triggers in the editor, through the trigger engine (core/enforce):
// the language server reports a secret's current value in a file, the client decides and acts.

describe('Rotation Guard triggers in the real extension host', () => {
  let api: RotationGuardApi;
  let p: Project;
  let proj: string;
  let policy: string;
  let ledger: string;
  let keychain: Project['keychain'];
  const dotenvValue = (name: string) => p.dotenvValue(name);
  /** The next trigger action whose record starts with `prefix` (`secretId:action:outcome`). */
  const nextFire = (prefix: string) =>
    new Promise<string>((res) => {
      const sub = api.triggers.onDidFire((w) => {
        if (w.startsWith(prefix)) {
          sub.dispose();
          res(w);
        }
      });
    });

  before(async () => {
    api = await activateApi();
    p = await makeProject('triggers');
    ({ proj, policy, ledger, keychain } = p);
    // a finished rotation makes the value current in the ledger, where the server learns it
    const r = await vscode.commands.executeCommand<RotationResult>(Commands.rotateNow, { policy, secretId: 'gen-key' });
    assert.equal(r?.status, 'rotated');
  });

  after(() => p?.remove());

  it('trigger rotate-now: the current value pasted into a prompt (trusted, confirmed policy) rotates it once, with no repeat', async () => {
    confirmPolicyFile(policy);
    const value = (await keychain.get('gen-key', 'current'))!;
    const firedBefore = api.triggers.fired.length;
    const fired = nextFire('gen-key:rotate-now:');
    const prompt = path.join(proj, 'prompts', 'pasted.prompt');
    mkdirSync(path.dirname(prompt), { recursive: true });
    writeFileSync(prompt, `Use this gateway key: ${value}\n`);
    const doc = await vscode.workspace.openTextDocument(prompt);
    await vscode.window.showTextDocument(doc);
    assert.equal(await fired, 'gen-key:rotate-now:rotated');
    const marks = readLedger(ledger).entries.filter((e) => e.secretId === 'gen-key' && e.step === 'mark-compromised');
    assert.equal(marks.length, 1, 'the exposure was not recorded once');
    assert.equal((marks[0] as { event?: string }).event, 'exposed-in-file');
    assert.match(marks[0]!.detail ?? '', /prompts\/pasted\.prompt:1/);
    assert.equal(marks[0]!.oldFingerprint, keyedFingerprint(value, loadFingerprintKey()));
    assert.ok(!readFileSync(ledger, 'utf8').includes(value), 'the value is in the ledger');
    const begin = readLedger(ledger).entries.filter((e) => e.secretId === 'gen-key' && e.step === 'begin').pop();
    assert.match(begin?.detail ?? '', /reason: trigger exposed-in-file/);
    const now = await keychain.get('gen-key', 'current');
    assert.ok(now && now !== value && dotenvValue('GEN_KEY') === now, 'the trigger did not rotate both stores');
    // the same sighting again (an edit re-validates the file): no second action. The edit adds a
    // line with another key above it, so a diagnostic on line 0 proves the server has validated
    // the edited text (waiting for "any change" raced with the rotation's own re-validation).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), `Fallback: ${fakeOpenAiKey()}\n`);
    await vscode.workspace.applyEdit(edit);
    await waitForDiagnostics(doc.uri, (d) => d.source === DIAGNOSTIC_SOURCE && codeOf(d) === 'secret/openai-api-key' && d.range.start.line === 0);
    assert.deepEqual(api.triggers.fired.slice(firedBefore).filter((w) => w.startsWith('gen-key:')), ['gen-key:rotate-now:rotated']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(prompt);
  });

  it('trigger rotate-now with the policy changed since it was confirmed: one notification says why, nothing rotates', async () => {
    writeFileSync(policy, `${readFileSync(policy, 'utf8')}# edited after the confirmation\n`);
    const value = (await keychain.get('gen-key', 'current'))!;
    const fired = nextFire('gen-key:');
    const prompt = path.join(proj, 'prompts', 'pasted-again.prompt');
    writeFileSync(prompt, `key: ${value}\n`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(prompt));
    assert.match(await fired, /^gen-key:rotate-now:held \(.*was not confirmed/);
    assert.equal(await keychain.get('gen-key', 'current'), value, 'rotated although the policy was not confirmed');
    // the Secrets view and the status bar count it as exposed until it is rotated
    api.view.refresh();
    const row = (await api.view.load()).secrets.find((x) => x.policyUri.fsPath === policy && x.id === 'gen-key');
    assert.match(row?.exposedIn ?? '', /pasted-again\.prompt:1$/);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    rmSync(prompt);
  });

  it('a current value inside a binary container (a recorded response cache) found by the workspace scan fires the trigger, read at its byte offset', async () => {
    confirmPolicyFile(policy);
    // A fresh value first: the one the test above left is already recorded as exposed.
    const r = await vscode.commands.executeCommand<RotationResult>(Commands.rotateNow, { policy, secretId: 'gen-key' });
    assert.equal(r?.status, 'rotated');
    const value = (await keychain.get('gen-key', 'current'))!;
    const fired = nextFire('gen-key:');
    // A response cache as a pickle or SQLite file holds it: text between binary bytes.
    const cache = path.join(proj, 'cache', 'responses.bin');
    mkdirSync(path.dirname(cache), { recursive: true });
    const head = Buffer.from([0x80, 0x04, 0x95, 0x00, 0x00, 0x01, 0x02]);
    const text = Buffer.from(`Authorization: Bearer ${value}`, 'latin1');
    writeFileSync(cache, Buffer.concat([head, text, Buffer.from([0x00, 0x94, 0x2e])]));
    const offset = head.length + 'Authorization: Bearer '.length;
    await vscode.commands.executeCommand(Commands.scanWorkspace);
    assert.equal(await fired, 'gen-key:rotate-now:rotated');
    const mark = readLedger(ledger).entries.filter((e) => e.secretId === 'gen-key' && e.step === 'mark-compromised').pop();
    assert.match(mark?.detail ?? '', new RegExp(`cache/responses\\.bin \\(binary\\) at byte ${offset}`));
    assert.equal(mark!.oldFingerprint, keyedFingerprint(value, loadFingerprintKey()));
    assert.ok(!readFileSync(ledger, 'utf8').includes(value), 'the value is in the ledger');
    await vscode.commands.executeCommand('notifications.clearAll');
    rmSync(cache);
  });
});
