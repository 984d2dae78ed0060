// What a user does in the workbench, as playwright steps. Every wait is on a DOM selector with a
// timeout, never a fixed delay.
import { workbenchUrl } from './browser.mjs';

export const T = { load: 90_000, ui: 20_000, server: 45_000 };

/** Opens `folder` in the workbench and resolves once the explorer shows it. */
export async function openWorkbench(page, baseUrl, folder) {
  const t0 = Date.now();
  await page.goto(workbenchUrl(baseUrl, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: T.load });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T.load });
  return Date.now() - t0;
}

/**
 * Quick Open (Ctrl+P) a workspace-relative path; resolves with the active editor locator. File
 * search may still be indexing right after load, so a miss is retried a bounded number of times.
 */
export async function openFile(page, relPath, attempts = 3) {
  const name = relPath.split('/').pop();
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (let i = 1; ; i++) {
    await page.keyboard.press('Control+P');
    try {
      // a notification arriving at that moment can take the box away: then try again
      await input.waitFor({ timeout: T.ui });
      await input.fill(relPath, { timeout: 5_000 });
      await row.waitFor({ timeout: 7_000 });
      break;
    } catch {
      await page.keyboard.press('Escape');
      if (i >= attempts) throw new Error(`Quick Open did not find ${relPath} after ${attempts} tries`);
    }
  }
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: T.ui });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines').waitFor({ timeout: T.ui });
  return editor;
}

/** Resolves once the extension's status bar item is shown: the extension activated and its server answered. */
export async function waitForExtensionActive(page, timeout = T.server) {
  const item = page.locator('.statusbar-item', { hasText: 'Rotation Guard' }).first();
  await item.waitFor({ timeout });
  return (await item.innerText()).trim();
}

/**
 * Runs a command from the palette (F1) by its title. The palette learns an extension's commands
 * when the extension host reports them, so an early miss is retried a bounded number of times.
 */
export async function runCommand(page, title, attempts = 3) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  for (let i = 1; ; i++) {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: T.ui });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (i >= attempts) throw new Error(`command "${title}" not in the palette after ${attempts} tries`);
    }
  }
  await page.keyboard.press('Enter');
}

/**
 * Opens the Problems panel (Ctrl+Shift+M toggles it, so only when it is hidden) and returns the
 * locator of its rows.
 */
export async function openProblems(page) {
  const panel = page.locator('.markers-panel');
  for (let i = 1; !(await panel.isVisible()); i++) {
    await page.keyboard.press('Control+Shift+M');
    try {
      await panel.waitFor({ timeout: 5_000 });
    } catch {
      if (i >= 3) throw new Error('the Problems panel did not open');
    }
  }
  return panel.locator('.monaco-tl-row');
}

/**
 * Waits until the Problems panel has at least `count` rows matching `filter` (text or RegExp).
 * Focus changes (a notification, Quick Open) can hide the panel, so it is reopened while waiting.
 */
export async function waitForProblemRows(page, filter, { count = 1, timeout = T.server } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await openProblems(page);
    try {
      await rows.filter({ hasText: filter }).nth(count - 1).waitFor({ timeout: Math.max(1_000, Math.min(5_000, deadline - Date.now())) });
      return rows;
    } catch (err) {
      if (Date.now() >= deadline) throw new Error(`Problems view has fewer than ${count} rows matching ${filter} after ${timeout} ms`);
    }
  }
}

/** Waits until a Problems row mentions `text`, returning the row's text on one line. */
export async function waitForProblem(page, text, timeout = T.server) {
  const rows = await waitForProblemRows(page, text, { timeout });
  return (await rows.filter({ hasText: text }).first().innerText()).replace(/\s+/g, ' ');
}

/**
 * Waits for a squiggle (any severity) in the editor and returns its bounding box. A new diagnostic
 * set (the server re-publishes when it judges an exposure or a policy changes) redraws the
 * decoration layer, so the element found can be gone before its box is read: then wait for the
 * redrawn one, within the same deadline.
 */
export async function waitForSquiggle(editor, timeout = T.server) {
  const squiggle = editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first();
  const deadline = Date.now() + timeout;
  for (;;) {
    await squiggle.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    const box = await squiggle.boundingBox();
    if (box) return box;
    if (Date.now() > deadline) throw new Error(`no squiggle stayed in the editor for ${timeout} ms`);
  }
}

/**
 * Puts the caret inside the squiggle and opens the quick fix menu with Ctrl+. , returning the
 * locator of the row whose title matches `title`. Squiggles are a decoration layer behind the
 * text, so the click uses raw coordinates rather than the locator. The menu only lists actions
 * the server has answered with, so the shortcut is retried a bounded number of times.
 */
export async function openQuickFix(page, box, title, attempts = 3) {
  await page.mouse.click(box.x + Math.min(8, box.width / 2), box.y + box.height / 2);
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const row = rows.filter({ hasText: title }).first();
  for (let i = 1; ; i++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 7_000 });
      return row;
    } catch (err) {
      const seen = await rows.allInnerTexts().catch(() => []);
      if (i >= attempts) throw new Error(`no quick fix matching ${title} after ${attempts} tries; menu: ${seen.join(' | ') || 'not shown'}`);
      // close whatever opened before asking again
      await page.keyboard.press('Escape');
    }
  }
}

/** Resolves once a notification toast's entrance animations have finished (a frame worth keeping). */
export async function toastSettled(toast, { expand = false } = {}) {
  await toast.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)))).catch(() => {});
  if (!expand) return;
  // a long message shows one line; its expand toggle appears on hover
  await toast.hover();
  await toast.locator('.codicon-notifications-expand').first().click({ timeout: 3_000 }).catch(() => {});
  await page(toast).mouse.move(0, 0);
}

const page = (locator) => locator.page();

/**
 * Replaces the visible body of key-like tokens in the editor with bullets (keeping their width,
 * so squiggles stay put) before a kept screenshot: even a fake key is never published.
 */
export async function maskKeysInEditor(page) {
  await page.evaluate(() => {
    for (const lines of document.querySelectorAll('.editor-instance .view-lines')) {
      const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
      const nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      // a long key is split over several text nodes (tokens, wrapped view lines): keep masking
      // while the following nodes consist of key characters only
      let inKey = false;
      for (const n of nodes) {
        const text = n.textContent;
        if (inKey && /^[A-Za-z0-9_-]+$/.test(text)) {
          n.textContent = '•'.repeat(text.length);
          continue;
        }
        inKey = false;
        const masked = text.replace(/(sk-(?:proj-|ant-api\d\d-|litellm-)?[A-Za-z0-9_-]{4})([A-Za-z0-9_-]+)/g, (_m, head, body) => head + '•'.repeat(body.length));
        if (masked !== text) {
          n.textContent = masked;
          inKey = /•$/.test(masked);
        }
      }
    }
  });
}
