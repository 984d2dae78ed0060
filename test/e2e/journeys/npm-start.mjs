// `npm start` as a user runs it: it prints a localhost URL that serves the demo workbench, and
// Ctrl-C (SIGINT) stops every process it started.
import assert from 'node:assert/strict';
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../../scripts/code-server/launch.mjs';

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the first match of `pattern` in the child's stdout (an event, with a timeout). */
function waitForLine(child, pattern, timeoutMs, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no ${pattern} within ${timeoutMs} ms:\n${output.text}`)), timeoutMs);
    const onData = () => {
      const m = pattern.exec(output.text);
      if (m) { clearTimeout(timer); child.stdout.off('data', onData); resolve(m); }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`npm start exited (${code}) early:\n${output.text}`)); });
  });
}

function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not exit within ${timeoutMs} ms of SIGINT`)), timeoutMs);
    child.once('exit', (code, sig) => { clearTimeout(timer); resolve(code ?? sig); });
  });
}

export async function npmStartJourney({ root, workspace, lap }) {
  const port = await freePort();
  // its own group, so the check below can prove nothing it started survives
  // as on a headless machine: no session bus, so no Secret Service
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const child = spawn(process.execPath, ['scripts/start-demo.mjs', '--no-open', '--no-build', '--port', String(port), '--workspace', workspace], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env,
  });
  const output = { text: '' };
  child.stdout.on('data', (d) => { output.text += d; });
  child.stderr.on('data', (d) => { output.text += d; });
  try {
    const t0 = Date.now();
    const [, url] = await waitForLine(child, /Rotation Guard demo: (http:\/\/127\.0\.0\.1:\d+\/\S*)/, 180_000, output);
    lap(`npm start printed ${url} after ${Date.now() - t0} ms`);
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/`), 'the URL does not use --port');
    const html = await (await fetch(url)).text();
    assert.match(html, /vscode-workbench-web-configuration/, 'the URL does not serve a workbench');
    assert.ok(existsSync(path.join(workspace, 'rotation-policy.yaml')), 'the demo workspace was not prepared');
    const keyringDir = /started a private Secret Service for the demo: gnome-keyring on its own D-Bus in (\S+),/.exec(output.text)?.[1];
    assert.ok(keyringDir, `npm start did not say it started a private keyring:\n${output.text}`);
    assert.match(output.text, /4 secrets in the private keychain/, 'the demo keychain was not seeded');
    const passDir = /a private pass store for the demo's team-pass secrets in (\S+) /.exec(output.text)?.[1];
    assert.ok(passDir, `npm start did not set up the demo's pass store:\n${output.text}`);
    lap(`private keyring in ${keyringDir}, demo secrets seeded; private pass store in ${passDir}`);

    process.kill(child.pid, 'SIGINT');
    const code = await waitForExit(child, 30_000);
    assert.equal(code, 0, `npm start exited with ${code} after Ctrl-C:\n${output.text}`);
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => false, () => true);
    assert.ok(refused, 'code-server still answers after Ctrl-C');
    assert.ok(!existsSync(keyringDir), 'the private keyring folder outlived npm start');
    assert.ok(!existsSync(passDir), 'the private pass store outlived npm start');
    const daemons = execSync('ps -eo args=', { encoding: 'utf8' }).split('\n').filter((l) => l.includes(keyringDir) || l.includes(passDir));
    assert.deepEqual(daemons, [], 'keyring daemons outlived npm start');
    lap('Ctrl-C stopped npm start, its code-server, its keyring and its gpg-agent');
  } finally {
    if (groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  }
}
