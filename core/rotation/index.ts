/**
 * The rotation engine's public API — what the CLI and the VS Code client call.
 *
 * - `rotate(target, host)` → `RotationOutcome`: the one way a shell rotates (service.ts). `target`
 *   names the secret and the mode (rotate | resume | rollback | dry-run | finish-pending); `host`
 *   prompts for values, confirms trust and takes typed events (step i of n, waiting, outcome with
 *   a code and a `next` action each shell words its own way).
 * - `childSecretIds(policy, only?)`: what `run` may hand a child (never an adminConnection unless named).
 * - `createPolicyStoreRegistry(policy, policyPath, env?, extra?)`: stores for a policy; pass
 *   `{ 'secret-storage': factory }` in `extra` (or call `registry.register`) to add store types.
 * - `currentSecretEnv(policy, stores, ids?)`: env var → current value, for `run` and terminals.
 * - `storeSecret(...)`, `markCompromised(...)`, `pendingRotations(policyPath, policy?)`.
 * - Trust: `RotationTrust`, `trustFor`, `trustToConfirm` + `describeTrust` (what a confirmation covers), `confirmPolicy`.
 *
 * Nothing here imports `vscode`; values never appear in results, logs, errors or the ledger.
 */
export { rotate, type RotateMode, type RotateTarget, type RotationHost, type RotationEvent, type RotationOutcome, type OutcomeCode, type TrustQuestion } from './service';
export { rotationLockPath, isRotationRunning, type RotationResult, type RotationStatus, type NextAction } from './engine';
export { createPolicyStoreRegistry, currentSecretEnv, storeSecret, markCompromised, pendingRotations, type SecretEnv, type PendingRotation } from './api';
export { resolvePlan, envVarsOf, PlanError, childSecretIds, adminConnectionIds, type RotationPlan } from './plan';
export { policyContentHash, assertTrusted, confirmPolicy, confirmPolicyFile, confirmationFor, confirmationProblem, trustFor, trustToConfirm, trustedPoliciesPath, UntrustedPolicyError, type RotationTrust } from './trust';
export { describeTrust, type TrustRecord } from './trust-record';
export { checkValue, type CheckResult } from './verify';
export { openRotations, type OpenRotation } from './recovery';
export type { StepRecord } from './session';
export * from './providers';
export { createStoreRegistry, type StoreRegistry, type StoreFactory } from '../stores/registry';
export type { SecretStore, Stage, StoreRef } from '../stores/types';
export { LocalStageStore, localStagesDir } from '../stores/local-stages';
