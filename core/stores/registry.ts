import { EnvFileStore } from './env-file';
import { KeychainStore } from './keychain';
import { PassStore } from './pass';
import { AwsSecretsManagerStore } from './aws-secrets-manager';
import { PassTeamStore } from './pass-team';
import { StoreError, StoreUnavailableError, type SecretStore, type Stage, type StoreRef } from './types';

/**
 * Stands in for a store only its host can reach (VS Code SecretStorage from the CLI): reads and
 * writes fail with a clear message, and the engine refuses to start a rotation that needs it.
 */
export class UnreachableStore implements SecretStore {
  readonly supportsStages = true;
  constructor(
    readonly kind: string,
    private readonly why: string,
  ) {}
  describe(): string {
    return `${this.kind} store`;
  }
  private fail(): never {
    throw new StoreUnavailableError(this.describe(), this.why);
  }
  async get(_id: string, _stage: Stage): Promise<string | null> {
    return this.fail();
  }
  async set(_id: string, _stage: Stage, _value: string): Promise<void> {
    this.fail();
  }
  async delete(_id: string, _stage: Stage): Promise<boolean> {
    return this.fail();
  }
}

export interface StoreContext {
  /** Folder that relative paths in store refs are resolved against (the policy's folder). */
  baseDir: string;
  env: NodeJS.ProcessEnv;
  /** The env var name of a secret, for env-file stores without an explicit `name`. */
  envVarFor: (secretId: string) => string;
  /** The env var of a secret's active user (`references.userEnv`), if it has one. */
  userVarFor?: (secretId: string) => string | undefined;
}

export type StoreFactory = (ref: StoreRef, ctx: StoreContext) => SecretStore;

export interface StoreRegistry {
  open(ref: StoreRef): SecretStore;
  kinds(): string[];
  /** Adds a store kind (the VS Code client registers `secret-storage` this way). */
  register(kind: string, factory: StoreFactory): void;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const builtIn: Record<string, StoreFactory> = {
  keychain: (ref) =>
    new KeychainStore({
      service: str(ref.service),
      account: str(ref.account),
      backend: ref.backend === 'keytar' ? 'keytar' : 'napi',
    }),
  'env-file': (ref, ctx) => {
    const path = str(ref.path) ?? str(ref.file);
    if (!path) throw new StoreError('store/config', 'an env-file store needs a `path`');
    return new EnvFileStore({ path, name: str(ref.name) ?? str(ref.key) ?? str(ref.var), baseDir: ctx.baseDir }, ctx.envVarFor, ctx.userVarFor);
  },
  pass: (ref, ctx) => new PassStore({ path: str(ref.path) ?? str(ref.name), env: ctx.env }),
  'aws-secrets-manager': (ref, ctx) => new AwsSecretsManagerStore({ name: str(ref.name), region: str(ref.region), env: ctx.env }),
  'pass-team': (ref, ctx) => new PassTeamStore({ path: str(ref.path), dir: str(ref.dir), remote: str(ref.remote), baseDir: ctx.baseDir, env: ctx.env }),
  // The VS Code client registers the real one; everywhere else it cannot be reached.
  'secret-storage': () => new UnreachableStore('secret-storage', "VS Code's SecretStorage can only be reached from inside VS Code (use the extension's commands), or add a keychain or pass store to this secret"),
};

/**
 * Opens stores from policy references. Opening is cheap and does not touch the backend; errors
 * about a missing keyring or gpg key surface on first use, as specific StoreError subclasses.
 */
export function createStoreRegistry(ctx: Partial<StoreContext> = {}, extra: Record<string, StoreFactory> = {}): StoreRegistry {
  const full: StoreContext = {
    baseDir: ctx.baseDir ?? process.cwd(),
    env: ctx.env ?? process.env,
    envVarFor: ctx.envVarFor ?? ((id) => id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')),
    userVarFor: ctx.userVarFor,
  };
  const factories: Record<string, StoreFactory> = { ...builtIn, ...extra };
  return {
    open(ref) {
      const f = factories[ref.type];
      if (!f) throw new StoreError('store/unknown-kind', `unknown store type "${ref.type}" (known: ${Object.keys(factories).join(', ')})`);
      return f(ref, full);
    },
    kinds: () => Object.keys(factories),
    register(kind, factory) {
      factories[kind] = factory;
    },
  };
}
