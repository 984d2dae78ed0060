/** Public surface of the policy language for the language server and the CLI. */
export { analyzePolicy, type AnalyzeOptions, type AnalyzedSecret, type PolicyAnalysis } from './check/analyze';
export { PolicyCode, StaleCode, type PolicyCodeValue, type PolicyProblem, type Position, type Range, type Severity } from './check/codes';
export { policyCodeLenses, type PolicyCodeLens } from './editor/code-lenses';
export { MS, formatDuration, parseDuration, tryParseDuration } from './model/duration';
export { policyCompletions, policyHover, type PolicyCompletion } from './editor/editor-help';
export { EXPORT_PLATFORMS, ExportError, exportLimitViolations, exportRotation } from './state/export';
export { displayPath, findPolicyFile, findPolicyFilesIn, isPolicyFile, listFolder, loadPolicyFile, type LoadedPolicy } from './parse/files';
export { effectiveInterval, threatModelBound } from './state/intervals';
export { defaultEnvVar, envVarsOf, findSecret, resolveProvider, resolveSecret, resolveStores, unknownStores, type NamedStore, type ResolvedSecret } from './state/resolve';
export type { ExportPlatform, Policy, PolicySecret, ProviderSpec, StoreRef, ThreatModel, Trigger, VerificationSpec } from './model/schema';
export { computeSecretState, computeSecretStates, type SecretState, type SecretStateName } from './state/state';
export { policyQuickFixes, type PolicyQuickFix, type PolicyTextEdit } from './editor/quick-fixes';
export { gitIgnoredChecker } from './parse/git-ignored';
export { POLICY_FILE_GLOB, POLICY_FILE_PREFERRED, POLICY_SEARCH_EXCLUDE, isPolicyFileName } from './model/policy-file-names';
export { ledgerForAnalysis } from './state/policy-ledger';
export { policySymbols, policyNameSites, nameSiteAt, type PolicySymbol, type NameSite } from './editor/navigation';
export { policyJsonSchemaText } from './model/json-schema';
