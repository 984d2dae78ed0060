import type { Policy, PolicySecret } from '../policy/schema';
import { parseDuration } from '../policy/duration';
import { envVarsOf, findSecret as lookUpSecret, mergedProvider, resolveStores as policyStores, unknownStores, type NamedStore } from '../policy/resolve';
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

export { envVarsOf };

/** The secret, or a PlanError that lists the ids the policy has. */
export function findSecret(policy: Policy, secretId: string): PolicySecret {
  const s = lookUpSecret(policy, secretId);
  if (!s) throw new PlanError(`no secret "${secretId}" in the policy (known: ${policy.secrets.map((x) => x.id).join(', ') || 'none'})`);
  return s;
}

/** The secret's stores through the one resolution (core/policy/resolve.ts); an unknown name is an error here. */
export function resolveStores(policy: Policy, secret: PolicySecret): Array<{ name: string; ref: StoreRef }> {
  const unknown = unknownStores(policy, secret);
  if (unknown.length) throw new PlanError(`secret "${secret.id}" names store "${unknown[0]}", which the policy does not define`);
  return policyStores(policy, secret).map((s: NamedStore) => ({ name: s.name, ref: s.ref as StoreRef }));
}

export function resolvePlan(policy: Policy, secretId: string): RotationPlan {
  const secret = findSecret(policy, secretId);
  const stores = resolveStores(policy, secret);
  let providerSpec: RotationPlan['providerSpec'];
  if (secret.rotation) {
    const merged = mergedProvider(policy, secret);
    if (!merged) throw new PlanError(`secret "${secretId}" uses provider "${secret.rotation.provider}", which the policy does not define`);
    providerSpec = merged as RotationPlan['providerSpec'];
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
