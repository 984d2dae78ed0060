// The Debian packages each command needs, in one table, and the check `npm start` and `npm test`
// run first: on a machine where they can (root, or passwordless sudo) they install what is
// missing and say which; otherwise they name it in one line and stop. Plain Node, no
// dependencies: it runs before the build (and before `npm ci` has been useful for anything).
//
//   import { ensureSystemPackages } from './scripts/system-packages.mjs'   (start-demo, run-all, ci-install-e2e.sh)
import { spawnSync } from 'node:child_process';

/**
 * What needs a package, and how much: `required` stops the command when missing; `system` is
 * required unless ROTATION_GUARD_SKIP_SYSTEM=1 (then the suites that need it skip and say so, and
 * the editor level names what it could not start, as it did before this check);
 * `wanted` is installed when possible and otherwise only named (`npm start` runs without it and
 * says what of the demo will not work).
 * @typedef {'required' | 'system' | 'wanted'} Need
 * @typedef {'start' | 'unit' | 'lsp' | 'integration' | 'e2e'} Target
 * @typedef {{ pkg: string, by: Partial<Record<Target, Need>>, why: string }} SystemPackage
 */

/** @type {readonly SystemPackage[]} */
export const SYSTEM_PACKAGES = [
  { pkg: 'libkrb5-dev', by: { start: 'required', e2e: 'required' }, why: 'code-server\'s kerberos module builds against <gssapi/gssapi.h> on install' },
  { pkg: 'build-essential', by: { start: 'required', e2e: 'required' }, why: 'code-server\'s native modules compile on install' },
  { pkg: 'python3', by: { start: 'required', e2e: 'required' }, why: 'node-gyp, for the same native modules' },
  { pkg: 'ca-certificates', by: { start: 'required', e2e: 'required' }, why: 'npm fetches Node 24 and code-server over TLS' },
  { pkg: 'git', by: { unit: 'required', integration: 'required', e2e: 'required' }, why: 'git-history scans and enforce run against real repositories' },
  { pkg: 'ripgrep', by: { unit: 'required' }, why: 'the benchmark\'s ripgrep rule list is checked against rg' },
  { pkg: 'chromium', by: { e2e: 'required' }, why: 'playwright-core drives the real workbench in it' },
  { pkg: 'procps', by: { e2e: 'required' }, why: 'the npm start journey lists processes (ps) to prove nothing is left running' },
  { pkg: 'dbus', by: { start: 'wanted', lsp: 'system', integration: 'system', e2e: 'system' }, why: 'a private session bus for gnome-keyring (dbus-run-session)' },
  { pkg: 'gnome-keyring', by: { start: 'wanted', lsp: 'system', integration: 'system', e2e: 'system' }, why: 'the OS keychain store (Secret Service)' },
  { pkg: 'libglib2.0-bin', by: { start: 'wanted', lsp: 'system', integration: 'system', e2e: 'system' }, why: 'gdbus waits for the keyring and locks it in tests' },
  { pkg: 'pass', by: { start: 'wanted', lsp: 'system', integration: 'system', e2e: 'system' }, why: 'the pass store' },
  { pkg: 'gnupg', by: { start: 'wanted', lsp: 'system', integration: 'system', e2e: 'system' }, why: 'pass encrypts with a throwaway GPG key' },
  { pkg: 'neovim', by: { lsp: 'system' }, why: 'the language server driven by Neovim\'s own LSP client' },
  { pkg: 'postgresql', by: { integration: 'system', e2e: 'system' }, why: 'the postgres rotation provider against a throwaway cluster' },
  { pkg: 'redis-server', by: { integration: 'system' }, why: 'the Redis rotation provider' },
  { pkg: 'mariadb-server', by: { integration: 'system' }, why: 'the MariaDB rotation provider' },
  { pkg: 'systemd', by: { integration: 'wanted' }, why: 'systemd-analyze verifies the enforce recipe\'s units (skipped without it)' },
];

export const TARGETS = /** @type {const} */ (['start', 'unit', 'lsp', 'integration', 'e2e']);

/**
 * The packages `targets` need, each with its strongest need; `system` ones drop out when
 * ROTATION_GUARD_SKIP_SYSTEM=1 skips their suites.
 * @param {readonly Target[]} targets
 * @param {{ skipSystem?: boolean }} [opts]
 * @returns {{ required: string[], wanted: string[] }}
 */
export function packagesFor(targets, { skipSystem = false } = {}) {
  const required = [];
  const wanted = [];
  for (const row of SYSTEM_PACKAGES) {
    const needs = targets.map((t) => row.by[t]).filter(Boolean);
    if (needs.includes('required') || (needs.includes('system') && !skipSystem)) required.push(row.pkg);
    else if (needs.length && !needs.every((n) => n === 'system')) wanted.push(row.pkg);
  }
  return { required, wanted };
}

/**
 * The decision, from facts the caller looks up (injected, so it is tested without touching the
 * machine): nothing to do, the apt-get commands to run (root, or `sudo -n` when sudo needs no
 * password), or the one line that stops the command.
 * @param {readonly Target[]} targets
 * @param {{ label: string, installed: (pkgs: string[]) => Set<string>, isRoot: boolean, canSudo: () => boolean, skipSystem?: boolean }} facts
 * @returns {{ action: 'none' } | { action: 'install', packages: string[], commands: string[][], say: string } | { action: 'stop', packages: string[], message: string } | { action: 'note', packages: string[], message: string }}
 */
export function planSystemPackages(targets, facts) {
  const { required, wanted } = packagesFor(targets, { skipSystem: facts.skipSystem });
  const have = facts.installed([...required, ...wanted]);
  const missingRequired = required.filter((p) => !have.has(p));
  const missingWanted = wanted.filter((p) => !have.has(p));
  const missing = [...missingRequired, ...missingWanted];
  if (!missing.length) return { action: 'none' };
  const prefix = facts.isRoot ? [] : facts.canSudo() ? ['sudo', '-n'] : undefined;
  if (prefix) {
    const apt = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
    return {
      action: 'install',
      packages: missing,
      commands: [[...apt, 'update', '-qq'], [...apt, 'install', '-y', '-qq', '--no-install-recommends', ...missing]],
      say: `${facts.label}: installing Debian packages: ${missing.join(' ')}`,
    };
  }
  const hint = `sudo apt-get install -y ${missing.join(' ')}`;
  if (missingRequired.length) {
    const skip = !facts.skipSystem && packagesFor(targets, { skipSystem: true }).required.length < required.length ? ', or set ROTATION_GUARD_SKIP_SYSTEM=1 to skip the suites that need a system service' : '';
    return { action: 'stop', packages: missing, message: `${facts.label}: missing Debian packages: ${missingRequired.join(' ')}${missingWanted.length ? ` (and, optional: ${missingWanted.join(' ')})` : ''}; run as root or with passwordless sudo to have them installed, or: ${hint}${skip}` };
  }
  return { action: 'note', packages: missing, message: `${facts.label}: not installed (optional): ${missing.join(' ')}; the parts that need them will say so (${hint})` };
}

/** Which of `pkgs` dpkg reports installed (one dpkg-query for all of them). */
export function dpkgInstalled(pkgs) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...pkgs], { encoding: 'utf8' });
  return new Set((r.stdout ?? '').split('\n').filter((l) => l.endsWith(' install ok installed')).map((l) => l.split(' ')[0].split(':')[0]));
}

const isDebian = () => spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Checks (and when it can, installs) what `targets` need. Returns false when the command must
 * stop; the reason is already printed. On a system without dpkg it checks nothing: each step
 * names what it misses, as before.
 * @param {readonly Target[]} targets
 * @param {{ label: string, log?: (line: string) => void, env?: NodeJS.ProcessEnv }} opts
 */
export function ensureSystemPackages(targets, { label, log = (m) => console.log(m), env = process.env }) {
  if (!isDebian()) return true;
  const plan = planSystemPackages(targets, {
    label,
    installed: dpkgInstalled,
    isRoot: process.getuid?.() === 0,
    canSudo: () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    skipSystem: env.ROTATION_GUARD_SKIP_SYSTEM === '1',
  });
  if (plan.action === 'none') return true;
  if (plan.action === 'stop') {
    console.error(plan.message);
    return false;
  }
  if (plan.action === 'note') {
    log(plan.message);
    return true;
  }
  log(plan.say);
  for (const cmd of plan.commands) {
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`${label}: ${cmd.join(' ')} failed (exit ${r.status ?? r.signal}); install them yourself: sudo apt-get install -y ${plan.packages.join(' ')}`);
      return false;
    }
  }
  const now = dpkgInstalled(plan.packages);
  const left = plan.packages.filter((p) => !now.has(p));
  if (left.length) {
    console.error(`${label}: apt-get finished but these are still not installed: ${left.join(' ')}`);
    return false;
  }
  return true;
}

