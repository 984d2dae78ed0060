import type { LedgerEntry } from '../ledger/types';
import type { Policy } from '../policy/model/schema';
import type { SecretState } from '../policy/state/state';
import type { TRIGGER_EVENTS } from '../policy/model/schema-parts';

/** Where a known value was seen. `file` is relative to the policy's folder (or the repository for history). */
export interface Sighting {
  secretId: string;
  /** Keyed fingerprint (`hk1:…`) of the value seen — never the value. */
  fingerprint: string;
  source: 'file' | 'git-history';
  file: string;
  /** 1-based line; 0 in a binary container, whose text-run lines mean nothing to a person. */
  line: number;
  /** Where the value starts in a binary container (pickle, SQLite…), in bytes from the file's start. */
  byteOffset?: number;
  commit?: string;
  /** ISO-8601 author date of the commit (git history only). */
  authorDate?: string;
}

/** What reading a secret's stores gave: the keyed fingerprint of its current value, or why there is none. */
export type StoreFingerprint = { fingerprint: string | null } | { error: string; code?: string };

export interface EnforcementInput {
  policy: Policy;
  /** The ledger, in append order. */
  entries: readonly LedgerEntry[];
  /** Secret id → its current value's fingerprint as the stores hold it. A missing id: not read. */
  storeFingerprints: ReadonlyMap<string, StoreFingerprint>;
  /** Known values found by the workspace and git-history scans. */
  sightings: readonly Sighting[];
  /** Files (relative to the policy folder, `/`-separated) that are a secret's own store: a value there is where it belongs. */
  storeFiles?: ReadonlyMap<string, readonly string[]>;
  now: Date;
  /** Limit the plan to these secrets. */
  only?: readonly string[];
}

/** The policy's trigger events (one table: `TRIGGER_EVENTS`), plus what enforce adds on its own. */
export type EventKind = (typeof TRIGGER_EVENTS)[number] | 'due' | 'interrupted' | 'store-unreadable';

export interface EnforcementEvent {
  kind: EventKind;
  /** What the policy's trigger says to do (due and interrupted rotations always rotate / resume). */
  action: 'rotate-now' | 'notify' | 'resume';
  /** One line, e.g. `trigger exposed-in-git-history commit 1a2b3c… prompts/system.txt:2`; never a value. */
  reason: string;
  /** The policy has no trigger for this event: the action is the default (notify). */
  defaulted?: boolean;
  /** Already answered (by a rotation that came after it): reported, but it does not fire. */
  answered?: string;
  /**
   * For an event raised by a sighting (not by a recorded mark): where the value was seen, so a
   * caller acting on one sighting (the editor's triggers) can tell its own event from older ones.
   */
  seenAt?: { source: Sighting['source']; file: string; line: number; byteOffset?: number };
}

export type PlanAction =
  /** Nothing to do: compliant. */
  | 'none'
  /** An interrupted rotation: resume it (or roll it back) first. */
  | 'resume'
  | 'rotate'
  /** Only notify-triggers fired: a person must look (the exposure remains). */
  | 'notify'
  /** It must be rotated but cannot be rotated unattended (manual provider, no rotation configured). */
  | 'needs-person'
  /** Its stores could not be read (locked keyring, missing key): nothing can be decided. */
  | 'blocked';

export interface SecretPlan {
  secretId: string;
  action: PlanAction;
  events: EnforcementEvent[];
  /** The reason recorded with the rotation, joined from the events that asked for it. */
  reason: string;
  state: SecretState;
  /** Exposures of the current value to record as `mark-compromised` before acting (not yet in the ledger). */
  recordCompromise?: { fingerprint: string; reason: string };
  /** What a person must do, for needs-person / notify / blocked. */
  instructions?: string;
}

export interface EnforcementPlan {
  secrets: SecretPlan[];
  /** True when no secret needs an action or a person. */
  compliant: boolean;
}
