import type { Policy, PolicySecret } from '../policy/model/schema';
import { assertPolicyConfined } from '../policy/check/confine';
import { parseDuration } from '../policy/model/duration';
import { envVarsOf, findSecret as lookUpSecret, mergedProvider, resolveStores as policyStores, unknownStores, keepsOldValueThroughGrace, type NamedStore } from '../policy/state/resolve';
import type { StoreRef } from '../stores/types';
import { ADMIN_SECRET_FIELDS, createProvider, defaultVerificationFor, type RotationProvider } from './providers';
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
  /**
   * The grace period the provider can honour: 0 when it replaces the value in place (single-user
   * postgres/mariadb), whatever the policy says — `check` reports that policy as an error.
   */
  graceMs: number;
  /** The provider replaces the old value at `apply` (the old one dies there), so stores get the new one right after. */
  inPlace: boolean;
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

/** The secret's stores through the one resolution (core/policy/state/resolve.ts); an unknown name is an error here. */
export function resolveStores(policy: Policy, secret: PolicySecret): Array<{ name: string; ref: StoreRef }> {
  const unknown = unknownStores(policy, secret);
  if (unknown.length) throw new PlanError(`secret "${secret.id}" names store "${unknown[0]}", which the policy does not define`);
  return policyStores(policy, secret).map((s: NamedStore) => ({ name: s.name, ref: s.ref as StoreRef }));
}

/** Where the policy lives, so the plan can refuse paths that lead out of its repository. */
export interface PlanLocation {
  policyPath: string;
  env?: NodeJS.ProcessEnv;
  /** Places outside the repository the user allowed besides the allowed-paths file (the editor's machine-scoped setting). */
  allowedPaths?: readonly string[];
}

/**
 * The plan for one secret. With `at`, a policy that names a path outside its repository (or a
 * reserved env var, core/policy/check/confine.ts) is refused here, before any step of any shell runs.
 */
export function resolvePlan(policy: Policy, secretId: string, at?: PlanLocation): RotationPlan {
  if (at) assertPolicyConfined(policy, at.policyPath, at.env, at.allowedPaths);
  const secret = findSecret(policy, secretId);
  const stores = resolveStores(policy, secret);
  let providerSpec: RotationPlan['providerSpec'];
  if (secret.rotation) {
    const merged = mergedProvider(policy, secret);
    if (!merged) throw new PlanError(`secret "${secretId}" uses provider "${secret.rotation.provider}", which the policy does not define`);
    providerSpec = merged as RotationPlan['providerSpec'];
  }
  const provider = providerSpec ? createProvider(providerSpec) : undefined;
  const verification = (secret.verification ?? defaultVerificationFor(providerSpec?.type)) as VerificationInput | undefined;
  const trustReasons: string[] = [];
  if (provider?.needsTrust) trustReasons.push(`the ${provider.type} provider runs or contacts something the policy names`);
  if (verification && VERIFICATIONS_NEEDING_TRUST.has(verification.type)) trustReasons.push(`the ${verification.type} verification sends the value to, or runs, something the policy names`);
  const strategy = secret.rotation?.strategy ?? 'single-user';
  const inPlace = !!provider?.apply && !!providerSpec && !keepsOldValueThroughGrace(providerSpec.type, strategy);
  return {
    secretId,
    secret,
    providerSpec,
    provider,
    strategy,
    stores,
    verification,
    graceMs: secret.gracePeriod && !inPlace ? parseDuration(secret.gracePeriod) : 0,
    inPlace,
    envVars: envVarsOf(policy, secret),
    trustReasons,
  };
}

/**
 * Secret ids that some provider uses to administer others (`adminConnection`). `run` never hands
 * them to a child unless `--only` names them: the app needs its own password, not the superuser's.
 */
export function adminConnectionIds(policy: Policy): Set<string> {
  const ids = new Set<string>();
  for (const field of ADMIN_SECRET_FIELDS) {
    for (const s of policy.secrets) {
      const base = s.rotation ? policy.providers?.[s.rotation.provider] : undefined;
      const admin = (s.rotation?.params as Record<string, unknown> | undefined)?.[field] ?? (base as Record<string, unknown> | undefined)?.[field];
      if (typeof admin === 'string') ids.add(admin);
    }
    for (const p of Object.values(policy.providers ?? {})) {
      const admin = (p as Record<string, unknown>)[field];
      if (typeof admin === 'string') ids.add(admin);
    }
  }
  return ids;
}

/**
 * The secrets a child started by `run` gets: those named by `--only`, else every secret the policy
 * says the app uses (`references.env`) except admin connections.
 */
export function childSecretIds(policy: Policy, only?: string[]): string[] {
  if (only?.length) {
    for (const id of only) findSecret(policy, id);
    return only;
  }
  const admin = adminConnectionIds(policy);
  return policy.secrets.filter((s) => (s.references?.env?.length ?? 0) > 0 && !admin.has(s.id)).map((s) => s.id);
}
