// Journey (d) of issue 14: typing in rotation-policy.yaml — a maxAge beyond the threat model's
// bound is flagged as you type (citing the bound), completion offers the schema's values, hover
// explains a field. The file is reverted afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { T, openFile, runCommand, waitForProblem } from '../lib/workbench.mjs';

/** Moves the caret to the end of the first line holding `text` after line `after` (1-based), via Go to Line. */
async function caretToEndOf(page, file, text, after = 0) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l, n) => n >= after && l.includes(text));
  assert.ok(i >= 0, `no line with ${text} in ${file}`);
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ timeout: T.ui });
  await page.keyboard.type(String(i + 1));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  return i + 1;
}

export async function policyEditingJourney({ page, folder, lap, shot }) {
  await page.keyboard.press('Escape');
  const file = path.join(folder, 'rotation-policy.yaml');
  const original = readFileSync(file, 'utf8');
  const editor = await openFile(page, 'rotation-policy.yaml');
  const secretsAt = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('secrets:'));

  // (1) diagnostics as you type: openai-prod (threat model internet-llm, bound 30d) gets maxAge 400d
  const line = await caretToEndOf(page, file, 'maxAge: 30d', secretsAt);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('400d');
  const problem = await waitForProblem(page, 'interval-exceeds-threat-model');
  lap(`diagnostic while typing (line ${line}): ${problem}`);
  assert.match(problem, /internet-llm/);

  // (2) completion: the values of `kind`
  await caretToEndOf(page, file, 'kind: api-key', secretsAt);
  for (let i = 0; i < 'api-key'.length; i++) await page.keyboard.press('Backspace');
  const suggest = page.locator('.suggest-widget .monaco-list-row');
  for (let i = 1; ; i++) {
    await page.keyboard.press('Control+Space');
    try {
      await suggest.filter({ hasText: 'connection-string' }).first().waitFor({ timeout: 5_000 });
      break;
    } catch {
      if (i >= 3) throw new Error(`no kind values offered; saw: ${(await suggest.allInnerTexts()).join(' | ')}`);
    }
  }
  const offered = (await suggest.allInnerTexts()).map((t) => t.split('\n')[0].trim());
  lap(`completion for kind: ${offered.join(', ')}`);
  assert.ok(offered.includes('password') && offered.includes('token'), 'kind values missing');
  await page.keyboard.press('Escape');

  // (3) hover: the `gracePeriod` field (in view: the caret is on the secret above it)
  const word = editor.locator('.view-line span', { hasText: /^gracePeriod$/ }).first();
  await word.hover();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /AWSPREVIOUS|previous value/ }).first();
  for (let i = 1; ; i++) {
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch {
      if (i >= 3) throw new Error('no hover on gracePeriod');
      await page.mouse.move(0, 0);
      await word.hover();
    }
  }
  lap(`hover on gracePeriod: ${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 120)}…`);
  await shot('journey-policy-editing');
  await page.keyboard.press('Escape');
  // undo both edits (the file on disk was never saved)
  await page.mouse.move(0, 0);
  // nothing was saved: the file on disk is untouched, and reverting the editor drops the edits
  assert.equal(readFileSync(file, 'utf8'), original, 'the edits reached the file on disk');
  await runCommand(page, 'File: Revert File');
  await editor.locator('.view-line', { hasText: /maxAge:\s400d/ }).waitFor({ state: 'detached', timeout: T.ui });
  lap('edits reverted; the file on disk was never changed');
}
