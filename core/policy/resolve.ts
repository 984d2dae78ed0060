/**
 * What the rotation engine and the stores need from a secret, with names looked up, `{id}`
 * placeholders filled in and defaults applied, so no consumer re-implements those rules.
 */
import type { Policy, PolicySecret, ProviderSpec, StoreRef } from './schema';

export interface ResolvedSecret {
  secret: PolicySecret;
  stores: StoreRef[];
  provider?: ProviderSpec;
  strategy: 'single-user' | 'alternating-users';
}

export function findSecret(policy: Policy, id: string): PolicySecret | undefined {
  return policy.secrets.find((s) => s.id === id);
}

/** Store references with `{id}` expanded and per-type defaults (keychain account = id, …). Unknown names are skipped (the checks report them). */
export function resolveStores(policy: Policy, secret: PolicySecret): StoreRef[] {
  const fill = (s: string) => s.replaceAll('{id}', secret.id);
  const out: StoreRef[] = [];
  for (const name of secret.stores) {
    const ref = policy.stores[name];
    if (!ref) continue;
    switch (ref.type) {
      case 'keychain':
        out.push({ ...ref, account: fill(ref.account ?? secret.id) });
        break;
      case 'secret-storage':
        out.push({ ...ref, key: fill(ref.key ?? `rotation-guard.${secret.id}`) });
        break;
      case 'env-file': {
        const v = ref.var ?? secret.references?.env?.[0];
        out.push(v ? { ...ref, path: fill(ref.path), var: v } : { ...ref, path: fill(ref.path) });
        break;
      }
      case 'pass':
        out.push({ ...ref, path: fill(ref.path) });
        break;
    }
  }
  return out;
}

/** The named provider with the secret's `rotation.params` merged over it (not validated: see checks). */
export function mergedProvider(policy: Policy, secret: PolicySecret): Record<string, unknown> | undefined {
  const name = secret.rotation?.provider;
  const base = name ? policy.providers?.[name] : undefined;
  if (!base) return undefined;
  return { ...base, ...(secret.rotation?.params ?? {}), type: base.type };
}

export function resolveProvider(policy: Policy, secret: PolicySecret): ProviderSpec | undefined {
  return mergedProvider(policy, secret) as ProviderSpec | undefined;
}

export function resolveSecret(policy: Policy, secret: PolicySecret): ResolvedSecret {
  const provider = resolveProvider(policy, secret);
  return {
    secret,
    stores: resolveStores(policy, secret),
    ...(provider ? { provider } : {}),
    strategy: secret.rotation?.strategy ?? 'single-user',
  };
}

/** Fields each provider needs once the shared definition and per-secret params are merged. */
export function requiredProviderParams(type: ProviderSpec['type'], strategy: ResolvedSecret['strategy']): string[] {
  switch (type) {
    case 'postgres':
      return strategy === 'alternating-users' ? ['host', 'database', 'role', 'alternateRole', 'adminConnection'] : ['host', 'database', 'role', 'adminConnection'];
    case 'mariadb':
      return strategy === 'alternating-users' ? ['host', 'user', 'alternateUser', 'adminConnection'] : ['host', 'user', 'adminConnection'];
    case 'redis':
      return ['host', 'user', 'adminConnection'];
    case 'command':
      return ['command'];
    case 'http':
      return ['url'];
    case 'manual':
      return ['url'];
    case 'generate':
      return [];
  }
}

/**
 * Whether the provider keeps the old value valid after the new one is applied, so a
 * `gracePeriod` means something. Single-user PostgreSQL and MariaDB replace the password in
 * place (the old one dies at `apply`); alternating users, Redis (a user holds two passwords) and
 * providers that revoke only after promotion keep it. The policy check and the engine read this.
 */
export function keepsOldValueThroughGrace(type: string, strategy: ResolvedSecret['strategy']): boolean {
  if (type === 'postgres' || type === 'mariadb') return strategy === 'alternating-users';
  return true;
}
