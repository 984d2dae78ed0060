import { UnsupportedStageError, type SecretStore, type Stage } from './types';

/**
 * A store that keeps values in process memory and loses them at exit. Not a policy store type (a
 * policy that named it would lose its secrets); hosts register it under a kind of their own
 * (`createStoreRegistry({}, { mine: () => store })`) where a store must hold stages without a
 * backend: the engine's tests, and embedders that persist elsewhere.
 */
export class MemoryStore implements SecretStore {
  readonly kind = 'memory';
  /** Values by `<secretId>/<stage>`; readable so a host (or a test) can seed and inspect them. */
  readonly values = new Map<string, string>();
  /** The account written with each value (alternating users), by the same key. */
  readonly users = new Map<string, string>();

  /** `supportsStages: false` models a one-slot store (an env file): only `current` is kept. */
  constructor(readonly supportsStages = true) {}

  describe(): string {
    return 'memory store';
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    return this.values.get(slot(secretId, stage)) ?? null;
  }

  async getUser(secretId: string, stage: Stage): Promise<string | null> {
    return this.users.get(slot(secretId, stage)) ?? null;
  }

  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    if (!this.supportsStages && stage !== 'current') throw new UnsupportedStageError(this.describe(), stage);
    this.values.set(slot(secretId, stage), value);
    if (user !== undefined) this.users.set(slot(secretId, stage), user);
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    this.users.delete(slot(secretId, stage));
    return this.values.delete(slot(secretId, stage));
  }
}

const slot = (secretId: string, stage: Stage): string => `${secretId}/${stage}`;
