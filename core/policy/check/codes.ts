import { mask } from '../../values/mask';
/**
 * Every diagnostic code the policy language reports, defined once. The language server, the
 * CLI and quick fixes match on these codes, never on message text.
 */
export const PolicyCode = {
  // Reading the file
  yamlSyntax: 'policy/yaml-syntax',
  jsonSyntax: 'policy/json-syntax',
  duplicateKey: 'policy/duplicate-key',
  inputLimit: 'policy/input-limit',
  schema: 'policy/schema',
  // Standards and threat models
  intervalExceedsThreatModel: 'policy/interval-exceeds-threat-model',
  humanPasswordPeriodicRotation: 'policy/human-password-periodic-rotation',
  machineSecretWithoutInterval: 'policy/machine-secret-without-interval',
  noCompromiseTrigger: 'policy/no-compromise-trigger',
  cryptoperiodExceeded: 'policy/cryptoperiod-exceeded',
  graceNotLessThanInterval: 'policy/grace-not-less-than-interval',
  graceWithoutOverlap: 'policy/grace-without-overlap',
  expiryNotAfterInterval: 'policy/expiry-not-after-interval',
  credentialInPromptFile: 'policy/credential-in-prompt-file',
  envFileNotIgnored: 'policy/env-file-not-ignored',
  // References inside the policy and to the workspace
  duplicateId: 'policy/duplicate-id',
  unknownThreatModel: 'policy/unknown-threat-model',
  unknownStore: 'policy/unknown-store',
  unknownProvider: 'policy/unknown-provider',
  unknownSecret: 'policy/unknown-secret',
  providerParamMissing: 'policy/provider-param-missing',
  intervalConflict: 'policy/interval-conflict',
  referenceMatchesNothing: 'policy/reference-matches-nothing',
  exportLimit: 'policy/export-limit',
  ledgerMalformed: 'policy/ledger-malformed',
  ledgerUntrusted: 'policy/ledger-untrusted',
  // Confinement (core/policy/check/confine.ts): what a cloned repository's policy may touch
  pathOutsideWorkspace: 'policy/path-outside-workspace',
  reservedEnvVar: 'policy/reserved-env-var',
} as const;

/** Secret state reported as diagnostics at the secret's id. */
export const StaleCode = {
  overdue: 'stale/overdue',
  dueSoon: 'stale/due-soon',
  compromised: 'stale/compromised',
  neverRotated: 'stale/never-rotated',
} as const;

export type PolicyCodeValue = (typeof PolicyCode)[keyof typeof PolicyCode] | (typeof StaleCode)[keyof typeof StaleCode];
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line. */
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface PolicyProblem {
  code: PolicyCodeValue;
  severity: Severity;
  message: string;
  range: Range;
  /** What a quick fix needs (e.g. the secret id, the allowed bound), never a secret value. */
  data?: Record<string, unknown>;
}

/**
 * A name from the policy as messages show it. Names are short; anything long enough to be a
 * credential pasted into the wrong place is masked, so a message never repeats a secret.
 */
export function shown(name: string): string {
  return name.length <= 32 ? name : mask(name);
}
