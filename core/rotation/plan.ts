import type { Policy, PolicySecret } from '../policy/schema';
import { parseDuration } from '../policy/duration';
import type { StoreRef } from '../stores/types';
import { createProvider, type RotationProvider } from './providers';
import { VERIFICATIONS_NEEDING_TRUST, type VerificationInput } from './verify';

/** Everything the engine needs about one secret, resolved from the policy once. */
export interface RotationPlan {
  secretId: string;
  secret: PolicySecret;
  providerSpec?: { type: string; [k: string]: unknown };
  provider?: RotationProvider;
  strategy: 'single-user' | 'alternating-users';
  stores: Array<{ name: string; ref: StoreRef }>;
  verification?: VerificationInput;
  graceMs: number;
  envVars: string[];
  /** Why this rotation needs a trusted workspace and a confirmed policy (empty: it does not). */
  trustReasons: string[];
}

export class PlanError extends Error {}

export function findSecret(policy: Policy, secretId: string): PolicySecret {
  const s = policy.secrets.find((x) => x.id === secretId);
  if (!s) throw new PlanError(`no secret "${secretId}" in the policy (known: ${policy.secrets.map((x) => x.id).join(', ') || 'none'})`);
  return s;
}

/** Env var names of a secret: `references.env`, then env-file `var`s, then the id in CONSTANT_CASE. */
export function envVarsOf(policy: Policy, secret: PolicySecret): string[] {
  const names = new Set(secret.references?.env ?? []);
  for (const name of secret.stores) {
    const ref = policy.stores[name];
    if (ref?.type === 'env-file' && ref.var) names.add(ref.var);
  }
  if (names.size === 0) names.add(secret.id.toUpperCase().replace(/[^A-Z0-9_]/g, '_'));
  return [...names];
}

export function resolveStores(policy: Policy, secret: PolicySecret): Array<{ name: string; ref: StoreRef }> {
  return secret.stores.map((name) => {
    const ref = policy.stores[name];
    if (!ref) throw new PlanError(`secret "${secret.id}" names store "${name}", which the policy does not define`);
    return { name, ref: ref as StoreRef };
  });
}

export function resolvePlan(policy: Policy, secretId: string): RotationPlan {
  const secret = findSecret(policy, secretId);
  const stores = resolveStores(policy, secret);
  let providerSpec: RotationPlan['providerSpec'];
  if (secret.rotation) {
    const base = policy.providers?.[secret.rotation.provider];
    if (!base) throw new PlanError(`secret "${secretId}" uses provider "${secret.rotation.provider}", which the policy does not define`);
    providerSpec = { ...base, ...(secret.rotation.params ?? {}), type: base.type };
  }
  const provider = providerSpec ? createProvider(providerSpec) : undefined;
  const verification = secret.verification as VerificationInput | undefined;
  const trustReasons: string[] = [];
  if (provider?.needsTrust) trustReasons.push(`the ${provider.type} provider runs or contacts something the policy names`);
  if (verification && VERIFICATIONS_NEEDING_TRUST.has(verification.type)) trustReasons.push(`the ${verification.type} verification sends the value to, or runs, something the policy names`);
  return {
    secretId,
    secret,
    providerSpec,
    provider,
    strategy: secret.rotation?.strategy ?? 'single-user',
    stores,
    verification,
    graceMs: secret.gracePeriod ? parseDuration(secret.gracePeriod) : 0,
    envVars: envVarsOf(policy, secret),
    trustReasons,
  };
}
