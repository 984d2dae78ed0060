// Journey 15 (issue 23): palette → "Install AI Assistant Hooks…" in a project that uses Claude
// Code, whose .claude/settings.json already holds another tool's hook and a permission. The pick
// offers claude-code as found here (checked); Enter, then "This project" → our three hooks are in
// the file, the other tool's hook and the permission are kept, and the installed command, run as
// Claude Code runs it (through the shell, payload on stdin), blocks a prompt holding a key; a policy
// secret's current value is blocked too, recorded as exposed-to-assistant, and shown in the Secrets
// view's tooltip.
// Claude Code's hook format: https://docs.anthropic.com/en/docs/claude-code/hooks
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { T, openWorkbench, runCommand, waitForExtensionActive } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';
import { untilOnDisk } from '../lib/disk.mjs';
import { trackDir } from '../../../scripts/code-server/launch.mjs';

const SETTINGS = '.claude/settings.json';
const MARK = '--managed-by=rotation-guard';
const OTHER = { matcher: 'Bash', hooks: [{ type: 'command', command: 'other-tool check-bash' }] };

/** A project with Claude Code's settings (another tool's PreToolUse hook, a permission) and a prompt file. */
export function prepareAssistantHooksWorkspace(dir) {
  mkdirSync(path.join(dir, '.claude'), { recursive: true });
  writeFileSync(path.join(dir, SETTINGS), `${JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [OTHER] } }, null, 2)}\n`);
  mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  writeFileSync(path.join(dir, 'prompts', 'support.prompt'), 'You answer questions about Acme Cloud billing.\n');
  writeFileSync(path.join(dir, '.gitignore'), '.env\n');
  writeFileSync(path.join(dir, 'rotation-policy.yaml'), POLICY);
}

/** One generated token in a git-ignored .env: its current value is what the hook must recognise. */
const POLICY = `version: 1
threatModels:
  local-dev:
    exposure: local
    privilege: low
    modelInLoop: true
    dataSensitivity: internal
    maxInterval: 90d
stores:
  dotenv:
    type: env-file
    path: .env
providers:
  random:
    type: generate
    length: 40
    alphabet: alphanumeric
    prefix: sk-hooks-
secrets:
  - id: hooks-demo-token
    description: A token the assistant must never see
    kind: api-key
    owner: machine
    threatModel: local-dev
    maxAge: 30d
    stores: [dotenv]
    rotation:
      provider: random
`;

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
  // Installed by `node dist/cli.js hooks install` (the Node the assistant starts the hook with):
  // through the launcher, from the V8 startup snapshot it built in this user's cache.
  const launch = /^"\/(?:usr\/)?bin\/(?:ba)?sh" "([^"]+\/dist\/hook-launch\.sh)" "([^"]+)" "([^"]+)" hook claude-code --event UserPromptSubmit/.exec(command);
  assert.ok(launch, `the hook is not started through dist/hook-launch.sh: ${command}`);
  assert.ok(launch[1].includes(path.join('extensions', '')), `the hook does not run the installed extension's CLI: ${command}`);
  assert.ok(existsSync(launch[3]) && !launch[3].startsWith(folder), `the hook's snapshot was not built outside the project: ${launch[3]}`);
  lap('our three hooks are in .claude/settings.json; the other hook and the permission kept');

  // The installed command from the vsix (its hook bundles included), as Claude Code starts it.
  const key = fakeOpenAiKey();
  const home = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-e2e-hook-home-')));
  const env = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), XDG_CONFIG_HOME: path.join(home, '.config') };
  const run = (prompt) => spawnSync('sh', ['-c', command], { input: JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: folder, prompt }), cwd: folder, encoding: 'utf8', env, timeout: 30_000 });
  const blocked = run(`deploy with ${key}`);
  assert.equal(blocked.status, 0, blocked.stderr);
  assert.equal(JSON.parse(blocked.stdout).decision, 'block', blocked.stdout);
  assert.ok(!blocked.stdout.includes(key) && !blocked.stderr.includes(key), 'the key appears in the hook output');
  const ok = run('summarise the billing FAQ');
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, '');
  lap('the installed hook blocks a prompt holding a key and lets an ordinary one through');

  // A policy secret's current value in a prompt: blocked, and an exposure-to-assistant in the
  // ledger that the Secrets view's tooltip shows.
  const cli = `"${launch[2]}" "${path.join(path.dirname(launch[1]), 'cli.js')}"`;
  const rotated = spawnSync('sh', ['-c', `${cli} rotate hooks-demo-token`], { cwd: folder, encoding: 'utf8', env, timeout: 60_000 });
  assert.equal(rotated.status, 0, `${rotated.stdout}\n${rotated.stderr}`);
  const value = /^HOOKS_DEMO_TOKEN=(.+)$/m.exec(readFileSync(path.join(folder, '.env'), 'utf8'))?.[1];
  assert.ok(value, '.env holds no HOOKS_DEMO_TOKEN after the rotation');
  const exposed = run(`set the token to ${value} in the config`);
  assert.equal(JSON.parse(exposed.stdout).decision, 'block', exposed.stdout);
  const ledger = readFileSync(path.join(folder, '.rotation', 'ledger.jsonl'), 'utf8');
  assert.ok(!ledger.includes(value), 'the ledger holds the value');
  const last = JSON.parse(ledger.trim().split('\n').pop());
  assert.deepEqual([last.secretId, last.event], ['hooks-demo-token', 'exposed-to-assistant'], JSON.stringify(last));
  lap('the current value of hooks-demo-token is blocked and recorded as exposed-to-assistant');

  await waitForExtensionActive(page);
  const header = page.locator('.pane-header', { hasText: 'Secrets (Rotation Guard)' }).first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  // the rotation and the exposure were written by other processes: refresh the view as a user
  // would (its header's Refresh); the row then names the exposure as its last event
  await header.hover();
  await header.locator('.action-label[aria-label^="Refresh"]').first().click();
  const row = page.locator('.monaco-list-row[aria-label^="hooks-demo-token,"][aria-label*="mark-compromised"]').first();
  await row.waitFor({ timeout: T.server });
  const tip = page.locator('.workbench-hover, .monaco-hover:not(.hidden)', { hasText: 'exposed to an AI assistant' }).first();
  for (let i = 1; ; i++) {
    await row.hover();
    try {
      await tip.waitFor({ timeout: 5_000 });
      break;
    } catch {
      // the hover shows after a delay and hides when the pointer has not moved onto it: leave and come back
      await page.locator('.explorer-folders-view').first().hover();
      if (i >= 3) throw new Error('no tooltip with the exposure on the hooks-demo-token row');
    }
  }
  const text = (await tip.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /blocked before claude-code \(UserPromptSubmit\)/, text);
  assert.ok(!text.includes(value), 'the tooltip shows the value');
  lap(`Secrets view tooltip: ${text.slice(0, 140)}…`);
  if (shot) await shot('journey-assistant-exposure-tooltip');
}
