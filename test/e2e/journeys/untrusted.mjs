// Journey (e) of issue 14: a cloned repository opened in Restricted Mode. Diagnostics still work;
// a `command` provider is refused with a message that says how to trust, and its script never runs.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { T, maskKeysInEditor, openFile, openWorkbench, runCommand, toastSettled, waitForExtensionActive, waitForSquiggle } from '../lib/workbench.mjs';
import { fakeOpenAiKey } from '../lib/fake-keys.mjs';

export function prepareUntrustedWorkspace(dir) {
  mkdirSync(path.join(dir, 'prompts'), { recursive: true });
  mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  writeFileSync(path.join(dir, 'prompts', 'agent.prompt'), `You are the deploy agent.\nUse key ${fakeOpenAiKey()} for the tools.\n`);
  // what a hostile clone would ship: a "provider" that does anything it likes when run
  const script = path.join(dir, 'scripts', 'new-token.sh');
  writeFileSync(script, `#!/bin/sh\ntouch "${path.join(dir, 'SCRIPT-RAN')}"\necho new-token-0123456789abcdef\n`, { mode: 0o755 });
  writeFileSync(
    path.join(dir, 'rotation-policy.yaml'),
    `version: 1
stores:
  dotenv:
    type: env-file
    path: .env.local
providers:
  token-script:
    type: command
    command: ./scripts/new-token.sh
secrets:
  - id: deploy-token
    kind: token
    owner: machine
    maxAge: 30d
    stores: [dotenv]
    rotation:
      provider: token-script
`,
  );
  return { marker: path.join(dir, 'SCRIPT-RAN') };
}

export async function untrustedJourney({ page, server, folder, marker, lap, shot }) {
  const loadMs = await openWorkbench(page, server.url, folder);
  lap(`workbench loaded in ${loadMs} ms`);
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: T.ui });
  lap('the workspace is in Restricted Mode');
  lap(`extension active in Restricted Mode: "${await waitForExtensionActive(page)}"`);
  const editor = await openFile(page, 'prompts/agent.prompt');
  await waitForSquiggle(editor);
  lap('the hardcoded key is flagged (diagnostics work untrusted)');

  await runCommand(page, 'Rotation Guard: Rotate Secret…');
  // one rotatable secret: picked straight away, or from a one-row list
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'deploy-token' }).first();
  await row.waitFor({ timeout: T.ui });
  await page.keyboard.press('Enter');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'not trusted' }).first();
  await toast.waitFor({ timeout: T.server });
  const text = (await toast.innerText()).replace(/\s+/g, ' ');
  lap(`refused: ${text}`);
  assert.match(text, /command provider/);
  assert.match(text, /Manage Workspace Trust/);
  assert.ok(!existsSync(marker), 'the provider script ran in an untrusted workspace');
  await page.locator('.notifications-toasts .notification-toast', { hasText: 'rotating deploy-token' }).waitFor({ state: 'detached', timeout: T.ui }).catch(() => {});
  await toastSettled(toast);
  await maskKeysInEditor(page);
  await shot('journey-untrusted-refused');
}
