import type { NamedStore } from './run-state';


/**
 * Before `create`: every check a store can make without the value (a git-tracked or symlinked env
 * file, a folder that is not writable). A rotation that could not store its new value must not
 * make one at the issuer. Throws the store's own error (a StoreError: code + what to do).
 */
export async function preflightStores(stores: NamedStore[], secretId: string): Promise<void> {
  for (const s of stores) await s.store.preflight?.(secretId);
}

/**
 * Right after `create`, before the value goes anywhere: every store must be able to hold it byte
 * for byte (an env file cannot hold some mixes of quotes, `$` and line breaks). Returns the
 * refusals, one per store, without the value.
 */
export function valueRefusals(stores: NamedStore[], secretId: string, value: string, user?: string): string[] {
  const out: string[] = [];
  for (const s of stores) {
    try {
      s.store.checkValue?.(secretId, value, user);
    } catch (err) {
      out.push(`${s.name}: ${(err as Error).message}`);
    }
  }
  return out;
}
