/** Assistant hooks: one decision core, one adapter per assistant, and the config installer. */
export { ASSISTANTS, ADAPTERS, failClosed, isAssistant, type AssistantName, type HookAnswer, type Verdict } from './assistants';
export { decideHook, redactDeep, MAX_PAYLOAD, type HookContext, type HookDecision, type Exposure } from './decide';
export { recordExposures } from './exposure';
export { installHooks, uninstallHooks, detectAssistants, PRESENCE, MARK, type Scope, type InstallResult } from './install';
