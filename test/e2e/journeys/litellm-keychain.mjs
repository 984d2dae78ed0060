// Journey (a) of issue 14: a hardcoded key in a LiteLLM config → the quick fix → the OS keychain
// (read back through the real Secret Service) → `os.environ/ANTHROPIC_API_KEY` in the file, the
// secret in the policy, the exposure in the ledger (file and line, never the value), and the
// user offered to rotate it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { T, maskKeysInEditor, openFile, openQuickFix, runCommand, toastSettled, waitForSquiggle } from '../lib/workbench.mjs';
import { fakeAnthropicKey } from '../lib/fake-keys.mjs';
import { untilFileText } from '../lib/disk.mjs';

export const LITELLM_FILE = 'litellm/config.yaml';

/** Adds the LiteLLM config with one hardcoded key to a workspace; returns the key (kept in memory only). */
export function prepareLiteLlmConfig(dir) {
  const key = fakeAnthropicKey();
  mkdirSync(path.join(dir, 'litellm'), { recursive: true });
  writeFileSync(
    path.join(dir, LITELLM_FILE),
    `model_list:\n  - model_name: claude-haiku-batch\n    litellm_params:\n      model: anthropic/claude-haiku-4-5\n      api_key: ${key}\n      rpm: 120\n`,
  );
  return key;
}

const sha = (v) => createHash('sha256').update(v).digest('hex');

function keychainSha(env, service, account) {
  const code = `const { Entry } = require('@napi-rs/keyring'); const v = new Entry(process.argv[1], process.argv[2]).getPassword(); process.stdout.write(v == null ? 'none' : require('crypto').createHash('sha256').update(v).digest('hex'));`;
  const r = spawnSync(process.execPath, ['-e', code, service, account], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`reading the keychain failed: ${r.stderr}`);
  return r.stdout;
}

export async function liteLlmKeychainJourney({ page, folder, key, keyringEnv, lap, shot }) {
  await page.keyboard.press('Escape');
  // this folder asks for the keychain (the profile's default is the env file)
  mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'rotationGuard.quickFix.store': 'keychain' }));
  const editor = await openFile(page, LITELLM_FILE);
  const box = await waitForSquiggle(editor);
  const fix = await openQuickFix(page, box, /Move secret to the OS keychain/);
  lap(`quick fix offered: ${(await fix.innerText()).trim()}`);
  await fix.click();
  await editor.locator('.view-lines', { hasText: 'os.environ/ANTHROPIC_API_KEY' }).waitFor({ timeout: T.server });
  const offer = page.locator('.notifications-toasts .notification-toast', { hasText: 'rotate it now?' }).first();
  await offer.waitFor({ timeout: T.server });
  assert.ok(await offer.locator('a.monaco-button, .monaco-button', { hasText: 'Rotate now' }).count(), 'no Rotate now button');
  // one notification for the move: the server's outcome and the offer together
  const aboutMove = await page.locator('.notifications-toasts .notification-toast', { hasText: 'stored ANTHROPIC_API_KEY' }).count();
  assert.equal(aboutMove, 1, `${aboutMove} notifications about the move`);
  lap(`offered: ${(await offer.innerText()).replace(/\s+/g, ' ').slice(0, 140)}…`);
  // the policy may be open (the server then edits the buffer): save everything as a user would
  await runCommand(page, 'File: Save All Files');

  const saved = await untilFileText(path.join(folder, LITELLM_FILE), (t) => !t.includes(key) && t.includes('api_key'), 'the saved config still holds the key, or has no api_key line');
  const apiKeyLine = saved.split('\n').find((l) => l.includes('api_key')) ?? '';
  // rotation-guard:allow the LiteLLM reference the quick fix writes, not a value
  assert.match(apiKeyLine, /api_key: os\.environ\/ANTHROPIC_API_KEY/, `the config's api_key line is now: ${apiKeyLine}`);
  const policyText = await untilFileText(path.join(folder, 'rotation-policy.yaml'), (t) => (parse(t)?.secrets ?? []).some((s) => (s.references?.env ?? []).includes('ANTHROPIC_API_KEY')), 'the saved policy has no secret for ANTHROPIC_API_KEY');
  const policy = parse(policyText);
  const secret = policy.secrets.find((s) => (s.references?.env ?? []).includes('ANTHROPIC_API_KEY'));
  assert.ok(secret, 'no policy secret for ANTHROPIC_API_KEY');
  assert.ok((secret.references?.files ?? []).includes(LITELLM_FILE), 'the secret does not reference the config');
  assert.ok((secret.triggers ?? []).some((t) => t.on === 'exposed-in-file'), 'no exposure trigger');
  const storeName = secret.stores.find((n) => policy.stores[n].type === 'keychain');
  assert.ok(storeName, `the secret is kept in ${secret.stores.join(', ')}, not the keychain`);
  const store = policy.stores[storeName];
  const account = (store.account ?? '{id}').replace(/\{id\}/g, secret.id);
  assert.equal(keychainSha(keyringEnv, store.service ?? 'rotation-guard', account), sha(key), 'the keychain does not hold the moved value');
  const ledger = readFileSync(path.join(folder, '.rotation', 'ledger.jsonl'), 'utf8');
  assert.ok(!ledger.includes(key), 'the value is in the ledger');
  const mine = ledger.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.secretId === secret.id);
  assert.ok(mine.some((e) => /litellm\/config\.yaml/.test(e.detail ?? '')), `no exposure naming the file in the ledger: ${mine.map((e) => e.step).join(', ')}`);
  lap(`secret '${secret.id}' in the policy (store ${storeName}), value read back from the keychain, exposure in the ledger`);
  await toastSettled(offer);
  await maskKeysInEditor(page);
  await shot('journey-litellm-keychain');
}
