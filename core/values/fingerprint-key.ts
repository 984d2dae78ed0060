import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../files';

/**
 * The fingerprint key is per user (or per team, when shared through ROTATION_GUARD_FINGERPRINT_KEY
 * from a team store) and never inside the repository, so fingerprints committed with a ledger or a
 * baseline cannot be brute-forced by someone who only has the repository.
 */
export function fingerprintKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rotation-guard', 'fingerprint.key');
}

export function loadFingerprintKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.ROTATION_GUARD_FINGERPRINT_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length < 16) throw new Error('ROTATION_GUARD_FINGERPRINT_KEY must be at least 16 bytes, base64-encoded.');
    return key;
  }
  const path = fingerprintKeyPath(env);
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  try {
    writeFileAtomic(path, key.toString('base64') + '\n', { mkdir: 0o700, fsync: true, exclusive: true });
    return key;
  } catch (err) {
    // Another process created it between our read and write: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    throw err;
  }
}
