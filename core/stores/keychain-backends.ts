import type { StoreError } from './types';
import { KeyringLockedError, NoDbusSessionError, NoSecretServiceError, StoreUnavailableError } from './types';

/** keytar's API — the contract both backends implement. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/**
 * @napi-rs/keyring, pinned to the Secret Service on Linux: unpinned, it silently falls back to the
 * kernel keyutils store, which forgets everything at logout — a "saved" secret that is gone
 * tomorrow is worse than an error. Its items use the attributes service/username; keytar's use
 * service/account, so items written by one are not found by the other.
 */
export function napiKeyringBackend(): KeytarLike {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const k = require('@napi-rs/keyring') as typeof import('@napi-rs/keyring');
  const opts = process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (service: string, account: string) => new k.AsyncEntry(service, account, opts);
  return {
    getPassword: async (s, a) => entry(s, a).getPassword(),
    setPassword: async (s, a, p) => entry(s, a).setPassword(p),
    deletePassword: async (s, a) => entry(s, a).deletePassword(),
    // findCredentials has no store option; it is only used for listing, never for values we act on.
    findCredentials: async (s) => k.findCredentialsAsync(s),
  };
}

/**
 * keytar is optional and not in package.json (archived upstream, needs a native build). When a
 * user has it installed and sets `backend: keytar`, it can read items their other keytar-based
 * tools wrote. Returns undefined when it is not installed.
 */
export function keytarBackend(): KeytarLike | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('keytar') as KeytarLike;
  } catch {
    return undefined;
  }
}

/** Maps the real error texts of libsecret/zbus/dbus to specific, actionable errors. */
export function mapKeyringError(err: unknown, store: string): StoreError {
  const text = err instanceof Error ? `${err.message} ${(err as { cause?: Error }).cause?.message ?? ''}` : String(err);
  const brief = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (/autolaunch|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Connection refused|No such file or directory|Unable to autolaunch/i.test(text)) {
    return new NoDbusSessionError(store, brief);
  }
  if (/org\.freedesktop\.secrets was not provided|ServiceUnknown|not provided by any \.service files|no secret service/i.test(text)) {
    return new NoSecretServiceError(store, brief);
  }
  if (/locked collection|is locked|IsLocked|prompt/i.test(text)) return new KeyringLockedError(store, brief);
  return new StoreUnavailableError(store, brief);
}
