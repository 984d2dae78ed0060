// CommonJS, so that both the .mjs scripts and the CommonJS test helpers import it statically.
// Signalling a process group we started, without signalling someone else's. This host's pid_max is
// 32768 and a clean-clone CI run allocates about 28,000 pids in 17 minutes, so the numbers come round about once a run: a
// group's number given to `kill(-pgid)` after the whole group is gone can name a new group by then
// (another test's dbus-daemon or gnome-keyring, each started as its own group leader).
'use strict';
const { existsSync } = require('node:fs');

/**
 * Sends `signal` to the process group led by `leader` (a ChildProcess, or a pid when that is all
 * the caller kept). When the leader has been reaped and its pid names a live process again, the
 * group is empty (Linux gives a number out again only once no process holds it as a process or
 * group id), so nothing is sent. Otherwise remaining members get the signal, or nothing exists.
 * Returns whether a signal was sent.
 */
function signalGroup(leader, signal = 'SIGKILL') {
  const pid = typeof leader === 'number' ? leader : leader?.pid;
  if (!pid) return false;
  const reaped = typeof leader === 'object' && (leader.exitCode !== null || leader.signalCode !== null);
  if (reaped && existsSync(`/proc/${pid}`)) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Watches a daemon a test or `npm start` depends on (dbus-daemon, gnome-keyring-daemon): keeps
 * the last 2 KB of its stderr and, if it exits before `stopping()` is called, writes one line
 * saying so to this process's stderr — when a keychain read fails mid-run, the log then says
 * whether the daemon behind it was gone, when, and with what. `exited()` gives that line.
 */
function watchDaemon(child, name) {
  const started = Date.now();
  let tail = '';
  let stopping = false;
  let exited;
  child.stderr?.on('data', (d) => {
    tail = (tail + d.toString('utf8')).slice(-2048);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const last = tail.trim().split('\n').slice(-5).join(' | ');
    exited = `${name} (pid ${child.pid}) exited unexpectedly after ${((Date.now() - started) / 1000).toFixed(1)} s: ${signal ? `signal ${signal}` : `code ${code}`}${last ? `; its last stderr lines: ${last}` : '; no stderr'}`;
    process.stderr.write(`[daemon watch] ${exited}\n`);
  });
  return {
    stopping() {
      stopping = true;
    },
    exited: () => exited,
  };
}

module.exports = { signalGroup, watchDaemon };
