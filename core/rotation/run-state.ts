import type { RotationStep } from '../ledger/types';
import type { SecretStore } from '../stores/types';
import type { NextAction, RotateOptions, RotationResult, RotationStatus } from './engine';
import type { RotationPlan } from './plan';
import type { CreatedValue, OrphanRef, ProviderContext } from './providers/types';
import type { RotationSession } from './session';
import { checkValue, type CheckResult } from './verify';

/** One store of a secret, with its name in the policy. */
export type NamedStore = { name: string; store: SecretStore };

/** The state of one engine run (new or resumed), shared by its steps. */
export interface Run {
  o: RotateOptions;
  plan: RotationPlan;
  session: RotationSession;
  stores: NamedStore[];
  primary: SecretStore;
  ctx: ProviderContext;
  now: () => Date;
  done: Set<RotationStep>;
  created?: CreatedValue;
  old: string | null;
  oldUser?: string;
  promotedAt?: string;
  /** The provider may have changed the credential where it is used: rollback must restore it. */
  applyStarted: boolean;
  /** Promote may have written some stores: rollback must put the old value back in all of them. */
  promoteStarted?: boolean;
  /** Resume: create began but the new value is in no store (the issuer may hold an orphan). */
  orphan?: OrphanRef & { createFinished: boolean };
}

export /** The secret's stores, plus the one that holds its stages when that is not one of them. */
function withPrimary(stores: NamedStore[], primary: NamedStore): NamedStore[] {
  return stores.some((s) => s.store === primary.store) ? stores : [...stores, primary];
}

export function result(run: Run, status: RotationStatus, message: string, next?: NextAction): RotationResult {
  return {
    ...(next ? { next } : {}),
    secretId: run.o.secretId,
    rotationId: run.session.rotationId,
    status,
    message,
    steps: run.session.steps,
    newFingerprint: run.created ? run.session.fingerprint(run.created.value) : undefined,
    versionId: run.created?.versionId,
  };
}

export async function check(run: Run, value: string, user: string | undefined): Promise<CheckResult> {
  return checkValue(run.plan.verification!, value, { provider: run.plan.providerSpec, user, cwd: run.ctx.cwd, env: run.ctx.env });
}

/**
 * PREVIOUS holds the old value while it may still be needed: through a grace period, and until
 * a provider that revokes has shown it fails. A provider that cannot revoke (generate, manual,
 * command, http) with no grace period has nothing to wait for — the new value is verified and
 * current — so two keychain writes are saved.
 */
export function keepPrevious(run: Run): boolean {
  return run.old !== null && (!!run.plan.provider!.revoke || run.plan.graceMs > 0);
}

