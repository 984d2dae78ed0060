/**
 * The rotation engine's public API — what the CLI and the VS Code client call.
 *
 * - `rotateSecret({policy, policyPath, secretId, stores, trust, now?, log?, prompt?, dryRun?, resume?, rollback?})`
 *   → `RotationResult` (`status`: rotated | awaiting-revoke | rolled-back | failed | dry-run | nothing-to-resume).
 * - `finishPendingRotation(options)` → `PendingOutcome`: finishes what is pending before a new
 *   rotation (an expired grace period → revoke; an interrupted rotation → resume or roll back);
 *   `rotateAfterPending(options)` = that, then a new rotation (what `rotate ID` does).
 * - `childSecretIds(policy, only?)`: what `run` may hand a child (never an adminConnection unless named).
 * - `createPolicyStoreRegistry(policy, policyPath, env?, extra?)`: stores for a policy; pass
 *   `{ 'secret-storage': factory }` in `extra` (or call `registry.register`) to add store types.
 * - `currentSecretEnv(policy, stores, ids?)`: env var → current value, for `run` and terminals.
 * - `storeSecret(...)`, `markCompromised(...)`, `pendingRotations(policyPath, policy?)`.
 * - Trust: `RotationTrust`, `trustFor`, `trustToConfirm` + `describeTrust` (what a confirmation covers), `confirmPolicy`.
 *
 * Nothing here imports `vscode`; values never appear in results, logs, errors or the ledger.
 */
export { rotateSecret, RotationInProgressError, RotationBusyError, rotationLockPath, isRotationRunning, type RotateOptions, type RotationResult, type RotationStatus } from './engine';
export { createPolicyStoreRegistry, currentSecretEnv, storeSecret, markCompromised, pendingRotations, type SecretEnv, type PendingRotation } from './api';
export { resolvePlan, envVarsOf, PlanError, childSecretIds, adminConnectionIds, type RotationPlan } from './plan';
export { finishPendingRotation, rotateAfterPending, GraceRunningError, type PendingOutcome, type PendingStatus, type PendingOptions } from './pending';
export { policyContentHash, assertTrusted, confirmPolicy, confirmPolicyFile, confirmationFor, confirmationProblem, trustFor, trustToConfirm, trustedPoliciesPath, UntrustedPolicyError, type RotationTrust } from './trust';
export { describeTrust, type TrustRecord } from './trust-record';
export { checkValue, type CheckResult } from './verify';
export { openRotations, type OpenRotation } from './recovery';
export type { StepRecord } from './session';
export * from './providers';
export { createStoreRegistry, type StoreRegistry, type StoreFactory } from '../stores/registry';
export type { SecretStore, Stage, StoreRef } from '../stores/types';
export { LocalStageStore, localStagesDir } from '../stores/local-stages';
