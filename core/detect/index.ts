/**
 * The public surface of detection: shells (CLI, server, client) and other core areas import from
 * here only. The rooms behind it: input/ (decoding, regions, formats, prefilter), judge/ (values,
 * names, placeholders, confidence), rules/ (one module per pattern rule, with its samples) and
 * report/ (raw matches to findings, incidents, fingerprints, baselines).
 */
export type { Finding, KnownSecrets, ScanOptions, Severity } from './types';
export { scanText } from './report/findings';
export { commentSyntaxAt } from './input/comment-at';
export { isProbablyBinary, isPureBinary, textRuns } from './input/binary';
export { decodeForScan, scanBytes, scanDecoded, type DecodedBytes, type ScannedBytes } from './input/scan-bytes';
export { CONFIDENCE, DEFAULT_MIN_CONFIDENCE, meetsConfidence, parseConfidence } from './judge/confidence';
export { GENERIC_KEYWORDS } from './judge/generic';
export { ALL_RULES } from './rules/all';
export type { PatternRule } from './rules/rule';
export { envVarOf, PROVIDERS, type Provider } from './rules/providers';
export { rawMatches } from './report/matches';
export { anchorOffsets, buildPrefilter, keepHitLogs, type Prefilter } from './input/prefilter';
export { countIncidents, groupIncidents, incidentId, type Incident } from './report/incidents';
export { applyBaseline, DEFAULT_BASELINE_FILE, entriesFor, formatBaseline, parseBaseline, type BaselineEntry, type ParsedBaseline, type BaselineResult } from './report/baseline';
