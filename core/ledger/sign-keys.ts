import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../files';
import { fingerprintKeyPath } from '../values/fingerprint-key';

/**
 * Each person signs the ledger entries they write with their own Ed25519 key, kept beside the
 * fingerprint key in their config folder (0600, never in a repository). The public half goes
 * into the policy's `ledger.writers`, so a team sharing the ledger in git can check each other's
 * entries: without the private key nobody can append an entry that verifies under a listed key.
 */
export interface SigningKey {
  privateKey: KeyObject;
  /** `ed25519:<base64url of the 32-byte public key>`, as the policy lists it. */
  publicKey: string;
}

export const PUBLIC_KEY_PATTERN = /^ed25519:[A-Za-z0-9_-]{43}$/;
const SIGNED = 'rotation-guard/ledger-entry/v1\0';

export function signingKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(fingerprintKeyPath(env)), 'ledger-signing-key.pem');
}

const loaded = new Map<string, SigningKey>();

function fileId(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKey: `ed25519:${jwk.x}` };
}

/** This user's signing key, created on first use (PKCS#8 PEM, mode 0600, in a 0700 folder). */
export function loadSigningKey(env: NodeJS.ProcessEnv = process.env): SigningKey {
  const path = signingKeyPath(env);
  // Cached per file identity: a key file replaced or removed (a new machine setup) is read again.
  const id = fileId(path);
  const cached = id ? loaded.get(`${path}\0${id}`) : undefined;
  if (cached) return cached;
  let pem: string | undefined;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (pem === undefined) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileAtomic(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mkdir: 0o700, fsync: true, exclusive: true });
      pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    } catch (err) {
      // Another process created it between our read and write: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      pem = readFileSync(path, 'utf8');
    }
  }
  let key: SigningKey;
  try {
    key = fromPrivate(createPrivateKey(pem));
  } catch {
    throw new Error(`${path} is not an Ed25519 private key (PEM); move it away and a new key is created on the next write (then list the new public key in the policy's ledger.writers)`);
  }
  if (key.privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} holds a ${key.privateKey.asymmetricKeyType} key, not Ed25519`);
  loaded.set(`${path}\0${fileId(path)}`, key);
  return key;
}

export function signHash(hash: string, key: SigningKey): string {
  return sign(null, Buffer.from(SIGNED + hash, 'utf8'), key.privateKey).toString('base64url');
}

const publicKeys = new Map<string, KeyObject | null>();

function publicKeyObject(publicKey: string): KeyObject | null {
  let k = publicKeys.get(publicKey);
  if (k !== undefined) return k;
  k = null;
  if (PUBLIC_KEY_PATTERN.test(publicKey)) {
    try {
      k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.slice('ed25519:'.length) }, format: 'jwk' });
    } catch {
      k = null;
    }
  }
  publicKeys.set(publicKey, k);
  return k;
}

/** Whether `sig` is `publicKey`'s signature of `hash`; false for a malformed key or signature. */
export function verifyHashSignature(hash: string, sig: string, publicKey: string): boolean {
  const key = publicKeyObject(publicKey);
  if (!key || typeof sig !== 'string') return false;
  try {
    return verify(null, Buffer.from(SIGNED + hash, 'utf8'), key, Buffer.from(sig, 'base64url'));
  } catch {
    return false;
  }
}

/** `ed25519:AbCd…xYz0` for messages: enough to tell keys apart, short enough to read. */
export function shortKey(publicKey: string): string {
  return publicKey.length > 20 ? `${publicKey.slice(0, 14)}…${publicKey.slice(-4)}` : publicKey;
}

/** This user's key if it exists, without creating one (checks must not leave keys behind). */
export function existingSigningKey(env: NodeJS.ProcessEnv = process.env): SigningKey | undefined {
  if (!fileId(signingKeyPath(env))) return undefined;
  try {
    return loadSigningKey(env);
  } catch {
    return undefined;
  }
}
