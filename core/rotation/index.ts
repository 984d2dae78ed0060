/**
 * The rotation engine's public API — what the CLI and the VS Code client call.
 *
 * - `rotateSecret({policy, policyPath, secretId, stores, trust, now?, log?, prompt?, dryRun?, resume?, rollback?})`
 *   → `RotationResult` (`status`: rotated | awaiting-revoke | rolled-back | failed | dry-run | nothing-to-resume).
 * - `createPolicyStoreRegistry(policy, policyPath, env?, extra?)`: stores for a policy; pass
 *   `{ 'secret-storage': factory }` in `extra` (or call `registry.register`) to add store types.
 * - `currentSecretEnv(policy, stores, ids?)`: env var → current value, for `run` and terminals.
 * - `storeSecret(...)`, `markCompromised(...)`, `pendingRotations(policyPath, policy?)`.
 * - Trust: `RotationTrust`, `policyContentHash`, `confirmPolicy`, `confirmedHashFor`.
 *
 * Nothing here imports `vscode`; values never appear in results, logs, errors or the ledger.
 */
export { rotateSecret, RotationInProgressError, type RotateOptions, type RotationResult, type RotationStatus } from './engine';
export { createPolicyStoreRegistry, currentSecretEnv, storeSecret, markCompromised, pendingRotations, type SecretEnv, type PendingRotation } from './api';
export { resolvePlan, envVarsOf, PlanError, type RotationPlan } from './plan';
export { policyContentHash, assertTrusted, confirmPolicy, confirmedHashFor, trustedPoliciesPath, UntrustedPolicyError, type RotationTrust } from './trust';
export { checkValue, type CheckResult } from './verify';
export { openRotations, type OpenRotation } from './recovery';
export type { StepRecord } from './session';
export * from './providers';
export { createStoreRegistry, type StoreRegistry, type StoreFactory } from '../stores/registry';
export type { SecretStore, Stage, StoreRef } from '../stores/types';
