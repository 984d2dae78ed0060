// A Secret Service for code-server on a machine without a desktop session: a private D-Bus
// session bus with gnome-keyring on it, unlocked with a throwaway password, everything (HOME,
// XDG_*, the keyring files) in one temp folder that goes away on exit. The same recipe as the
// integration tests (test/helpers/system/keyring.ts), for `npm start` and the e2e level.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sessionBusConfig } from './bus-config.mjs';
import { releaseDir, trackDir, trackGroup } from './launch.mjs';
import { watchDaemon } from './process-group.cjs';

const SECRETS = 'org.freedesktop.secrets';

function gdbus(args, env, timeout = 10_000) {
  return spawnSync('gdbus', args, { env, encoding: 'utf8', timeout });
}

/**
 * Whether `env` reaches a Secret Service: a session bus on which org.freedesktop.secrets is
 * owned or can be activated. A headless box usually has no session bus at all.
 */
export function secretServiceReachable(env = process.env) {
  if (!env.DBUS_SESSION_BUS_ADDRESS) return { ok: false, why: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)' };
  const call = (method, arg) =>
    gdbus(['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', `org.freedesktop.DBus.${method}`, ...(arg ? [arg] : [])], env);
  const owned = call('NameHasOwner', SECRETS);
  if (owned.error || owned.status !== 0) return { ok: false, why: `the D-Bus session bus does not answer (${(owned.stderr || owned.error?.message || '').trim().slice(0, 120)})` };
  if (/true/.test(owned.stdout)) return { ok: true };
  const activatable = call('ListActivatableNames');
  if (activatable.status === 0 && activatable.stdout.includes(`'${SECRETS}'`)) return { ok: true };
  return { ok: false, why: 'no Secret Service (gnome-keyring, KeePassXC…) on the D-Bus session bus' };
}

function firstLine(stream, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const t = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', (d) => {
      seen += d.toString('utf8');
      const nl = seen.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(t);
        resolve(seen.slice(0, nl).trim());
      }
    });
  });
}

/**
 * Starts dbus-daemon + gnome-keyring-daemon in their own process groups (killed on exit).
 * Resolves with `{ env, stop }`: `env` holds DBUS_SESSION_BUS_ADDRESS for code-server and for
 * anything that reads the keyring back.
 */
export async function startPrivateKeyring({ timeoutMs = 15_000 } = {}) {
  const dir = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-keyring-')));
  const home = path.join(dir, 'home');
  const runtime = path.join(dir, 'run');
  mkdirSync(home, { recursive: true });
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  // HOME/XDG set before anything starts, so nothing writes to the user's real keyrings
  const env = { ...process.env, HOME: home, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: path.join(home, '.local/share'), XDG_CONFIG_HOME: path.join(home, '.config') };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const conf = path.join(dir, 'session.conf');
  writeFileSync(conf, sessionBusConfig(dir));
  const untrack = [];
  const watches = [];
  const stop = () => {
    for (const w of watches) w.stopping();
    for (const u of untrack.splice(0).reverse()) u();
    releaseDir(dir);
  };
  try {
    const bus = spawn('dbus-daemon', [`--config-file=${conf}`, '--nofork', '--nopidfile', '--print-address=1'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    watches.push(watchDaemon(bus, 'dbus-daemon (private session bus)'));
    const busFailed = new Promise((_, reject) => bus.once('error', (e) => reject(new Error(`dbus-daemon could not start (${e.message}); apt-get install dbus`))));
    untrack.push(trackGroup(bus));
    env.DBUS_SESSION_BUS_ADDRESS = await Promise.race([firstLine(bus.stdout, timeoutMs, 'dbus-daemon'), busFailed]);
    const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets', `--control-directory=${path.join(runtime, 'keyring')}`], { env, detached: true, stdio: ['pipe', 'ignore', 'pipe'] });
    watches.push(watchDaemon(daemon, 'gnome-keyring-daemon'));
    const daemonFailed = new Promise((_, reject) => daemon.once('error', (e) => reject(new Error(`gnome-keyring-daemon could not start (${e.message}); apt-get install gnome-keyring`))));
    untrack.push(trackGroup(daemon));
    // the login keyring is created and unlocked with a password nobody needs to know
    daemon.stdin.end(randomBytes(18).toString('base64url'));
    // --unlock returns before the daemon owns the name: wait for it on the bus
    const waited = new Promise((resolve) => {
      const w = spawn('gdbus', ['wait', '--session', '--timeout', String(Math.ceil(timeoutMs / 1000)), SECRETS], { env, stdio: 'ignore' });
      w.once('error', (e) => resolve(`gdbus: ${e.message} (apt-get install libglib2.0-bin)`));
      w.once('exit', (code) => resolve(code === 0 ? null : `gdbus wait exited ${code}`));
    });
    const failure = await Promise.race([waited, daemonFailed]);
    if (failure) throw new Error(`gnome-keyring-daemon did not claim ${SECRETS}: ${failure}`);
    return { env: { DBUS_SESSION_BUS_ADDRESS: env.DBUS_SESSION_BUS_ADDRESS }, dir, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
