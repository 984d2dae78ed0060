/** What the detection engine reports. Offsets are UTF-16 offsets into the original text. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id, also the diagnostic code: `secret/openai-api-key`, `exposed/known-secret`, `stale/revoked-key`. */
  ruleId: string;
  severity: Severity;
  /** Human message. Never contains the value; use `preview`. */
  message: string;
  /** One-line fix hint. */
  hint: string;
  /** [start, end) of the secret value in the original text (UTF-16 offsets). */
  start: number;
  end: number;
  /** 1-based line/column of start and end (column counted in UTF-16 code units, end exclusive). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Masked preview, `sk-p…Xy`. */
  preview: string;
  /** Fingerprint of rule + value (see fingerprint.ts); stable across runs and machines. */
  fingerprint: string;
  /**
   * Fingerprint of the value alone, whatever rule found it (as safe as `fingerprint`): findings
   * with the same one are one incident (a password in `POSTGRES_PASSWORD=` and in a URL beside it).
   */
  incidentKey?: string;
  /** Suggested environment variable name for the quick fix (`OPENAI_API_KEY`). */
  envVar?: string;
  /** Id of the policy secret this value belongs to, when known-secret matching identified it. */
  secretId?: string;
  /** With `secretId`: the keyed fingerprint of the value matchKnown found (never the value), what the trigger engine compares. */
  valueFingerprint?: string;
  /** 0..1 confidence; checksum-validated formats score higher. */
  confidence: number;
}

/** Fingerprints of values held in stores or retired in the ledger, keyed (never the values). */
export interface KnownSecrets {
  key: Uint8Array;
  current: ReadonlyMap<string, { secretId: string }>;
  retired: ReadonlyMap<string, { secretId: string }>;
}

export interface ScanOptions {
  /** Path (relative or absolute) used to pick the format handler; the file need not exist. */
  path: string;
  knownSecrets?: KnownSecrets;
  /**
   * Only rules that know a provider's or a header's format (no generic `name = value` judgement):
   * for the text runs of binary files, where names and values are not laid out as in source.
   */
  formatRulesOnly?: boolean;
  /**
   * Further [start, end) spans that known-value matching tests besides its tokens: the
   * length-prefixed strings of a binary container (`lengthPrefixedSpans`), set by `scanDecoded`.
   */
  knownSpans?: ReadonlyArray<readonly [number, number]>;
  /** Long loops check this and stop early. */
  isCancelled?: () => boolean;
}
