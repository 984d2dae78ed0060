// Journeys (b) and (g) of issue 14 on the demo workspace as `npm start` prepares it — on a machine
// without a desktop keyring, so the keychain is the private gnome-keyring the runner started:
//   (b) palette → Rotate Secret… → litellm-master-key (generate, keychain + .env): a progress
//       notification ending with what was verified; both stores hold the new value; the ledger
//       verifies; a new terminal sees the new value;
//   (g) status bar → Secrets view → inline Rotate on openai-prod (manual provider): the new key
//       typed into the password box lands in the keychain and .env;
//   and the rotation dashboard.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { T, maskKeysInEditor, openFile, openProblems, runCommand, toastSettled } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';
import { untilOnDisk } from '../lib/disk.mjs';

const sha = (v) => createHash('sha256').update(v).digest('hex');
const CLI_BUNDLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../dist/cli.js');

function envValue(folder, name) {
  const m = new RegExp(`^${name}=(.*)$`, 'm').exec(readFileSync(path.join(folder, '.env'), 'utf8'));
  return m?.[1].replace(/^["']|["']$/g, '');
}

/** Reads a keychain entry through the real Secret Service, in a child process (value never printed: its sha256 is). */
function keychainSha(keyringEnv, service, account) {
  const code = `const { Entry } = require('@napi-rs/keyring'); const v = new Entry(process.argv[1], process.argv[2]).getPassword(); process.stdout.write(v == null ? 'none' : require('crypto').createHash('sha256').update(v).digest('hex'));`;
  const r = spawnSync(process.execPath, ['-e', code, service, account], { env: { ...process.env, ...keyringEnv }, encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`reading the keychain failed: ${r.stderr}`);
  return r.stdout;
}

function ledgerVerifies(folder) {
  const r = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'ledger', 'verify', '--policy', path.join(folder, 'rotation-policy.yaml')], { cwd: folder, encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

function toast(page, text) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}


/** (b): palette rotate of a generate secret kept in the keychain and .env. */
export async function paletteRotateJourney({ page, folder, keyringEnv, lap, shot }) {
  const before = envValue(folder, 'LITELLM_MASTER_KEY');
  assert.equal(keychainSha(keyringEnv, 'rotation-guard-demo', 'litellm-master-key'), sha(before), 'npm start did not seed the keychain with the .env value');
  await page.keyboard.press('Escape');
  await runCommand(page, 'Rotation Guard: Rotate Secret…');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'litellm-master-key' }).first().waitFor({ timeout: T.ui });
  const offered = (await page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((t) => t.split('\n')[0]);
  lap(`palette offers: ${offered.join(', ')}`);
  assert.ok(!offered.some((t) => t.startsWith('pg-app')), 'pg-app has no rotation provider and must not be offered');
  await input.fill('litellm-master-key');
  await page.keyboard.press('Enter');
  const done = toast(page, 'litellm-master-key rotated');
  await done.waitFor({ timeout: T.server });
  const text = (await done.innerText()).replace(/\s+/g, ' ');
  lap(`notification: ${text}`);
  assert.match(text, /CURRENT in keychain, dotenv/);
  assert.match(text, /every step recorded in the ledger/);
  // a calmer frame: the progress toast gone, the result toast expanded
  await toast(page, 'rotating litellm-master-key').waitFor({ state: 'detached', timeout: T.ui }).catch(() => {});
  await toastSettled(done, { expand: true });
  await maskKeysInEditor(page);
  await shot('journey-palette-rotate');

  const after = envValue(folder, 'LITELLM_MASTER_KEY');
  assert.ok(after && after !== before, '.env still holds the old value');
  assert.match(after, /^sk-litellm-[A-Za-z0-9]{48}$/, 'the new value does not have the policy\'s shape');
  assert.equal(keychainSha(keyringEnv, 'rotation-guard-demo', 'litellm-master-key'), sha(after), 'the keychain and .env disagree');
  const v = ledgerVerifies(folder);
  assert.ok(v.ok, `ledger verify: ${v.out}`);
  // the Problems view follows: the policy's "overdue" for it goes (the policy file is not open)
  const problems = await openProblems(page);
  await problems.filter({ hasText: "'litellm-master-key' is overdue" }).first().waitFor({ state: 'detached', timeout: T.server });
  lap(`keychain and .env hold the new value; ${v.out.split('\n').pop()}`);

  // a new terminal sees it (rotationGuard.terminal.injectSecrets is on in this profile)
  const out = path.join(folder, '.rotation', `terminal-${Date.now()}.sha`);
  for (let i = 1; ; i++) {
    await runCommand(page, 'Terminal: Create New Terminal');
    const term = page.locator('.terminal-wrapper.active .xterm-helper-textarea, .terminal .xterm-helper-textarea').last();
    await term.waitFor({ state: 'attached', timeout: T.ui });
    await term.focus();
    await page.keyboard.type(`printenv LITELLM_MASTER_KEY | tr -d '\\n' | sha256sum | cut -c1-64 > ${out}\n`);
    try {
      await untilOnDisk(() => readFileSync(out, 'utf8').trim().length === 64, 'no output', 10_000);
      if (readFileSync(out, 'utf8').trim() === sha(after)) break;
    } catch { /* the shell was not ready yet */ }
    if (i >= 3) throw new Error(`a new terminal does not see the new LITELLM_MASTER_KEY (got ${existsSync(out) ? readFileSync(out, 'utf8').trim() : 'nothing'})`);
  }
  rmSync(out, { force: true });
  lap('a new terminal sees the new value');
}

/** (g): Secrets view (opened from the status bar) → inline Rotate on openai-prod → paste the new key. */
export async function secretsViewRotateJourney({ page, folder, keyringEnv, lap, shot }) {
  await page.keyboard.press('Escape');
  const status = page.locator('.statusbar-item', { hasText: /to rotate/ }).first();
  await status.waitFor({ timeout: T.server });
  lap(`status bar: ${(await status.innerText()).trim()}`);
  await status.click();
  const row = page.locator('.monaco-list-row[aria-label^="openai-prod,"]').first();
  await row.waitFor({ timeout: T.ui });
  lap(`Secrets view row: ${await row.getAttribute('aria-label')}`);
  await maskKeysInEditor(page);
  await shot('journey-secrets-view');
  await row.hover();
  await row.locator('.action-label[aria-label^="Rotate Secret"]').click();
  const box = page.locator('.quick-input-widget', { hasText: 'New value for openai-prod' });
  await box.waitFor({ timeout: T.server });
  const key = fakeOpenAiKey();
  await box.locator('input').fill(key);
  await page.keyboard.press('Enter');
  // a grace period (1h) keeps the old key valid: promoted now, revoked later
  const done = toast(page, /openai-prod (rotated|—)/);
  await done.waitFor({ timeout: T.server });
  lap(`notification: ${(await done.innerText()).replace(/\s+/g, ' ')}`);
  assert.equal(envValue(folder, 'OPENAI_API_KEY'), key, '.env does not hold the new key');
  assert.equal(keychainSha(keyringEnv, 'rotation-guard-demo', 'openai-prod'), sha(key), 'the keychain does not hold the new key');
  await page.locator('.monaco-list-row[aria-label^="openai-prod,"][aria-label*="last event promote ok"]').first().waitFor({ timeout: T.ui });
  lap('keychain and .env hold the pasted key; the Secrets view shows the promotion as the last event');
}

export async function dashboardJourney({ page, lap, shot }) {
  await page.keyboard.press('Escape');
  await runCommand(page, 'Rotation Guard: Show Rotation Status');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  const rows = frame.locator('button.row');
  await rows.first().waitFor({ timeout: T.ui });
  const n = await rows.count();
  assert.equal(n, 5, `the dashboard shows ${n} secrets, not the demo's 5`);
  // keyboard: Tab reaches a row; Enter opens the secret in the policy
  await rows.nth(2).focus();
  const label = await rows.nth(2).getAttribute('aria-label');
  lap(`dashboard row 3: ${label}`);
  await maskKeysInEditor(page);
  await shot('journey-dashboard');
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: 'rotation-policy.yaml' }).waitFor({ timeout: T.ui });
  lap('Enter on a dashboard row opened rotation-policy.yaml');
}

function finishes(folder, secretId) {
  return readFileSync(path.join(folder, '.rotation', 'ledger.jsonl'), 'utf8').split('\n').filter((l) => l.includes(`"secretId":"${secretId}"`) && l.includes('"step":"finish"') && l.includes('"outcome":"ok"')).length;
}

/**
 * (f): the user has confirmed the policy (as "Confirm policy and rotate" records it); the current
 * value of litellm-master-key (trigger exposed-in-file → rotate-now) is pasted into a prompt file:
 * it is rotated at once with one result notification, and editing the file again does not repeat it.
 */
export async function triggerJourney({ page, folder, xdgConfig, lap, shot }) {
  await page.keyboard.press('Escape');
  const policy = path.join(folder, 'rotation-policy.yaml');
  // Confirmed as a person does without rotating: `rotation-guard trust --yes` records what the
  // policy runs (every executed file's hash), which the editor's trigger then checks.
  const confirmed = spawnSync(process.execPath, [CLI_BUNDLE, 'trust', '--yes', '--policy', policy], { cwd: folder, env: { ...process.env, XDG_CONFIG_HOME: xdgConfig }, encoding: 'utf8' });
  assert.equal(confirmed.status, 0, `rotation-guard trust failed: ${confirmed.stderr}`);
  const value = envValue(folder, 'LITELLM_MASTER_KEY');
  const before = finishes(folder, 'litellm-master-key');
  // only this event's notifications count
  await runCommand(page, 'Notifications: Clear All Notifications');

  const editor = await openFile(page, 'prompts/support.prompty');
  await editor.locator('.view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(`\nGateway key for tools: ${value}\n`);
  const done = toast(page, 'litellm-master-key rotated');
  await done.waitFor({ timeout: T.server });
  lap(`notification: ${(await done.innerText()).replace(/\s+/g, ' ').slice(0, 160)}…`);
  await untilOnDisk(() => finishes(folder, 'litellm-master-key') === before + 1, 'no finished rotation of litellm-master-key in the ledger');
  const after = envValue(folder, 'LITELLM_MASTER_KEY');
  assert.ok(after !== value, '.env still holds the pasted value');
  // the pasted value is no longer the current one; edit again: re-validation must not rotate again
  await page.keyboard.type('Answer briefly.\n');
  const rows = await openProblems(page);
  await rows.filter({ hasText: "current value of 'litellm-master-key'" }).first().waitFor({ state: 'detached', timeout: T.server });
  assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: 'litellm-master-key rotated' }).count(), 1, 'more than one result notification');
  assert.equal(finishes(folder, 'litellm-master-key'), before + 1, 'rotated more than once');
  lap('rotated once; the pasted value is no longer current and re-validation does not repeat it');
  await toastSettled(done);
  await maskKeysInEditor(page);
  await shot('journey-trigger-rotate-now');
  for (let i = 0; i < 10 && (await page.locator('.tabs-container .tab.active.dirty').count()); i++) await page.keyboard.press('Control+Z');
}

/** A human password is re-entered, never generated: Store Secret… → pass (read back with `pass show`). */
export async function storeSecretJourney({ page, folder, passEnv, lap }) {
  await page.keyboard.press('Escape');
  await runCommand(page, 'Rotation Guard: Store Secret…');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ops-console-password' }).first().waitFor({ timeout: T.ui });
  await page.locator('.quick-input-widget input').fill('ops-console-password');
  await page.keyboard.press('Enter');
  const box = page.locator('.quick-input-widget', { hasText: 'Value of ops-console-password' });
  await box.waitFor({ timeout: T.ui });
  const value = `Ops-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  await box.locator('input').fill(value);
  await page.keyboard.press('Enter');
  const done = toast(page, 'ops-console-password stored in team-pass');
  await done.waitFor({ timeout: T.server });
  lap(`notification: ${(await done.innerText()).replace(/\s+/g, ' ').slice(0, 140)}`);
  const show = spawnSync('pass', ['show', 'acme/ops-console-password'], { env: { ...process.env, ...passEnv }, encoding: 'utf8' });
  assert.equal(show.status, 0, `pass show failed: ${show.stderr}`);
  assert.ok(show.stdout.split('\n')[0] === value, 'pass holds another value');
  const ledger = readFileSync(path.join(folder, '.rotation', 'ledger.jsonl'), 'utf8');
  assert.ok(!ledger.includes(value), 'the value is in the ledger');
  assert.match(ledger.trim().split('\n').pop(), /"secretId":"ops-console-password".*"step":"store"/);
  lap('pass holds the typed value; the ledger has a store step with its fingerprint only');
}
