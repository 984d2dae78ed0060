// Journey 14 (issue 22, item 7): the LLM-key demo `npm start` sets up — labelled local stand-ins
// for OpenAI and OpenRouter (scripts/demo-standins.ts) and their policy `llm-demo.rotation.yaml` —
// driven from the workbench: the policy confirmed with `rotation-guard trust --yes`, palette →
// *Rotate Secret…* → openai-demo-bot, which runs the whole loop (create a service account's key,
// verify, switch .env.llm-demo, delete the old account, check the old key is refused).
// The stand-in answers GET /v1/models as https://platform.openai.com/docs/api-reference/models/list
// documents it; we ask it with the official `openai` client, as an app would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { T, maskKeysInEditor, openFile, runCommand, toastSettled } from '../lib/workbench.mjs';
import { untilOnDisk } from '../lib/disk.mjs';

const CLI_BUNDLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../dist/cli.js');
/** What startDemoStandIns writes into a workspace (the demo's second policy and its env files). */
const DEMO_FILES = ['llm-demo.rotation.yaml', '.env.llm-demo', '.env.llm-admin'];

function demoKey(folder) {
  return /^DEMO_OPENAI_API_KEY=(.*)$/m.exec(readFileSync(path.join(folder, '.env.llm-demo'), 'utf8'))?.[1];
}

function finishes(folder, secretId) {
  return readFileSync(path.join(folder, '.rotation', 'ledger.jsonl'), 'utf8').split('\n').filter((l) => l.includes(`"secretId":"${secretId}"`) && l.includes('"step":"finish"') && l.includes('"outcome":"ok"')).length;
}

/** Whether the stand-in accepts `apiKey` for GET /v1/models: 'works', 'refused' (401), or throws. */
async function modelsWith(baseURL, apiKey) {
  const client = new OpenAI({ apiKey, baseURL: `${baseURL}/v1`, maxRetries: 0, timeout: 10_000 });
  try {
    await client.models.list();
    return 'works';
  } catch (err) {
    if (err instanceof OpenAI.AuthenticationError) return 'refused';
    throw err;
  }
}

/**
 * `staged` is the folder the runner started the stand-ins into (its files are copied into the demo
 * now, so the demo journeys before this one see the demo's single policy); `openaiUrl` is the
 * OpenAI stand-in the editor reaches through ROTATION_GUARD_OPENAI_BASE_URL.
 */
export async function llmRotateJourney({ page, folder, xdgConfig, staged, openaiUrl, lap, shot }) {
  await page.keyboard.press('Escape');
  for (const f of DEMO_FILES) copyFileSync(path.join(staged, f), path.join(folder, f));
  // and the lines it adds to .gitignore (the env files hold keys)
  if (!readFileSync(path.join(folder, '.gitignore'), 'utf8').includes('.env.llm-')) appendFileSync(path.join(folder, '.gitignore'), readFileSync(path.join(staged, '.gitignore'), 'utf8'));
  const policy = path.join(folder, 'llm-demo.rotation.yaml');
  const old = demoKey(folder);
  assert.equal(await modelsWith(openaiUrl, old), 'works', 'the stand-in does not accept the key it issued');
  // the openai provider reaches an endpoint with an admin key: confirmed once, as a person does
  const confirmed = spawnSync(process.execPath, [CLI_BUNDLE, 'trust', '--yes', '--policy', policy], { cwd: folder, env: { ...process.env, XDG_CONFIG_HOME: xdgConfig }, encoding: 'utf8' });
  assert.equal(confirmed.status, 0, `rotation-guard trust failed: ${confirmed.stderr}`);
  await runCommand(page, 'Notifications: Clear All Notifications');

  // the policy open in the editor is the one the palette command acts on (the demo has two)
  await openFile(page, 'llm-demo.rotation.yaml');
  await runCommand(page, 'Rotation Guard: Rotate Secret…');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'openai-demo-bot' }).first().waitFor({ timeout: T.ui });
  await page.locator('.quick-input-widget input').fill('openai-demo-bot');
  await page.keyboard.press('Enter');
  const done = page.locator('.notifications-toasts .notification-toast', { hasText: 'openai-demo-bot rotated' }).first();
  await done.waitFor({ timeout: T.server });
  const text = (await done.innerText()).replace(/\s+/g, ' ');
  lap(`notification: ${text.slice(0, 200)}`);
  assert.match(text, /new value works/);
  assert.match(text, /old value refused/);
  assert.ok(!text.includes(old), 'the notification shows the old key');

  await untilOnDisk(() => demoKey(folder) !== old, '.env.llm-demo still holds the old key');
  const now = demoKey(folder);
  assert.match(now, /^sk-svcacct-/, 'the new key is not a service account key from the stand-in');
  assert.ok(!text.includes(now), 'the notification shows the new key');
  assert.equal(await modelsWith(openaiUrl, now), 'works', 'the stand-in refuses the new key');
  assert.equal(await modelsWith(openaiUrl, old), 'refused', 'the stand-in still accepts the old key');
  await untilOnDisk(() => finishes(folder, 'openai-demo-bot') === 1, 'no finished rotation of openai-demo-bot in the ledger');
  lap('.env.llm-demo holds a new service account key; the stand-in accepts it and refuses the old one; the ledger has the finished rotation');
  await toastSettled(done, { expand: true });
  await maskKeysInEditor(page);
  await shot('journey-llm-rotate');
}
