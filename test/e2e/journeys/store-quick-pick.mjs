// Journey 13: "Move secret" in a folder that leaves the store to ask (`quickFix.store: ask`). VS
// Code asks with a Quick Pick, not the server's three-button notification; Escape sends nothing
// and changes nothing; picking the env file moves the value as the quick fix always did.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { T, maskKeysInEditor, openFile, openQuickFix, openWorkbench, runCommand, waitForSquiggle } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';
import { untilFileText, untilOnDisk } from '../lib/disk.mjs';

export const STORE_PICK_FILE = 'prompts/triage.prompt';

/** A folder with one key in a prompt, `.env.local` git-ignored, and the store left to ask (over the profile's envFile). */
export function prepareStorePickWorkspace(dir) {
  const key = fakeOpenAiKey();
  mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  writeFileSync(path.join(dir, STORE_PICK_FILE), `You triage support tickets for Acme Cloud.\nUse the classifier with api key ${key} for each ticket.\n`);
  writeFileSync(path.join(dir, '.gitignore'), '.env.local\n');
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'rotationGuard.quickFix.store': 'ask' }));
  return { key };
}

export async function storeQuickPickJourney({ page, server, folder, key, lap, shot }) {
  await openWorkbench(page, server.url, folder);
  const file = path.join(folder, STORE_PICK_FILE);
  const before = readFileSync(file, 'utf8');
  const editor = await openFile(page, STORE_PICK_FILE);
  const box = await waitForSquiggle(editor);

  const picker = page.locator('.quick-input-widget');
  const rows = picker.locator('.quick-input-list .monaco-list-row');
  const envRow = rows.filter({ hasText: 'env file (.env.local)' }).first();
  const ask = async () => {
    const fix = await openQuickFix(page, box, /Move secret to a secret store/);
    await fix.click();
    await envRow.waitFor({ timeout: T.server });
  };

  await ask();
  // each row: the store's title, then its detail on a line of its own
  const labels = (await rows.allInnerTexts()).map((t) => t.trim().split('\n')[0].trim());
  assert.equal(labels.length, 3, `the Quick Pick lists: ${labels.join(' | ')}`);
  assert.deepEqual(labels, ['env file (.env.local)', 'OS keychain', 'pass']);
  assert.match(await picker.innerText(), /move the OPENAI_API_KEY value to/);
  // the server's question (a notification with three buttons) was not sent
  assert.equal(await page.locator('.notifications-toasts .notification-toast', { hasText: 'Move the OPENAI_API_KEY value to' }).count(), 0, 'the store was asked in a notification too');
  lap(`the store is asked in a Quick Pick: ${labels.join(' | ')}`);
  if (shot) {
    await maskKeysInEditor(page);
    await shot('journey-store-quick-pick');
  }

  // Escape: nothing sent, nothing changed (the file, no env file, no policy, no ledger)
  await page.keyboard.press('Escape');
  await picker.waitFor({ state: 'hidden', timeout: T.ui });
  assert.equal(readFileSync(file, 'utf8'), before, 'Escape changed the file on disk');
  for (const made of ['.env.local', 'rotation-policy.yaml', '.rotation']) assert.ok(!existsSync(path.join(folder, made)), `Escape left ${made} behind`);
  lap('Escape: nothing written');

  // again, and the env file this time
  await ask();
  await envRow.click();
  await editor.locator('.view-lines', { hasText: 'OPENAI_API_KEY' }).waitFor({ timeout: T.server });
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'rotate it now?' }).first().waitFor({ timeout: T.server });
  // the policy may be open (the server then edits the buffer): save everything as a user would
  await runCommand(page, 'File: Save All Files');
  await untilFileText(file, (t) => !t.includes(key) && t.includes('OPENAI_API_KEY'), 'the saved prompt still holds the key, or no reference');
  const envLocal = path.join(folder, '.env.local');
  await untilOnDisk(() => existsSync(envLocal), '.env.local was not written');
  assert.equal(readFileSync(envLocal, 'utf8'), `OPENAI_API_KEY=${key}\n`, '.env.local holds exactly the moved value');
  // (a policy being saved is empty for a moment: wait for one that holds a secret)
  const policyText = await untilFileText(path.join(folder, 'rotation-policy.yaml'), (t) => (parse(t)?.secrets ?? []).length > 0, 'no policy with a secret was written');
  // one move: one secret in the policy (the Escape earlier added nothing)
  const policy = parse(policyText);
  assert.deepEqual(policy.secrets.map((s) => s.stores), [['dotenv']], JSON.stringify(policy.secrets));
  lap('picked the env file: value in .env.local, a reference in the prompt, one secret in the new policy');
}
