/**
 * Editor-independent actions on a secret found in a file: the language server runs them for any
 * LSP client, the VS Code client may run them with what only it has (SecretStorage).
 */
export { moveToStore, storeRefFor, MoveError, DESTINATION_TITLES, type MoveDestination, type MoveToStoreInput, type MoveToStoreResult } from './move-to-store';
export { addSecretToPolicy, kindForRule, manualProviderFor, newPolicyText, secretIdFor, type PolicyChange, type SecretAddition } from './policy-edit';
export { draftsFrom, literalGlob, policyFromFindings, type FoundCredential, type PolicyFromFindingsOptions, type SecretDraft } from './policy-from-findings';
export { addToBaseline, baselinePathFor, readBaseline } from './baseline';
