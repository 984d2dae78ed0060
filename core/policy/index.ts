/**
 * Public surface of the policy language for the language server, the CLI and the client. The
 * rooms, by job:
 * - model/  the zod policy model (source of schemas/), durations, field builders, policy-file names
 * - parse/  YAML/JSON text with exact positions, finding and loading policy files
 * - check/  every problem a policy can have (analyze, checks-*, confinement, reserved env names, codes)
 * - state/  what follows from a policy and its ledger: intervals, cron, each secret's state,
 *           resolution of stores/env vars/provider, export to cloud platforms
 * - editor/ editor help over the model: hover, completion, code lenses, quick fixes, navigation
 */
export type { ExportPlatform, Policy, PolicySecret, ProviderSpec, StoreRef, ThreatModel, Trigger, VerificationSpec } from './model/schema';
export { MS, formatDuration, parseDuration, tryParseDuration } from './model/duration';
export { POLICY_FILE_GLOB, POLICY_FILE_PREFERRED, POLICY_SEARCH_EXCLUDE, isPolicyFileName } from './model/policy-file-names';
export { policyJsonSchemaText } from './model/json-schema';

export { displayPath, findPolicyFile, findPolicyFilesIn, isPolicyFile, listFolder, loadPolicyFile, type LoadedPolicy } from './parse/files';
export { gitIgnoredChecker } from './parse/git-ignored';

export { analyzePolicy, type AnalyzeOptions, type AnalyzedSecret, type PolicyAnalysis } from './check/analyze';
export { PolicyCode, StaleCode, type PolicyCodeValue, type PolicyProblem, type Position, type Range, type Severity } from './check/codes';

export { computeSecretState, computeSecretStates, type SecretState, type SecretStateName } from './state/state';
export { effectiveInterval, threatModelBound } from './state/intervals';
export { defaultEnvVar, envVarsOf, findSecret, resolveProvider, resolveSecret, resolveStores, unknownStores, type NamedStore, type ResolvedSecret } from './state/resolve';
export { ledgerForAnalysis } from './state/policy-ledger';
export { EXPORT_PLATFORMS, ExportError, exportLimitViolations, exportRotation } from './state/export';

export { policyCodeLenses, type PolicyCodeLens } from './editor/code-lenses';
export { policyCompletions, policyHover, type PolicyCompletion } from './editor/editor-help';
export { policyQuickFixes, type PolicyQuickFix, type PolicyTextEdit } from './editor/quick-fixes';
export { policySymbols, policyNameSites, nameSiteAt, type PolicySymbol, type NameSite } from './editor/navigation';
export { PolicySet, blockingProblems, loadPolicy, policyOrError, secretsOf, type LoadPolicyOptions, type PolicyLoadError, type PolicySetSnapshot, type PolicySetSource, type SetPolicy, type SetSecret } from './state/policy-set';
