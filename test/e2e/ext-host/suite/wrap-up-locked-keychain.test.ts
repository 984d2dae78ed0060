import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { Commands } from '../../../../protocol/src/protocol';
import { activateApi, makeProject, type Project } from './project';

// Runs last (files run in name order): the throwaway keyring cannot be unlocked again without a
// prompt, so nothing after this may need the keychain.

describe('Rotation Guard with a locked keychain', () => {
  let p: Project;
  let policy: string;
  let keychain: Project['keychain'];
  const ledgerLines = () => p.ledgerLines();

  before(async () => {
    await activateApi();
    p = await makeProject('locked');
    ({ policy, keychain } = p);
  });

  after(() => p?.remove());

  it('a locked keychain: the rotation stops with the keychain\'s actionable message and nothing changes', async () => {
    const before = await keychain.get('gen-key', 'current');
    const lock = spawnSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/collection/login']"], { encoding: 'utf8' });
    assert.equal(lock.status, 0, `could not lock the test keyring: ${lock.stderr}`);
    const n = ledgerLines();
    const shown: string[] = [];
    const r = await vscode.commands.executeCommand(Commands.rotateNow, { policy, secretId: 'gen-key' });
    assert.equal(r, undefined);
    assert.equal(ledgerLines(), n, 'the ledger changed');
    await assert.rejects(keychain.get('gen-key', 'current'), (e: Error & { code?: string }) => {
      shown.push(e.message);
      return e.code === 'store/keyring-locked' && /Unlock it/.test(e.message);
    });
    assert.ok(before && !shown.join().includes(before), 'a value in the error');
  });
});
