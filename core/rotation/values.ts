import { UnreachableStore } from '../stores/registry';
import type { SecretStore } from '../stores/types';

/** The current value of a secret: from the primary store first, then the others in policy order. */
export async function currentValueOf(stores: SecretStore[], secretId: string, primary?: SecretStore): Promise<string | null> {
  const ordered = primary ? [primary, ...stores.filter((s) => s !== primary)] : stores;
  for (const s of ordered) {
    if (s instanceof UnreachableStore) continue; // e.g. SecretStorage from the CLI: try the next store
    const v = await s.get(secretId, 'current');
    if (v !== null && v !== '') return v;
  }
  return null;
}

/** The current value and the user written with it (from the same store), for `run` and terminals. */
export async function currentValueAndUserOf(stores: SecretStore[], secretId: string): Promise<{ value: string; user: string | null } | null> {
  for (const s of stores) {
    if (s instanceof UnreachableStore) continue;
    const v = await s.get(secretId, 'current');
    if (v === null || v === '') continue;
    return { value: v, user: s.getUser ? await s.getUser(secretId, 'current') : null };
  }
  return null;
}
