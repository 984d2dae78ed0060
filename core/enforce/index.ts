/**
 * Enforcement: the policy acting on its own.
 *
 * `computeEnforcementPlan({ policy, entries, storeFingerprints, sightings, storeFiles?, now, only? })`
 * is the trigger engine — a pure function (no I/O, no clock) that the CLI's `enforce`, the
 * language server and the VS Code client call with the same facts to get the same plan: per
 * secret the events (exposure in a file or in git history, a retired value seen again, a reported
 * anomaly, due or overdue, an interrupted rotation, an unreadable store), the action
 * (`none | resume | rotate | notify | needs-person | blocked`) and the reason to record.
 *
 * `runEnforcement` (run.ts) gathers those facts from disk, stores and git and carries the plan out
 * through the rotation engine; it is for shells that may touch stores (CLI, client).
 */
export { computeEnforcementPlan } from './plan';
export type { EnforcementInput, EnforcementPlan, EnforcementEvent, EventKind, PlanAction, SecretPlan, Sighting, StoreFingerprint } from './types';
export { recordPlannedCompromise } from './record';
export { runEnforcement, type EnforceOptions, type EnforceResult, type SecretOutcome, type OutcomeStatus } from './run';
export { readStoreFingerprints, storeFilesOf } from './gather';
