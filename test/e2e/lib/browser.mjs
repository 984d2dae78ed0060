// Debian's Chromium driven by playwright-core (no browser download), one fresh profile per launch.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../../scripts/code-server/ensure.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches headless Chromium with its user-data-dir inside `profile` (a makeProfile() result). */
export async function launchBrowser(profile, { viewport = { width: 1400, height: 900 } } = {}) {
  const userDataDir = path.join(profile.root, 'chromium');
  mkdirSync(userDataDir, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    // keep crashpad/dconf state out of $HOME
    env: { ...process.env, XDG_CONFIG_HOME: profile.xdgConfig, XDG_CACHE_HOME: profile.xdgCache, TMPDIR: profile.tmp },
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The remote authority the workbench uses for this server (code-server derives it from Host). */
export async function remoteAuthority(baseUrl, folder) {
  const html = await (await fetch(`${baseUrl}/?folder=${encodeURIComponent(folder)}`)).text();
  const m = html.match(/id="vscode-workbench-web-configuration" data-settings="([^"]*)"/);
  if (!m) throw new Error('workbench page has no web configuration (code-server layout changed?)');
  const settings = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  return settings.remoteAuthority;
}

export function workbenchUrl(baseUrl, folder, payload) {
  const q = `folder=${encodeURIComponent(folder)}`;
  return payload ? `${baseUrl}/?${q}&payload=${encodeURIComponent(JSON.stringify(payload))}` : `${baseUrl}/?${q}`;
}
