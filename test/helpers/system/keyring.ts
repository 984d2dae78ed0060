import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { killGroup, makeTempDir, removeDir, runToEnd, spawnGroup, waitForOutput } from './processes';
import { watchDaemon, type DaemonWatch } from '../../../scripts/code-server/process-group.cjs';

export interface SystemKeyring {
  /** Environment for anything that talks to this keyring: HOME, XDG_* and the bus address. */
  env: NodeJS.ProcessEnv;
  busAddress: string;
  dir: string;
  stop(): Promise<void>;
  /** Why the bus or the keyring daemon is gone when it exited before stop() (also written to stderr), or undefined. */
  exited(): string | undefined;
}

/** The private bus's config (scripts/code-server/bus-config.mjs, the same as `npm start`'s), written to `dir`. */
async function writeBusConfig(dir: string): Promise<string> {
  const { sessionBusConfig } = await import('../../../scripts/code-server/bus-config.mjs');
  const path = join(dir, 'session.conf');
  writeFileSync(path, sessionBusConfig(dir));
  return path;
}

/** A private D-Bus session bus (no keyring on it unless startKeyring adds one). */
export async function startBus(dir: string, env: NodeJS.ProcessEnv): Promise<{ bus: ChildProcess; address: string }> {
  const conf = await writeBusConfig(dir);
  const bus = spawnGroup('dbus-daemon', [`--config-file=${conf}`, '--nofork', '--nopidfile', '--print-address=1'], { env });
  const spawnFailed = new Promise<never>((_, reject) => bus.once('error', (e) => reject(new Error(`dbus-daemon: ${e.message} (apt install dbus)`))));
  const address = await Promise.race([waitForOutput(bus.stdout!, /^(unix:[^\n]+)\n/m, 10000, 'dbus-daemon'), spawnFailed]);
  return { bus, address: address.trim() };
}

/**
 * Real gnome-keyring on a private bus, HOME/XDG dirs in a temp dir (set before anything starts,
 * so nothing writes to the real ~/.local/share/keyrings), unlocked with a throwaway password.
 */
export async function startKeyring(): Promise<SystemKeyring> {
  const dir = makeTempDir('keyring');
  const home = join(dir, 'home');
  const runtime = join(dir, 'run');
  mkdirSync(home, { recursive: true });
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  let bus: ChildProcess | undefined;
  let daemon: ChildProcess | undefined;
  const watches: DaemonWatch[] = [];
  let stopped = false;
  let restarts = 0;
  const stop = async () => {
    stopped = true;
    for (const w of watches) w.stopping();
    killGroup(daemon);
    killGroup(bus);
    removeDir(dir);
  };
  // The daemon, unlocked with the same password over the same data directory (the login keyring
  // and its items are on disk there).
  const launch = async () => {
    const d = spawnGroup('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets', `--control-directory=${join(runtime, 'keyring')}`], { env });
    daemon = d;
    d.once('error', () => undefined);
    d.stdin!.end('throwaway-keyring-password');
    d.stdout!.resume();
    watches.push(watchDaemon(d, 'gnome-keyring-daemon'));
    // Restarted when it dies, as a desktop session's systemd unit does (`Restart=on-failure`):
    // gnome-keyring 42 aborts in its Secret Service when a session request arrives for a client
    // whose record is gone (`gkd_secret_service_get_pkcs11_session: assertion 'client' failed`,
    // then `g_variant_new: expected GVariant of type 'v' but received value has type '(null)'`;
    // gnome-keyring work items 190, 196, 199), which the suites that SIGKILL a CLI at every step of
    // a rotation can trigger. A user's session starts it again; so does this one, at most 5 times.
    d.once('exit', () => {
      if (stopped || restarts >= 5) return;
      restarts++;
      process.stderr.write(`[keyring] restarting gnome-keyring-daemon (restart ${restarts}), as a session's systemd unit would\n`);
      launch().catch((e: Error) => process.stderr.write(`[keyring] restart failed: ${e.message}\n`));
    });
    // --unlock returns before the daemon owns the name; wait for it on the bus.
    const w = await runToEnd('gdbus', ['wait', '--session', '--timeout', '10', 'org.freedesktop.secrets'], { env, timeoutMs: 15000 });
    if (w.code !== 0) throw new Error(`gnome-keyring-daemon did not claim org.freedesktop.secrets (gdbus wait: ${w.code} ${w.stderr.trim()}) — apt install gnome-keyring libglib2.0-bin`);
  };
  try {
    const started = await startBus(dir, env);
    bus = started.bus;
    watches.push(watchDaemon(bus, 'dbus-daemon (private session bus)'));
    env.DBUS_SESSION_BUS_ADDRESS = started.address;
    await launch();
    return { env, busAddress: started.address, dir, stop, exited: () => watches.map((w) => w.exited()).find(Boolean) };
  } catch (err) {
    await stop();
    throw err;
  }
}
