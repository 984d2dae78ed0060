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

export class KeychainStore implements SecretStore {
  readonly kind = 'keychain';
  readonly supportsStages = true;
  private readonly service: string;
  private impl?: KeytarLike;

  constructor(private readonly opts: KeychainOptions = {}) {
    this.service = opts.service ?? 'rotation-guard';
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

  get(secretId: string, stage: Stage): Promise<string | null> {
    return this.call((b) => b.getPassword(this.service, accountFor(this.opts.account, secretId, stage)));
  }

  /** The user slot is a second item, `ACCOUNT#user` (`ACCOUNT#pending#user`…), written before the value. */
  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    const account = accountFor(this.opts.account, secretId, stage);
    if (user !== undefined) await this.call((b) => b.setPassword(this.service, `${account}#user`, user));
    await this.call((b) => b.setPassword(this.service, account, value));
  }

  getUser(secretId: string, stage: Stage): Promise<string | null> {
    return this.call((b) => b.getPassword(this.service, `${accountFor(this.opts.account, secretId, stage)}#user`));
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    const account = accountFor(this.opts.account, secretId, stage);
    const deleted = await this.call((b) => b.deletePassword(this.service, account));
    await this.call((b) => b.deletePassword(this.service, `${account}#user`)).catch(() => false);
    return deleted;
  }
}
