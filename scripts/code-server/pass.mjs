// A private `pass` store for the demo: a passphrase-less GPG key generated in batch into a temp
// GNUPGHOME and a temp PASSWORD_STORE_DIR — never the user's own store or keys. Its gpg-agent is
// stopped and the folder deleted on exit. The same recipe as test/helpers/system/pass.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onExit, releaseDir, trackDir } from './launch.mjs';

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message} (apt-get install ${cmd === 'pass' ? 'pass' : 'gnupg'})`);
  return r;
}

/** Resolves with `{ env: { GNUPGHOME, PASSWORD_STORE_DIR }, stop }`. */
export function startPrivatePass() {
  const dir = trackDir(mkdtempSync(path.join(tmpdir(), 'rg-pass-')));
  const gnupg = path.join(dir, 'gnupg');
  mkdirSync(gnupg, { mode: 0o700 });
  chmodSync(gnupg, 0o700);
  writeFileSync(path.join(gnupg, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  const env = { ...process.env, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: path.join(dir, 'store') };
  const stopAgent = onExit(() => spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env, timeout: 10_000 }));
  const stop = () => {
    stopAgent();
    releaseDir(dir);
  };
  try {
    const gpg = (args) => run('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], env);
    let r = gpg(['--quick-generate-key', 'rotation-guard demo <demo@example.invalid>', 'ed25519', 'sign', 'never']);
    if (r.status !== 0) throw new Error(`gpg key generation failed: ${r.stderr.slice(-300)}`);
    const fpr = /^fpr:+([0-9A-F]+):/m.exec(run('gpg', ['--batch', '--with-colons', '--list-secret-keys'], env).stdout)?.[1];
    if (!fpr) throw new Error('gpg key generation produced no key');
    r = gpg(['--quick-add-key', fpr, 'cv25519', 'encr', 'never']);
    if (r.status !== 0) throw new Error(`gpg encryption subkey failed: ${r.stderr.slice(-300)}`);
    r = run('pass', ['init', fpr], env);
    if (r.status !== 0) throw new Error(`pass init failed: ${r.stderr.slice(-300)}`);
    return { env: { GNUPGHOME: env.GNUPGHOME, PASSWORD_STORE_DIR: env.PASSWORD_STORE_DIR }, dir, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
