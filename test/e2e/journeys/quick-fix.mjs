// Journey 1: a developer opens a prompt file with a hardcoded key, sees it flagged in the editor
// and in the Problems view, and moves it to a store with the quick fix.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openFile, openQuickFix, openWorkbench, T, waitForProblem, waitForSquiggle } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';
import { untilFileText, untilOnDisk } from '../lib/disk.mjs';

export const QUICK_FIX_FILE = 'prompts/support-agent.prompt';

/** Writes the journey's workspace; the key is generated now and never leaves this process's memory in logs. */
export function prepareQuickFixWorkspace(dir) {
  const key = fakeOpenAiKey();
  mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  writeFileSync(
    path.join(dir, QUICK_FIX_FILE),
    `You are the support agent of Acme Cloud.\nCall the billing tool with api key ${key} when the user asks about invoices.\nAnswer in two sentences.\n`,
  );
  // the env-file store refuses files git tracks; this makes the target git-ignored as a real project would
  writeFileSync(path.join(dir, '.gitignore'), '.env.local\n');
  return { key };
}

export async function quickFixJourney({ page, server, folder, key, lap }) {
  const loadMs = await openWorkbench(page, server.url, folder);
  lap(`workbench loaded in ${loadMs} ms`);
  const editor = await openFile(page, QUICK_FIX_FILE);
  const box = await waitForSquiggle(editor);
  lap('squiggle under the key');
  const problem = await waitForProblem(page, 'support-agent.prompt');
  assert.ok(!problem.includes(key), 'the Problems view must not show the key');
  const detail = await waitForProblem(page, 'secret/openai-api-key');
  lap(`Problems view: ${detail}`);

  const fix = await openQuickFix(page, box, /^\s*Move/);
  lap(`quick fix offered: ${(await fix.innerText()).trim()}`);
  await fix.click();

  // the editor now shows a reference instead of the key; wait on the DOM, then check the disk
  await editor.locator('.view-lines', { hasText: 'OPENAI_API_KEY' }).waitFor({ timeout: T.server });
  assert.equal(await editor.locator('.view-lines', { hasText: key.slice(0, 24) }).count(), 0, 'the key is still shown in the editor');
  await page.keyboard.press('Control+S');
  const file = path.join(folder, QUICK_FIX_FILE);
  const saved = await untilFileText(file, (t) => !t.includes(key) && t.trim() !== '', 'the saved prompt file still holds the key');
  assert.match(saved, /OPENAI_API_KEY/, 'the saved prompt file holds no reference');
  const envLocal = path.join(folder, '.env.local');
  await untilOnDisk(() => existsSync(envLocal), '.env.local was not written');
  const env = readFileSync(envLocal, 'utf8');
  assert.ok(/^OPENAI_API_KEY=/m.test(env), '.env.local lacks an OPENAI_API_KEY line');
  assert.ok(env.includes(key), '.env.local does not hold the moved value');
  // the key's error is gone (the reference itself may carry a note: its secret is now exposed)
  await editor.locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: T.server });
  lap('key replaced by a reference, value in .env.local, the error squiggle gone');
}
