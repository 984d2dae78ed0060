/** Public surface of the policy language for the language server and the CLI. */
export { analyzePolicy, type AnalyzeOptions, type AnalyzedSecret, type PolicyAnalysis } from './analyze';
export { PolicyCode, StaleCode, type PolicyCodeValue, type PolicyProblem, type Position, type Range, type Severity } from './codes';
export { policyCodeLenses, type PolicyCodeLens } from './code-lenses';
export { MS, formatDuration, parseDuration, tryParseDuration } from './duration';
export { policyCompletions, policyHover, type PolicyCompletion } from './editor-help';
export { EXPORT_PLATFORMS, ExportError, exportLimitViolations, exportRotation } from './export';
export { displayPath, findPolicyFile, findPolicyFilesIn, isPolicyFile, listFolder, loadPolicyFile, type LoadedPolicy } from './files';
export { effectiveInterval, threatModelBound } from './intervals';
export { defaultEnvVar, envVarsOf, findSecret, resolveProvider, resolveSecret, resolveStores, unknownStores, type NamedStore, type ResolvedSecret } from './resolve';
export type { ExportPlatform, Policy, PolicySecret, ProviderSpec, StoreRef, ThreatModel, Trigger, VerificationSpec } from './schema';
export { computeSecretState, computeSecretStates, type SecretState, type SecretStateName } from './state';
export { policyQuickFixes, type PolicyQuickFix, type PolicyTextEdit } from './quick-fixes';
export { gitIgnoredChecker } from './git-ignored';
export { POLICY_FILE_GLOB, POLICY_FILE_PREFERRED, POLICY_SEARCH_EXCLUDE, isPolicyFileName } from './policy-file-names';
export { ledgerForAnalysis } from './policy-ledger';
export { PolicySet, blockingProblems, loadPolicy, policyOrError, secretsOf, type LoadPolicyOptions, type PolicyLoadError, type PolicySetSnapshot, type PolicySetSource, type SetPolicy, type SetSecret } from './policy-set';
