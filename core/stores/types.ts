/**
 * A secret store holds the values of a secret under three stages, after AWS Secrets Manager's
 * version labels: `current` (in use), `pending` (created, not yet promoted) and `previous` (kept
 * until its revocation is verified). Async and tiny on purpose: the VS Code client implements it
 * over SecretStorage, and every backend (keychain, pass, env file) fits behind it.
 */
export type Stage = 'current' | 'pending' | 'previous';
export const STAGES: readonly Stage[] = ['current', 'pending', 'previous'];

export interface SecretStore {
  /** The store kind, as written in the policy (`keychain`, `env-file`, `pass`, `vscode-secret-storage`…). */
  readonly kind: string;
  /**
   * False for stores that can only hold the value in use (an env file has one slot per variable).
   * The engine keeps pending/previous in the first store of a secret that supports stages.
   */
  readonly supportsStages: boolean;
  /** A human description for messages: where the value lives, never the value. */
  describe(): string;
  /** Null when there is no value at that stage. */
  get(secretId: string, stage: Stage): Promise<string | null>;
  /**
   * `user`: the account that holds the value (alternating users). Stores that can keep it write
   * it in the same operation where they can (env file: both lines in one atomic write; pass: a
   * `user:` line in the same entry); stores without a user slot ignore it.
   */
  set(secretId: string, stage: Stage, value: string, user?: string): Promise<void>;
  /** True when something was deleted (the value and its user slot). */
  delete(secretId: string, stage: Stage): Promise<boolean>;
  /** The account written with the value at that stage, if the store has a user slot. */
  getUser?(secretId: string, stage: Stage): Promise<string | null>;
  /**
   * Everything a later `set` would refuse that can be known before a rotation creates anything
   * (a git-tracked or symlinked env file, a folder that is not writable). Throws a StoreError.
   */
  preflight?(secretId: string): Promise<void>;
  /** Removes what a killed write of this store left behind (temp files, temporary entries). Best effort. */
  sweep?(secretId: string): Promise<void>;
  /** Throws `store/value-format` when this store cannot hold the value (and user) byte for byte. */
  checkValue?(secretId: string, value: string, user?: string): void;
  /** Optional two-phase `set`: the slow part now, `commit` as fast as the store allows. */
  prepareSet?(secretId: string, stage: Stage, value: string, user?: string): Promise<PreparedWrite>;
}

export interface PreparedWrite {
  commit(): Promise<void>;
  /** Drops what was prepared; the store is unchanged. */
  abort(): Promise<void>;
}

/** A store reference as the engine receives it (normalised from the policy's `stores`). */
export interface StoreRef {
  /** `keychain`, `env-file`, `pass`, `secret-storage`, or a kind registered by the host. */
  type: string;
  [option: string]: unknown;
}

/**
 * Base class of store failures. `code` is stable (match on it, never on the message); the
 * message says what to do. Messages never contain values.
 */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly store?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NoDbusSessionError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/no-dbus-session', `${store}: no D-Bus session bus is reachable (${cause}). Start one (e.g. \`dbus-run-session -- <cmd>\`) or set DBUS_SESSION_BUS_ADDRESS; on a headless machine see docs/rotation.md#headless-keyring.`, store);
  }
}

export class NoSecretServiceError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/no-secret-service', `${store}: no Secret Service provider is running on the session bus (${cause}). Install and start gnome-keyring (\`gnome-keyring-daemon --start --components=secrets\`) or KeePassXC with Secret Service enabled, or choose another store (pass, env-file).`, store);
  }
}

export class KeyringLockedError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/keyring-locked', `${store}: the keyring is locked (${cause}). Unlock it (log in to the desktop session, or \`gnome-keyring-daemon --unlock\` reading the password from stdin) and try again.`, store);
  }
}

export class GpgKeyMissingError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/gpg-key-missing', `${store}: the GPG key for the password store is missing or unusable (${cause}). Import the key, or run \`pass init <gpg-id>\` with a key you have.`, store);
  }
}

export class GitTrackedFileError extends StoreError {
  constructor(path: string) {
    super('store/git-tracked', `refusing to write a secret into ${path}: git tracks this file. Use a git-ignored file (e.g. .env.local, and add it to .gitignore) or another store.`, path);
  }
}

export class StoreUnavailableError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/unavailable', `${store}: ${cause}`, store);
  }
}

export class UnsupportedStageError extends StoreError {
  constructor(store: string, stage: Stage) {
    super('store/unsupported-stage', `${store} holds only the current value; it cannot hold a ${stage} value.`, store);
  }
}

/**
 * The entry exists but cannot be read (truncated or corrupt: a write was killed half-way). The
 * engine restores it from a stage the ledger knows when it can; otherwise the message says how.
 */
export class UnreadableEntryError extends StoreError {
  constructor(store: string, cause: string) {
    super('store/unreadable', `${store}: an entry exists but cannot be read (${cause}); it is probably truncated by an interrupted write`, store);
  }
}
