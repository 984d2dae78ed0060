import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeDir, runToEnd } from './processes';

export interface SystemPass {
  /** GNUPGHOME and PASSWORD_STORE_DIR pointing at temp dirs. */
  env: NodeJS.ProcessEnv;
  fingerprint: string;
  dir: string;
  stop(): Promise<void>;
}

/** `pass` with a batch-generated, passphrase-less GPG key in a temp GNUPGHOME. */
export async function startPass(): Promise<SystemPass> {
  const dir = makeTempDir('pass');
  const gnupg = join(dir, 'gnupg');
  mkdirSync(gnupg);
  chmodSync(gnupg, 0o700);
  writeFileSync(join(gnupg, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: gnupg, PASSWORD_STORE_DIR: join(dir, 'store') };
  const stop = async () => {
    await runToEnd('gpgconf', ['--kill', 'gpg-agent'], { env, timeoutMs: 10000 }).catch(() => undefined);
    removeDir(dir);
  };
  try {
    const gpg = (args: string[]) => runToEnd('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], { env, timeoutMs: 30000 });
    let r = await gpg(['--quick-generate-key', 'rotation-guard test <test@example.invalid>', 'ed25519', 'sign', 'never']);
    if (r.code !== 0) throw new Error(`gpg key generation failed: ${r.stderr.slice(-300)} (apt install gnupg)`);
    const list = await runToEnd('gpg', ['--batch', '--with-colons', '--list-secret-keys'], { env });
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(list.stdout)?.[1];
    if (!fingerprint) throw new Error('gpg key generation produced no key');
    r = await gpg(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
    if (r.code !== 0) throw new Error(`gpg encryption subkey failed: ${r.stderr.slice(-300)}`);
    const init = await runToEnd('pass', ['init', fingerprint], { env });
    if (init.code !== 0) throw new Error(`pass init failed (${init.code}): ${init.stderr.slice(-300)} (apt install pass)`);
    return { env, fingerprint, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
