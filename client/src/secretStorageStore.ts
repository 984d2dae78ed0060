import type * as vscode from 'vscode';
import { secretStorageKey, type StoreFactory, type SecretStore, type Stage } from '../../core/stores';

/**
 * VS Code SecretStorage as a rotation store (policy store type `secret-storage`): encrypted by
 * the editor with the OS keychain, private to this extension. Only the client can reach it.
 */
export class SecretStorageStore implements SecretStore {
  readonly kind = 'secret-storage';
  readonly supportsStages = true;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** The policy store's `key` template (core/stores/secret-storage-key.ts has the default). */
    private readonly keyTemplate?: string,
  ) {}

  describe(): string {
    return 'VS Code SecretStorage';
  }

  private key(secretId: string, stage: Stage): string {
    return secretStorageKey(this.keyTemplate, secretId, stage);
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    return (await this.secrets.get(this.key(secretId, stage))) ?? null;
  }

  async set(secretId: string, stage: Stage, value: string): Promise<void> {
    await this.secrets.store(this.key(secretId, stage), value);
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    const had = (await this.secrets.get(this.key(secretId, stage))) !== undefined;
    await this.secrets.delete(this.key(secretId, stage));
    return had;
  }
}

/** The store registry's factory for `type: secret-storage` stores (with the policy's `key` template). */
export function secretStorageFactory(secrets: vscode.SecretStorage): StoreFactory {
  return (ref) => new SecretStorageStore(secrets, (ref as { key?: string }).key);
}
