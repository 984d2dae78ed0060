import { keytarBackend, mapKeyringError, napiKeyringBackend, type KeytarLike } from './keychain-backends';
import { StoreUnavailableError, type SecretStore, type Stage } from './types';

export interface KeychainOptions {
  /** Keychain service name; all of a project's secrets share one. */
  service?: string;
  /** Account template (`{id}` = the secret id); defaults to the secret id. */
  account?: string;
  backend?: 'napi' | 'keytar';
}

/** The account under which a stage lives: the bare name is the current value, as other tools expect. */
function accountFor(template: string | undefined, secretId: string, stage: Stage): string {
  const base = (template ?? secretId).replace(/\{id\}/g, secretId);
  return stage === 'current' ? base : `${base}#${stage}`;
}

/** A value with its user (alternating users), held in ONE item so one write switches both. */
interface Pair {
  value: string;
  user: string;
}

const PAIR_FORMAT = 'rotation-guard/keychain-pair@1';

function encodePair(p: Pair): string {
  return JSON.stringify({ format: PAIR_FORMAT, value: p.value, user: p.user });
}

function decodePair(text: string | null, store: string): Pair | null {
  if (text === null) return null;
  try {
    const o = JSON.parse(text) as { format?: unknown; value?: unknown; user?: unknown };
    if (o.format === PAIR_FORMAT && typeof o.value === 'string' && typeof o.user === 'string') return { value: o.value, user: o.user };
  } catch {
    /* not ours: reported below */
  }
  throw new StoreUnavailableError(store, 'a value-and-user item exists but is not in the expected format; delete it with your keychain tool and store the secret again');
}

/**
 * Items of one stage: `ACCOUNT` holds the value. A value with a user (alternating users) is one
 * item, `ACCOUNT#pair` (JSON of both), written in one Secret Service call, so a kill cannot leave
 * the new user beside the old value; `ACCOUNT` and `ACCOUNT#user` are then rewritten as copies for
 * tools that read the keychain directly (the layout before the pair item, still read when there is
 * no pair item). While a pair item exists it is the truth; `sweep` repairs copies a kill left stale.
 */
export class KeychainStore implements SecretStore {
  readonly kind = 'keychain';
  readonly supportsStages = true;
  private readonly service: string;
  private impl?: KeytarLike;

  /** `backend`: a host's own keytar-compatible backend (tests wrap the real one to kill between calls). */
  constructor(
    private readonly opts: KeychainOptions = {},
    backend?: KeytarLike,
  ) {
    this.service = opts.service ?? 'rotation-guard';
    this.impl = backend;
  }

  describe(): string {
    return `OS keychain (service "${this.service}")`;
  }

  private backend(): KeytarLike {
    if (this.impl) return this.impl;
    if (this.opts.backend === 'keytar') {
      const kt = keytarBackend();
      if (!kt) throw new StoreUnavailableError(this.describe(), 'backend "keytar" was requested but the keytar package is not installed; run `npm install keytar` next to rotation-guard or use the default backend');
      this.impl = kt;
    } else {
      try {
        this.impl = napiKeyringBackend();
      } catch (err) {
        throw new StoreUnavailableError(this.describe(), `the @napi-rs/keyring binding could not be loaded (${(err as Error).message.slice(0, 160)})`);
      }
    }
    return this.impl;
  }

  private async call<T>(fn: (b: KeytarLike) => Promise<T>): Promise<T> {
    const b = this.backend();
    try {
      return await fn(b);
    } catch (err) {
      throw mapKeyringError(err, this.describe());
    }
  }

  private read(account: string): Promise<string | null> {
    return this.call((b) => b.getPassword(this.service, account));
  }

  private write(account: string, text: string): Promise<void> {
    return this.call((b) => b.setPassword(this.service, account, text));
  }

  private remove(account: string): Promise<boolean> {
    return this.call((b) => b.deletePassword(this.service, account));
  }

  private async pair(account: string): Promise<Pair | null> {
    return decodePair(await this.read(`${account}#pair`), this.describe());
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    const account = accountFor(this.opts.account, secretId, stage);
    return (await this.pair(account))?.value ?? this.read(account);
  }

  getUser(secretId: string, stage: Stage): Promise<string | null> {
    const account = accountFor(this.opts.account, secretId, stage);
    return this.pair(account).then((p) => p?.user ?? this.read(`${account}#user`));
  }

  /**
   * With a user: the pair item first (the switch), then the copies. Without one, the value keeps
   * the user a pair item holds (as an env file keeps its user line), in a new pair item; a value
   * that never had a pair item is one item, as before.
   */
  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    const account = accountFor(this.opts.account, secretId, stage);
    const withUser = user ?? (await this.pair(account))?.user;
    if (withUser === undefined) return this.write(account, value);
    await this.write(`${account}#pair`, encodePair({ value, user: withUser }));
    await this.write(account, value);
    await this.write(`${account}#user`, withUser);
  }

  /** The pair item (the truth while it exists) last, so a kill leaves the old pair whole or nothing. */
  async delete(secretId: string, stage: Stage): Promise<boolean> {
    const account = accountFor(this.opts.account, secretId, stage);
    const value = await this.remove(account);
    await this.remove(`${account}#user`);
    return (await this.remove(`${account}#pair`)) || value;
  }

  /** Rewrites the copies of a pair item that a kill between the writes of `set` left stale. */
  async sweep(secretId: string): Promise<void> {
    for (const stage of ['current', 'pending', 'previous'] as const) {
      const account = accountFor(this.opts.account, secretId, stage);
      const p = await this.pair(account);
      if (!p) continue;
      if ((await this.read(account)) !== p.value) await this.write(account, p.value);
      if ((await this.read(`${account}#user`)) !== p.user) await this.write(`${account}#user`, p.user);
    }
  }
}
