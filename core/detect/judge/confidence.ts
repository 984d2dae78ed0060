/**
 * How sure a finding is, from most to least: a provider format whose checksum holds (0.95-0.99), a
 * provider format (0.85-0.9), a value of a credential name that looks generated (0.75), any other
 * value of a credential name (0.6), and a value that does not look generated next to a credential
 * name in documentation prose (Markdown outside code blocks, prompts excepted: 0.45). The editor and `scan` show findings from DEFAULT_MIN_CONFIDENCE up;
 * `--min-confidence 0` (or the editor setting) shows everything.
 */
export const CONFIDENCE = {
  providerFormat: 0.9,
  generatedValue: 0.75,
  credentialValue: 0.6,
  inDocumentationProse: 0.45,
  /** A well-known default password in docs, examples or tests: what the reader is told to type (weak-defaults.ts). */
  weakDefaultInDocs: 0.4,
  /** A token whose own claims say it is a fixture (a JWT for subject `1234567890`, issuer `test@…`): jwt-claims.ts. */
  exampleClaims: 0.4,
  /** A key that is public by design (PostHog project key, Stripe publishable key, Sentry DSN): information, not a leak. */
  publicByDesign: 0.3,
} as const;

/** The default threshold: keeps every tier but values in documentation prose. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** The findings at or above the threshold. */
export function meetsConfidence<T extends { confidence: number }>(findings: readonly T[], min: number = DEFAULT_MIN_CONFIDENCE): T[] {
  return findings.filter((f) => f.confidence >= min);
}

/** Parses a threshold given by a person (`0.5`, `.75`); undefined when it is not a number in [0, 1]. */
export function parseConfidence(text: string): number | undefined {
  if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(text.trim())) return undefined;
  return Number(text);
}
