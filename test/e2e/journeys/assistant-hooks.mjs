// Journey 15 (issue 23): palette → "Install AI Assistant Hooks…" in a project that uses Claude
// Code, whose .claude/settings.json already holds another tool's hook and a permission. The pick
// offers claude-code as found here (checked); Enter, then "This project" → our three hooks are in
// the file, the other tool's hook and the permission are kept, and the installed command, run as
// Claude Code runs it (through the shell, payload on stdin), blocks a prompt holding a key.
// Claude Code's hook format: https://docs.anthropic.com/en/docs/claude-code/hooks
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { T, openWorkbench, runCommand, waitForExtensionActive } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';
import { untilOnDisk } from '../lib/disk.mjs';

const SETTINGS = '.claude/settings.json';
const MARK = '--managed-by=rotation-guard';
const OTHER = { matcher: 'Bash', hooks: [{ type: 'command', command: 'other-tool check-bash' }] };

/** A project with Claude Code's settings (another tool's PreToolUse hook, a permission) and a prompt file. */
export function prepareAssistantHooksWorkspace(dir) {
  mkdirSync(path.join(dir, '.claude'), { recursive: true });
  writeFileSync(path.join(dir, SETTINGS), `${JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [OTHER] } }, null, 2)}\n`);
  mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  writeFileSync(path.join(dir, 'prompts', 'support.prompt'), 'You answer questions about Acme Cloud billing.\n');
}

export async function assistantHooksJourney({ page, server, folder, lap, shot }) {
  await openWorkbench(page, server.url, folder);
  await runCommand(page, 'Install AI Assistant Hooks');
  const picker = page.locator('.quick-input-widget');
  const rows = picker.locator('.quick-input-list .monaco-list-row');
  const claude = rows.filter({ hasText: 'claude-code' }).first();
  await claude.waitFor({ timeout: T.server });
  assert.match(await claude.innerText(), /found here/, 'claude-code is not offered as found in this project');
  assert.equal(await rows.filter({ hasText: 'found here' }).count(), 1, `only claude-code is found here: ${(await rows.allInnerTexts()).join(' | ')}`);
  lap('the pick offers claude-code as found here');
  if (shot) await shot('journey-assistant-hooks');
  // Enter accepts the checked rows: the found assistant comes checked
  await page.keyboard.press('Enter');
  const project = rows.filter({ hasText: 'This project' }).first();
  await project.waitFor({ timeout: T.ui });
  await project.click();
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'claude-code: installed' }).first().waitFor({ timeout: T.server });
  lap('the notification says claude-code: installed');

  const file = path.join(folder, SETTINGS);
  await untilOnDisk(() => readFileSync(file, 'utf8').includes(MARK), `${SETTINGS} has no hook of ours`);
  const cfg = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(cfg.permissions, { allow: ['Bash(npm test)'] }, 'the permission was not kept');
  const ours = (event) => (cfg.hooks[event] ?? []).flatMap((e) => e.hooks ?? []).filter((h) => h.command.includes(MARK));
  for (const event of ['UserPromptSubmit', 'PreToolUse', 'PostToolUse']) assert.equal(ours(event).length, 1, `${event}: ${JSON.stringify(cfg.hooks[event])}`);
  assert.deepEqual(cfg.hooks.PreToolUse[0], OTHER, "the other tool's PreToolUse hook was not kept first and unchanged");
  const command = ours('UserPromptSubmit')[0].command;
  assert.match(command, /dist\/cli\.js" hook claude-code --event UserPromptSubmit/, command);
  assert.ok(command.includes(path.join('extensions', '')), `the hook does not run the installed extension's CLI: ${command}`);
  lap('our three hooks are in .claude/settings.json; the other hook and the permission kept');

  // The installed command from the vsix (its hook bundles included), as Claude Code starts it.
  const key = fakeOpenAiKey();
  const home = mkdtempSync(path.join(tmpdir(), 'rg-e2e-hook-home-'));
  const run = (prompt) => spawnSync('sh', ['-c', command], { input: JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: folder, prompt }), cwd: folder, encoding: 'utf8', env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') }, timeout: 30_000 });
  const blocked = run(`deploy with ${key}`);
  assert.equal(blocked.status, 0, blocked.stderr);
  assert.equal(JSON.parse(blocked.stdout).decision, 'block', blocked.stdout);
  assert.ok(!blocked.stdout.includes(key) && !blocked.stderr.includes(key), 'the key appears in the hook output');
  const ok = run('summarise the billing FAQ');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  lap('the installed hook blocks a prompt holding a key and lets an ordinary one through');
  await waitForExtensionActive(page);
}
