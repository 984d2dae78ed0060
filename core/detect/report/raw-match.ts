import type { Severity } from '../types';

/** A match before positions, previews and fingerprints are computed. */
export interface RawMatch {
  ruleId: string;
  title: string;
  severity: Severity;
  hint: string;
  envVar?: string;
  start: number;
  end: number;
  confidence: number;
  /** Higher wins when two matches overlap: provider rules (1) over generic ones (0). */
  priority: number;
  /** Judged by its shape next to a name (the generic detector), even when the name points at a provider. */
  byShape?: boolean;
  /** The message, when the rule's own (`{preview}` stands for the masked value); default: "<Title> (<preview>) is hardcoded here." */
  message?: string;
  /**
   * The value this match stands for when the text holds it encoded (a Kubernetes Secret's base64):
   * its incident is that value's, so `ZG9jc2dwdA==` and `docsgpt` in a compose file are one.
   */
  incidentValue?: string;
}

/** What a rule returns at a hit: a match, or the region it examined and rejected (no finding). */
export type Attempt = RawMatch | { ruleId: ''; end: number };
