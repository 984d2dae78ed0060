// The Getting Started walkthrough creates a policy from the current findings: Welcome → Open
// Walkthrough → "Get started with Rotation Guard" → step "Create a policy from the findings" →
// its button → rotation-policy.yaml at the root, one secret per credential found, opened.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { T, runCommand } from '../lib/workbench.mjs';

export async function walkthroughJourney({ page, folder, lap, shot }) {
  const policy = path.join(folder, 'rotation-policy.yaml');
  assert.ok(!existsSync(policy), 'the workspace already has a policy');
  await page.keyboard.press('Escape');
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Rotation Guard' }).first().waitFor({ timeout: T.ui });
  await page.locator('.quick-input-widget input').fill('Get started with Rotation Guard');
  await page.keyboard.press('Enter');
  const step = page.locator('.getting-started-step', { hasText: 'Create a policy from the findings' }).first();
  await step.waitFor({ timeout: T.ui });
  await step.click();
  const button = step.locator('.button-link, button, a', { hasText: 'Create Policy from Findings' }).first();
  await button.waitFor({ timeout: T.ui });
  lap('walkthrough step "Create a policy from the findings" open');
  await button.click();
  await page.locator('.tabs-container .tab.active', { hasText: 'rotation-policy.yaml' }).waitFor({ timeout: T.server });
  const text = readFileSync(policy, 'utf8');
  assert.match(text, /- id: openai-api-key/);
  // a prompt file is named in a comment, never referenced (the checker forbids a prompt using a credential)
  assert.match(text, /# Also found in prompt file\(s\) "prompts\/support-agent\.prompt"/);
  assert.doesNotMatch(text, /files: \[[^\]]*support-agent/);
  assert.match(text, /provider: openai-api-key-page/);
  lap('rotation-policy.yaml created from the findings and opened');
  await shot('journey-walkthrough-policy');
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
}
