/**
 * The filter engine: one redactor for `rotation-guard redact`, the assistant hooks and the model
 * proxy. Detection comes from core/detect (its public index only); this folder adds what hides a
 * key from a pattern (glue, escapes, encodings, invisible characters, line and chunk splits),
 * stable placeholders, and the readers of transcripts and traces.
 */
export { findSecrets, ledgerFingerprint, sniffPath, type FindOptions, type SecretSpan } from './engine';
export { RedactionSession, redactText, applySpans, findInText, type Redaction } from './session';
export { StreamRedactor, holdFrom, WINDOW, HOLD_MAX } from './stream';
export { INVISIBLE } from './view';
export { knownSecretsNear, type KnownNear } from './known';
export { redactFile } from './files';
export { isTranscript, transcriptFindings } from './transcripts';
export * from './hooks';
export * from './proxy';
export { redact, type RedactOptions } from './redact';
export { enginePasses, viewCoverage } from './passes';
