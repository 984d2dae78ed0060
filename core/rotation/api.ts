import { dirname } from 'node:path';
import type { Policy } from '../policy/model/schema';
import { keyedFingerprint } from '../values/fingerprint';
import { loadFingerprintKey } from '../values/fingerprint-key';
import { appendLedgerEntry } from '../ledger/append';
import { compromiseEntry, storeEntry } from '../ledger/entries';
import { ledgerPathFor } from '../ledger/read';
import { trustedPolicyLedger } from '../ledger/trusted';
import type { LedgerEntry } from '../ledger/types';
import { createStoreRegistry, type StoreFactory, type StoreRegistry } from '../stores/registry';
import { envVarsOf, findSecret, resolvePlan, resolveStores } from './plan';
import { mergedProvider } from '../policy/state/resolve';
import { assertPolicyConfined } from '../policy/check/confine';
import { openRotations } from './recovery';
import { currentValueAndUserOf, currentValueOf } from './values';

/**
 * A store registry whose env-file stores default to the secret's env var names from the policy.
 * Every shell reaches a policy's stores through here: a policy naming a path outside its
 * repository (or a reserved env var) is refused before anything is read or written.
 */
export function createPolicyStoreRegistry(policy: Policy, policyPath: string, env: NodeJS.ProcessEnv = process.env, extra: Record<string, StoreFactory> = {}, allowedPaths: readonly string[] = []): StoreRegistry {
  assertPolicyConfined(policy, policyPath, env, allowedPaths);
  return createStoreRegistry(
    {
      baseDir: dirname(policyPath),
      env,
      envVarFor: (id) => {
        const s = policy.secrets.find((x) => x.id === id);
        return s ? envVarsOf(policy, s)[0]! : id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
      },
      userVarFor: (id) => policy.secrets.find((x) => x.id === id)?.references?.userEnv,
    },
    extra,
  );
}

export interface SecretEnv {
  /** Env var name → current value. Hand it to a child process; never print it. */
  env: Record<string, string>;
  /** Secret ids that have no current value in any of their stores. */
  missing: string[];
}

/**
 * The current values as environment variables (for `rotation-guard run` and the VS Code terminal).
 * With `references.userEnv`, the user is taken from the same store as the password (so the pair
 * belongs together), else the provider's first user/role (the state before any rotation).
 */
export async function currentSecretEnv(policy: Policy, stores: StoreRegistry, ids?: string[]): Promise<SecretEnv> {
  const out: SecretEnv = { env: {}, missing: [] };
  const wanted = ids ?? policy.secrets.map((s) => s.id);
  for (const id of wanted) {
    const secret = findSecret(policy, id);
    const found = await currentValueAndUserOf(resolveStores(policy, secret).map((s) => stores.open(s.ref)), id);
    if (found === null) {
      out.missing.push(id);
      continue;
    }
    for (const name of envVarsOf(policy, secret)) out.env[name] = found.value;
    const userEnv = secret.references?.userEnv;
    if (userEnv) {
      const p = mergedProvider(policy, secret);
      const fallback = typeof p?.role === 'string' ? p.role : typeof p?.user === 'string' ? p.user : undefined;
      const user = found.user ?? fallback;
      if (user) out.env[userEnv] = user;
    }
  }
  return out;
}

/** Writes a value as CURRENT into every store of the secret and records a `store` step. */
export async function storeSecret(o: { policy: Policy; policyPath: string; secretId: string; value: string; stores: StoreRegistry; now?: Date; fingerprintKey?: Uint8Array; who?: string }): Promise<LedgerEntry> {
  const secret = findSecret(o.policy, o.secretId);
  const refs = resolveStores(o.policy, secret);
  for (const r of refs) await o.stores.open(r.ref).set(o.secretId, 'current', o.value);
  const fingerprint = keyedFingerprint(o.value, o.fingerprintKey ?? loadFingerprintKey());
  return appendLedgerEntry(ledgerPathFor(o.policyPath), storeEntry({ secretId: o.secretId, fingerprint, detail: `stored in ${refs.map((r) => r.name).join(', ')}`, at: o.now ?? new Date(), ...(o.who !== undefined ? { who: o.who } : {}) }));
}

/**
 * Records that the current value may be known to someone else (PCI DSS 4.0 8.6.3); the policy
 * state turns `compromised` until a later rotation finishes.
 */
export async function markCompromised(o: { policy: Policy; policyPath: string; secretId: string; reason: string; stores?: StoreRegistry; now?: Date; fingerprintKey?: Uint8Array; who?: string }): Promise<LedgerEntry> {
  const secret = findSecret(o.policy, o.secretId);
  let oldFingerprint: string | undefined;
  if (o.stores) {
    const v = await currentValueOf(resolveStores(o.policy, secret).map((s) => o.stores!.open(s.ref)), o.secretId).catch(() => null);
    if (v) oldFingerprint = keyedFingerprint(v, o.fingerprintKey ?? loadFingerprintKey());
  }
  return appendLedgerEntry(ledgerPathFor(o.policyPath), compromiseEntry({ secretId: o.secretId, ...(oldFingerprint ? { fingerprint: oldFingerprint } : {}), detail: o.reason, at: o.now ?? new Date(), ...(o.who !== undefined ? { who: o.who } : {}) }));
}

export interface PendingRotation {
  secretId: string;
  rotationId: string;
  beganAt: string;
  lastStep: string;
  lastOutcome: string;
  /** Promoted; waiting for the grace period before the old value is revoked. */
  awaitingRevoke: boolean;
  revokeDueAt?: string;
}

/** Rotations that began and did not finish or roll back (for a "resume" list in the UI). */
export function pendingRotations(policyPath: string, policy?: Policy): PendingRotation[] {
  return openRotations(trustedPolicyLedger(policyPath, policy ? { writers: policy.ledger?.writers ?? null } : {}).entries).map((r) => {
    // The grace the provider can honour (none for single-user postgres/mariadb), as the engine uses it.
    const graceMs = policy?.secrets.some((s) => s.id === r.secretId && s.rotation) ? resolvePlan(policy, r.secretId).graceMs : 0;
    const awaitingRevoke = !!r.promotedAt;
    return {
      secretId: r.secretId,
      rotationId: r.rotationId,
      beganAt: r.beganAt,
      lastStep: r.lastStep,
      lastOutcome: r.lastOutcome,
      awaitingRevoke,
      revokeDueAt: awaitingRevoke && graceMs ? new Date(Date.parse(r.promotedAt!) + graceMs).toISOString() : undefined,
    };
  });
}
