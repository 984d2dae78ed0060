/** Secret stores: one small async interface, several backends. See docs/rotation.md. */
export * from './types';
export { KeychainStore, type KeychainOptions } from './keychain';
export { mapKeyringError, type KeytarLike } from './keychain-backends';
export { EnvFileStore, isGitTracked, type EnvFileOptions } from './env-file';
export { readEnvValue, writeEnvValue, quoteEnvValue, removeEnvValue, EnvValueNotRepresentableError } from './env-format';
export { PassStore, type PassOptions } from './pass';
export { createStoreRegistry, UnreachableStore, type StoreRegistry, type StoreFactory, type StoreContext } from './registry';
export { LocalStageStore, localStagesDir } from './local-stages';
export { secretStorageKey, DEFAULT_ENTRY_TEMPLATE } from './secret-storage-key';
export { MemoryStore } from './memory';
