/**
 * The one resolution of a secret's stores, env var names and provider from a policy, read by the
 * rotation engine (core/rotation/plan.ts), the store registry (core/rotation/api.ts), the
 * move-to-store action (core/actions) and the policy checks. Store defaults (keychain account =
 * the secret id, `pass` entry `rotation-guard/{id}`, SecretStorage key `rotationGuard/{id}`, an
 * env file's variable = the secret's first env var) belong to the stores themselves, so a
 * reference resolves to the policy's own entry, unchanged.
 */
import type { Policy, PolicySecret, ProviderSpec, StoreRef } from '../model/schema';

export interface NamedStore {
  name: string;
  ref: StoreRef;
}

export interface ResolvedSecret {
  secret: PolicySecret;
  stores: NamedStore[];
  envVars: string[];
  provider?: ProviderSpec;
  strategy: 'single-user' | 'alternating-users';
}

export function findSecret(policy: Policy, id: string): PolicySecret | undefined {
  return policy.secrets.find((s) => s.id === id);
}

/** A secret id in CONSTANT_CASE: the env var name of a secret that names none. */
export function defaultEnvVar(secretId: string): string {
  return secretId.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/** Env var names of a secret: `references.env`, then env-file `var`s, then the id in CONSTANT_CASE. */
export function envVarsOf(policy: Policy, secret: PolicySecret): string[] {
  const names = new Set(secret.references?.env ?? []);
  for (const name of secret.stores) {
    const ref = policy.stores[name];
    if (ref?.type === 'env-file' && ref.var) names.add(ref.var);
  }
  if (names.size === 0) names.add(defaultEnvVar(secret.id));
  return [...names];
}

/** Store names the secret lists that the policy does not define (the checks report them; the engine refuses). */
export function unknownStores(policy: Policy, secret: PolicySecret): string[] {
  return secret.stores.filter((name) => !policy.stores[name]);
}

/** The secret's stores in order (the first is the primary), unknown names left out. */
export function resolveStores(policy: Policy, secret: PolicySecret): NamedStore[] {
  return secret.stores.flatMap((name) => {
    const ref = policy.stores[name];
    return ref ? [{ name, ref }] : [];
  });
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
    envVars: envVarsOf(policy, secret),
    ...(provider ? { provider } : {}),
    strategy: secret.rotation?.strategy ?? 'single-user',
  };
}

// What each provider needs and whether it keeps the old value through a grace period are
// facts of the provider (core/rotation/providers/<name>/definition.ts), read through one list.
export { requiredProviderParams, keepsOldValueThroughGrace } from '../../rotation/providers/definitions';
