// Starts the cached code-server with a throwaway profile, in its own process group, and stops it
// (the whole group: code-server, its extension hosts, our language server) however we exit.
// Used by the e2e level (test/e2e/run.mjs) and by `npm start` (scripts/start-demo.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { node24Env } from './ensure.mjs';
import { signalGroup } from './process-group.cjs';

/** User settings every launched workbench starts with: quiet, offline, trusted. */
export const BASE_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
};

// ---- cleanup registry: every group and folder we create is released on any kind of exit ----
const groups = new Set();
const dirs = new Set();
/** Synchronous clean-ups run on exit before the folders go (e.g. stopping a gpg-agent). */
const exitHooks = new Set();
let handlersInstalled = false;

// (by signalGroup, which will not signal a group number that another process holds by now)
function killGroupNow(leader, signal = 'SIGKILL') {
  signalGroup(leader, signal);
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL the groups, remove the folders
  process.on('exit', () => {
    for (const h of exitHooks) {
      try { h(); } catch { /* best effort on the way out */ }
    }
    for (const g of groups) killGroupNow(g);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    // a caller with its own handler (npm start) stops gracefully and exits itself
    process.once(sig, () => { if (process.listenerCount(sig) === 0) process.exit(128 + n); });
  }
}

/** Registers a folder to delete on exit (or earlier with releaseDir). */
export function trackDir(dir) {
  installExitHandlers();
  dirs.add(dir);
  return dir;
}

/** Registers a synchronous clean-up to run on exit; returns a function that runs it now instead. */
export function onExit(fn) {
  installExitHandlers();
  exitHooks.add(fn);
  return () => {
    if (!exitHooks.delete(fn)) return;
    fn();
  };
}

/**
 * Registers a process group to SIGKILL on exit (daemons started beside code-server, e.g. a
 * keyring): `leader` is the ChildProcess that leads it, so a group gone long ago is not signalled by number.
 */
export function trackGroup(leader) {
  installExitHandlers();
  groups.add(leader);
  return () => {
    killGroupNow(leader);
    groups.delete(leader);
  };
}

export function releaseDir(dir) {
  dirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A fresh profile: user data, extensions, XDG_* and TMPDIR all inside one temp folder, so nothing
 * reads or writes the developer's own VS Code or code-server state.
 */
export function makeProfile({ prefix = 'rg-cs-', settings = {}, keep = false } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  // ROTATION_GUARD_KEEP_PROFILES=1 keeps the folders for post-mortem debugging
  if (!keep && !process.env.ROTATION_GUARD_KEEP_PROFILES) trackDir(root);
  const p = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
    xdgRuntime: path.join(root, 'xdg-runtime'),
    tmp: path.join(root, 'tmp'),
    logs: path.join(root, 'logs'),
  };
  for (const d of Object.values(p)) mkdirSync(d, { recursive: true, mode: 0o700 });
  mkdirSync(path.join(p.userData, 'User'), { recursive: true });
  writeFileSync(path.join(p.userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  return p;
}

export function profileEnv(profile, base = process.env) {
  return {
    ...base,
    XDG_CONFIG_HOME: profile.xdgConfig,
    XDG_DATA_HOME: profile.xdgData,
    XDG_CACHE_HOME: profile.xdgCache,
    XDG_RUNTIME_DIR: profile.xdgRuntime,
    TMPDIR: profile.tmp,
  };
}

export function installExtension(paths, profile, vsix) {
  const r = spawnSync(paths.nodeBin, [paths.entry, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
    env: node24Env(paths, profileEnv(profile)),
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

async function waitHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code, sig) => { exited = code ?? sig; });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it became healthy`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/**
 * Starts code-server on 127.0.0.1 (a random free port unless given) in its own session and process
 * group (`detached` = setsid(2)), with the profile's isolated environment. Returns once /healthz
 * answers. `stop()` kills the whole group.
 */
export async function startCodeServer({ paths, profile, folder, port, smokeTestDriver = false, workspaceTrust = false, extraEnv = {}, extraArgs = [], timeoutMs = 60_000 }) {
  installExitHandlers();
  const p = port ?? (await freePort());
  const logFile = path.join(profile.logs, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    paths.entry,
    '--bind-addr', `127.0.0.1:${p}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    // workspaceTrust: folders open in Restricted Mode (with the profile's trust settings)
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
    '--user-data-dir', profile.userData,
    '--extensions-dir', profile.extensions,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    ...(folder ? [folder] : []),
  ];
  const child = spawn(paths.nodeBin, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: node24Env(paths, { ...profileEnv(profile), ...extraEnv }),
  });
  closeSync(out);
  const pgid = child.pid;
  groups.add(child);
  const url = `http://127.0.0.1:${p}`;
  const stop = async () => {
    if (!groups.has(child)) return;
    killGroupNow(child, 'SIGTERM');
    const gone = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000).unref())]);
    // extension hosts and language servers may outlive the parent: always finish the group
    killGroupNow(child, 'SIGKILL');
    groups.delete(child);
  };
  try {
    await waitHealthy(url, child, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port: p, pgid, child, logFile, stop };
}
