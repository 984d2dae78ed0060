// `npm start [-- --port N --no-open --no-build --workspace DIR]`: the one-command demo.
// build → package the vsix → ensure code-server (cached) → install the vsix into a throwaway
// profile → prepare .demo-workspace/ from the demo/ template → serve it on localhost and open
// a browser → stay in the foreground until Ctrl-C, then stop everything and remove the profile.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureCodeServer } from './code-server/ensure.mjs';
import { secretServiceReachable, startPrivateKeyring } from './code-server/keyring.mjs';
import { startPrivatePass } from './code-server/pass.mjs';
import { ensureSystemPackages } from './system-packages.mjs';
import { installExtension, makeProfile, profileEnv, releaseDir, startCodeServer, trackDir } from './code-server/launch.mjs';
import { packageVsix } from './package.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies demo/ to `dest` with fresh fake keys and a past ledger (scripts/prepare-demo.ts, bundled
 * on the fly so it uses the real core ledger API). `env` decides the fingerprint key location, so
 * pass the environment of the editor that will open the workspace.
 */
export async function prepareDemoWorkspace(dest, env = process.env, { seedKeychain = false } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rg-prepare-demo-'));
  try {
    const outfile = path.join(dir, 'prepare-demo.js');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'scripts', 'prepare-demo.ts')],
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'error',
      // jsonc-parser's UMD build requires its parts at run time; its ESM build bundles
      mainFields: ['module', 'main'],
      external: ['@napi-rs/keyring', 'keytar', 'pg-native'],
    });
    const r = spawnSync(process.execPath, [outfile, '--template', path.join(ROOT, 'demo'), '--dest', dest, ...(seedKeychain ? ['--seed-keychain'] : [])], {
      encoding: 'utf8',
      // the bundle sits in a temp folder: the keychain binding resolves from the clone
      env: { ...env, NODE_PATH: path.join(ROOT, 'node_modules') },
      cwd: ROOT,
    });
    if (r.status !== 0) throw new Error(`prepare-demo failed: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Labelled local stand-ins for the OpenAI and OpenRouter admin APIs (scripts/demo-standins.ts,
 * bundled on the fly), serving from this process for as long as the demo runs, plus the demo's
 * second policy `llm-demo.rotation.yaml` whose keys they issued. Returns the environment the
 * editor needs to reach them (base URLs only) and how to stop them.
 */
export async function startDemoStandIns(workspace) {
  const dir = mkdtempSync(path.join(tmpdir(), 'rg-demo-standins-'));
  try {
    const outfile = path.join(dir, 'demo-standins.cjs');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'scripts', 'demo-standins.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'error' });
    const { startDemoStandIns: start } = createRequire(import.meta.url)(outfile);
    return await start(workspace);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const o = { port: undefined, open: true, build: true, workspace: path.join(ROOT, '.demo-workspace') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') o.port = Number(argv[++i]);
    // the e2e level has just built dist/; --no-build packages what is there
    else if (argv[i] === '--no-build') o.build = false;
    else if (argv[i].startsWith('--port=')) o.port = Number(argv[i].slice(7));
    else if (argv[i] === '--no-open') o.open = false;
    else if (argv[i] === '--workspace') o.workspace = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: npm start -- [--port N] [--no-open] [--no-build] [--workspace DIR])`);
  }
  if (o.port !== undefined && !(o.port > 0 && o.port < 65536)) throw new Error('--port needs a number between 1 and 65535');
  return o;
}

/** Opens the URL in the desktop's browser when there is one; silently skips on a headless box. */
function openBrowser(url) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
  return true;
}

/**
 * The demo keeps secrets in the OS keychain. A desktop session has a Secret Service; a headless
 * machine (CI, a container, ssh) has none, so the demo gets a private gnome-keyring that lives as
 * long as this process. Returns the environment code-server needs to reach it (empty: use the
 * desktop's own).
 */
async function keychainFor(say) {
  if (process.env.ROTATION_GUARD_DEMO_KEYRING !== 'private') {
    const reach = secretServiceReachable();
    if (reach.ok) {
      say('using this desktop\'s Secret Service for the demo\'s keychain secrets (service "rotation-guard-demo")');
      return {};
    }
    say(`no Secret Service reachable: ${reach.why}`);
  }
  try {
    const keyring = await startPrivateKeyring();
    say(`started a private Secret Service for the demo: gnome-keyring on its own D-Bus in ${keyring.dir}, unlocked with a throwaway password; it and everything in it are deleted when the demo stops`);
    return keyring.env;
  } catch (err) {
    say(`could not start a private keyring (${err instanceof Error ? err.message : String(err)}); keychain secrets will fail in the demo — apt-get install dbus gnome-keyring libglib2.0-bin`);
    return {};
  }
}

/** The demo's `pass` store (team-pass) is always private: the user's own store and keys are never touched. */
function passFor(say) {
  try {
    const pass = startPrivatePass();
    say(`a private pass store for the demo's team-pass secrets in ${pass.dir} (throwaway GPG key; deleted when the demo stops)`);
    return pass.env;
  } catch (err) {
    say(`no pass store for the demo (${err instanceof Error ? err.message : String(err)}); ops-console-password cannot be stored — apt-get install pass gnupg`);
    return {};
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const say = (m) => console.log(`[demo] ${m}`);
  // installed here as root or with passwordless sudo; otherwise named in one line, and the demo stops
  if (!ensureSystemPackages(['start'], { label: 'npm start', log: say })) process.exit(1);
  // the user's own browser opens the URL, so only what code-server needs is checked (a missing
  // system package is named in the one-line error ensureCodeServer throws)
  const paths = ensureCodeServer({ log: say, browser: false });

  say('building and packaging the extension');
  const vsixDir = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-demo-vsix-')));
  const vsix = packageVsix(['--out', path.join(vsixDir, 'rotation-guard-demo.vsix'), ...(opts.build ? [] : ['--no-build'])], say);
  const profile = makeProfile({ prefix: 'rg-demo-', settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  installExtension(paths, profile, vsix);
  releaseDir(vsixDir);

  const storesEnv = { ...(await keychainFor(say)), ...passFor(say) };
  const dest = opts.workspace;
  const summary = await prepareDemoWorkspace(dest, { ...profileEnv(profile), ...storesEnv }, { seedKeychain: !!storesEnv.DBUS_SESSION_BUS_ADDRESS });
  say(`demo workspace ready: ${path.relative(ROOT, dest) || dest} (${summary.markers.length} fake keys, ${summary.ledgerEntries} ledger entries${summary.keychainSeeded.length ? `, ${summary.keychainSeeded.length} secrets in the private keychain` : ''})`);

  const standIns = await startDemoStandIns(dest);
  say(`LLM-key demo: stand-ins (NOT the real services) for OpenAI at ${standIns.urls.openai} and OpenRouter at ${standIns.urls.openrouter}; open llm-demo.rotation.yaml and press "Rotate now" on openai-demo-bot or openrouter-demo-bot`);
  const server = await startCodeServer({ paths, profile, folder: dest, port: opts.port, extraEnv: { ...storesEnv, ...standIns.env } });
  const url = `${server.url}/?folder=${encodeURIComponent(dest)}`;
  console.log(`\nRotation Guard demo: ${url}\n(press Ctrl-C to stop)\n`);
  if (opts.open && !openBrowser(url)) say('no desktop browser found; open the URL above yourself');

  let stopping = false;
  await new Promise((resolve) => {
    server.child.once('exit', (code) => {
      if (!stopping) say(`code-server exited on its own (${code}); its log: ${server.logFile}`);
      resolve();
    });
    for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, resolve);
  });
  stopping = true;
  say('stopping');
  await server.stop();
  await standIns.stop();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
