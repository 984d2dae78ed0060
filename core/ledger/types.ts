import type { TRIGGER_EVENTS } from '../policy/model/schema-parts';

/**
 * One line of `.rotation/ledger.jsonl`. Hash-chained: `prev` is the `hash` of the line before
 * (or "genesis"), `hash` covers every other field. Values never appear, only keyed fingerprints.
 */
/** The steps of one rotation, in the order the engine runs them (progress displays count them). */
export const ROTATION_LOOP_STEPS = ['begin', 'create', 'store-pending', 'apply', 'test-new', 'promote', 'revoke-old', 'test-old-fails', 'finish'] as const;

export type RotationStep =
  | (typeof ROTATION_LOOP_STEPS)[number]
  | 'rollback'
  | 'mark-compromised'
  | 'store'
  | 'verify';

export type Outcome = 'started' | 'ok' | 'failed' | 'skipped';

export interface LedgerEntry {
  v: 1;
  seq: number;
  at: string; // ISO-8601
  who: string;
  secretId: string;
  /** Groups the steps of one rotation. */
  rotationId?: string;
  step: RotationStep;
  outcome: Outcome;
  provider?: string;
  versionId?: string;
  /** Keyed fingerprints (fingerprint.ts), never values. */
  newFingerprint?: string;
  oldFingerprint?: string;
  /** The account that holds the new value (alternating-users: the role switched to). */
  user?: string;
  detail?: string;
  /**
   * On `mark-compromised`: the trigger event that made the value suspect (`anomaly` from
   * `report-anomaly`, `exposed-in-file` / `exposed-in-git-history` from `enforce`). Absent on
   * older entries and on a person's "mark compromised", which count as an anomaly.
   */
  event?: (typeof TRIGGER_EVENTS)[number];
  /**
   * The writer's Ed25519 public key (`ed25519:<base64url>`, sign-keys.ts). Covered by `hash`, so the
   * entry says who signed it; absent on entries written before signing (older versions).
   */
  signer?: string;
  prev: string;
  hash: string;
  /** Ed25519 signature by `signer` over the entry's `hash` (which chains `prev`); not covered by `hash`. */
  sig?: string;
}
