// Makes a code-server (a real VS Code workbench served to a browser) available without
// downloading VS Code itself: Node 24 and code-server come from the npm registry and live in a
// cache OUTSIDE the clone, so every checkout and CI job reuses one install.
//
//   node scripts/code-server/ensure.mjs            install if missing, print the paths
//   import { ensureCodeServer, codeServerPaths } from './scripts/code-server/ensure.mjs'
//
// The install goes into a temporary sibling folder that is renamed into place only after the
// binary has been seen to run, so a killed install never leaves a half cache behind.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const CHROMIUM = process.env.ROTATION_GUARD_CHROMIUM || '/usr/bin/chromium';

export function cacheRoot() {
  return process.env.ROTATION_GUARD_CACHE || path.join(homedir(), '.cache', 'rotation-guard');
}

/** Where everything lives inside one cache folder (installed or not). */
export function codeServerPaths(dir = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`)) {
  // The `node` package's install script fetches `node-<platform>-<arch>`, which holds bin/ and include/.
  const nodeDist = path.join(dir, 'node', 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
  const nodeBin = path.join(nodeDist, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const entry = path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return { dir, nodeDist, nodeBin, nodeBinDir: path.dirname(nodeBin), entry };
}

/** Environment for anything that must run on Node 24 (code-server itself, its npm install). */
export function node24Env(paths, base = process.env) {
  const env = {
    ...base,
    PATH: `${paths.nodeBinDir}${path.delimiter}${base.PATH ?? ''}`,
    // native modules of code-server must compile against Node 24's headers, not the machine's Node
    npm_config_nodedir: paths.nodeDist,
  };
  // Under `npm test` the outer npm exports its own user agent (`npm/… node/v20…`) and Node's path;
  // the inner npm takes `npm_config_user_agent` as its setting, and code-server's postinstall reads
  // the Node version from it and refuses anything but 24. A fresh machine (no cached code-server)
  // met this; the inner npm must describe itself.
  delete env.npm_config_user_agent;
  delete env.npm_node_execpath;
  delete env.NODE;
  return env;
}

function haveCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * System packages that are missing, by Debian package name. `install` covers what building
 * code-server's native modules needs; `browser` covers what the UI tests need.
 */
export function missingSystemPackages({ install = true, browser = true } = {}) {
  const missing = [];
  if (browser && !existsSync(CHROMIUM)) missing.push('chromium');
  if (install) {
    // the kerberos module includes <gssapi/gssapi.h>; krb5-config comes with the same package
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !haveCommand('krb5-config')) missing.push('libkrb5-dev');
    if (!haveCommand('make') || !haveCommand('g++')) missing.push('build-essential');
    if (!haveCommand('python3')) missing.push('python3');
  }
  return missing;
}

export function missingPackagesMessage(missing) {
  return `rotation-guard: missing system packages: ${missing.join(', ')} (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')})`;
}

/** True when the cached code-server runs and reports the pinned version. */
export function isHealthy(paths) {
  if (!existsSync(paths.nodeBin) || !existsSync(paths.entry)) return false;
  const r = spawnSync(paths.nodeBin, [paths.entry, '--version'], { encoding: 'utf8', timeout: 60_000, env: node24Env(paths) });
  return r.status === 0 && r.stdout.includes(CODE_SERVER_VERSION);
}

function run(cmd, args, opts, log) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})\n${tail}`);
  }
}

function npmInstall(cwd, spec, env, log) {
  mkdirSync(cwd, { recursive: true });
  writeFileSync(path.join(cwd, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', '--foreground-scripts', spec], { cwd, env }, log);
}

/** Removes temp folders left by installs that were killed (their process no longer exists). */
function removeAbandonedTemps(root) {
  for (const name of existsSync(root) ? readdirSync(root) : []) {
    const m = /^\.tmp-code-server-.*-(\d+)$/.exec(name);
    if (!m) continue;
    let alive = true;
    try { process.kill(Number(m[1]), 0); } catch { alive = false; }
    if (!alive) rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

/**
 * Returns the paths of a healthy cached code-server, installing it first when needed.
 * Throws with a one-line message when a required system package is missing.
 */
export function ensureCodeServer({ log = (m) => console.error(`[code-server] ${m}`), browser = true } = {}) {
  const paths = codeServerPaths();
  const t0 = Date.now();
  if (isHealthy(paths)) {
    const missing = missingSystemPackages({ install: false, browser });
    if (missing.length) throw new Error(missingPackagesMessage(missing));
    log(`cached code-server ${CODE_SERVER_VERSION} OK in ${paths.dir} (${Date.now() - t0} ms)`);
    return { ...paths, installedNow: false, ms: Date.now() - t0 };
  }
  const missing = missingSystemPackages({ install: true, browser });
  if (missing.length) throw new Error(missingPackagesMessage(missing));

  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  removeAbandonedTemps(root);
  const tmp = path.join(root, `.tmp-code-server-${CODE_SERVER_VERSION}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const tmpPaths = codeServerPaths(tmp);
  try {
    log(`installing Node ${NODE_MAJOR} and code-server ${CODE_SERVER_VERSION} into ${paths.dir} (takes a few minutes once)`);
    npmInstall(path.join(tmp, 'node'), `node@${NODE_MAJOR}`, process.env, log);
    if (!existsSync(tmpPaths.nodeBin)) throw new Error(`node@${NODE_MAJOR} installed no binary at ${tmpPaths.nodeBin}`);
    npmInstall(path.join(tmp, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, node24Env(tmpPaths), log);
    if (!isHealthy(tmpPaths)) throw new Error(`code-server ${CODE_SERVER_VERSION} was installed but does not run`);
    rmSync(paths.dir, { recursive: true, force: true });
    try {
      renameSync(tmp, paths.dir);
    } catch (e) {
      // another process finished the same install first: keep theirs if it works
      if (!isHealthy(paths)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!isHealthy(paths)) throw new Error(`code-server in ${paths.dir} does not run after install`);
  log(`installed code-server ${CODE_SERVER_VERSION} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { ...paths, installedNow: true, ms: Date.now() - t0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureCodeServer({ browser: !process.argv.includes('--no-browser') });
    console.log(JSON.stringify({ dir: p.dir, node: p.nodeBin, entry: p.entry, installedNow: p.installedNow, ms: p.ms }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
