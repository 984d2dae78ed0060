/**
 * "Is this key live?": the presets table (each service's official host and read-only call, how its
 * answer reads), the check itself, and the verifier behind `scan --verify` and the editor action.
 */
export { LIVE_PRESETS, LIVE_PRESET_IDS, livePreset, presetForRule, presetForProvider, judgeAnswer, type LivePreset, type LiveStatus } from './presets';
export { checkLiveKey, presetBaseUrl, type LiveResult, type LiveCheckOptions } from './check';
export { LiveVerifier, annotateLive, officialHostFor, defaultLiveCacheFile, valueAt, type LiveVerdict, type LiveVerifierOptions, type CheckableFinding, type LiveSummary } from './scan-verify';
