/**
 * Everything client and server say to each other, defined once. Methods are prefixed with the
 * extension id; each namespace says which way the message travels and carries a typed `type`
 * (vscode-jsonrpc's RequestType/NotificationType) that both sides pass to sendRequest/onRequest,
 * so neither side writes the parameter or result generics by hand.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
export const EXTENSION_ID = 'rotation-guard.rotation-guard';
export const DIAGNOSTIC_SOURCE = 'rotation-guard';
export const OUTPUT_CHANNEL_NAME = 'Rotation Guard';
export const CONFIG_SECTION = 'rotationGuard';

/** Command ids contributed in package.json (a unit test checks the two agree). */
export const Commands = {
  scanWorkspace: 'rotationGuard.scanWorkspace',
  rotateNow: 'rotationGuard.rotateNow',
  resumeRotation: 'rotationGuard.resumeRotation',
  storeSecret: 'rotationGuard.storeSecret',
  markCompromised: 'rotationGuard.markCompromised',
  verifyLedger: 'rotationGuard.verifyLedger',
  moveToStore: 'rotationGuard.moveToStore',
  showOutput: 'rotationGuard.showOutput',
  restartServer: 'rotationGuard.restartServer',
  refreshSecrets: 'rotationGuard.refreshSecrets',
  openPolicy: 'rotationGuard.openPolicy',
  revealInPolicy: 'rotationGuard.revealInPolicy',
  showStatus: 'rotationGuard.showStatus',
  scanGitHistory: 'rotationGuard.scanGitHistory',
  enforceNow: 'rotationGuard.enforceNow',
  createPolicy: 'rotationGuard.createPolicy',
  installAssistantHooks: 'rotationGuard.installAssistantHooks',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Diagnostic code families. Rule-specific codes are `secret/<rule>`; policy codes live in core/policy/check/codes.ts. */
export const CodePrefix = {
  secret: 'secret/',
  exposed: 'exposed/',
  stale: 'stale/',
  policy: 'policy/',
  file: 'file/',
} as const;

/** Information diagnostics for a document the server did not scan (one each, at the top of the file). */
export const FileCodes = {
  tooLarge: 'file/too-large',
  binary: 'file/binary',
} as const;

/** `data` attached to every secret diagnostic; the quick fix reads only this, never the message. */
export interface SecretDiagnosticData {
  kind: 'secret';
  ruleId: string;
  fingerprint: string;
  /** The fingerprint of the value alone (core Finding.incidentKey): every location of one value is one incident. */
  incident?: string;
  preview: string;
  envVar: string;
  /** The text that replaces the value, in the reference syntax of this file's format. */
  replacement: string;
  /** Replacement range may be wider than the value (e.g. the surrounding quotes). */
  replaceStart: { line: number; character: number };
  replaceEnd: { line: number; character: number };
  secretId?: string;
  /** With `secretId`: the keyed fingerprint (HMAC with the user's key) of the value, never the value. */
  valueFingerprint?: string;
  /**
   * Set for a finding in a binary container (pickle, SQLite…) found by the workspace scan: where
   * the value starts, in bytes. The diagnostic then sits at 0:0 and there is nothing to replace.
   */
  byteOffset?: number;
  /** With `byteOffset`: the value's length in bytes (its text runs are ASCII, a byte a character). */
  byteLength?: number;
}

/** `data` of a `stale/*` diagnostic at a place that uses a policy secret (by its env var name). */
export interface StaleReferenceData {
  kind: 'stale-reference';
  secretId: string;
  policyUri: string;
  envVar: string;
}

/** A policy secret, as every command that acts on one receives it (code lens, code action, Secrets view). */
export interface SecretRef {
  id: string;
  /** The policy file that declares the secret. */
  policyUri: string;
}

/** Where the move-to-store action may put a value; `secretStorage` only inside VS Code. */
export type StoreChoice = 'envFile' | 'keychain' | 'pass' | 'secretStorage';

/**
 * The stores the server itself can move a value to, in the order the store question lists them.
 * The server asks with `window/showMessageRequest` (buttons: `title`); the VS Code client asks
 * with a Quick Pick (`title` and `detail`) before it sends the command, and passes `store`.
 */
export const SERVER_STORE_CHOICES: ReadonlyArray<{ id: Exclude<StoreChoice, 'secretStorage'>; title: (envFilePath: string) => string; detail: string }> = [
  { id: 'envFile', title: (envFilePath) => `env file (${envFilePath})`, detail: 'a git-ignored file your app reads its environment from' },
  { id: 'keychain', title: () => 'OS keychain', detail: 'this machine\'s keychain (the Secret Service on Linux, Keychain on macOS)' },
  { id: 'pass', title: () => 'pass', detail: 'the standard Unix password store, encrypted with your GPG key' },
];

/** Arguments of the move-to-store command that the quick fix runs; the value itself never travels. */
export interface MoveToStoreArgs {
  uri: string;
  /** Range of the value in the document at the version the diagnostic was computed for. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  version: number;
  data: SecretDiagnosticData;
  /** Skip the question: put the value in this store (else the `quickFix.store` setting, else ask). */
  store?: StoreChoice;
  /**
   * Whether the server shows the outcome in a message (default true). A client that shows its own
   * (VS Code, with its "Rotate now" button) sets false, so the user sees one notification.
   */
  announce?: boolean;
}

/** What the move-to-store command returns; `message` is what the server would announce (never a value). */
export interface MoveToStoreResult {
  moved: boolean;
  edited?: boolean;
  secretId?: string;
  policyUri?: string;
  message?: string;
  /** Why nothing was moved (moved: false). */
  reason?: string;
}

/**
 * Rotate now. A secret rotated by hand (a `manual` provider) needs the new value: the first call
 * without `newValue` changes nothing and answers `needs-value` with the key page, and the editor
 * asks the person (hidden input) and calls again with it. LSP has no input request, so this
 * two-step exchange is how any client can do it; the value goes only over the LSP pipe, never
 * into argv, a log or the ledger.
 */
export interface RotateNowArgs extends SecretRef {
  newValue?: string;
  /** false: the client shows its own messages (as for MoveToStoreArgs); default true. */
  announce?: boolean;
}

export interface RotateNowResult {
  /** The engine's result status, or `needs-value` (nothing was started). */
  status: string;
  message: string;
  /** needs-value: where the new key is made, and what to do there. */
  url?: string;
  instructions?: string;
}

/** Arguments of the add-to-baseline command: accept this finding in `.rotation-guard-baseline.json`. */
export interface AddToBaselineArgs {
  uri: string;
  data: SecretDiagnosticData;
  line: number;
}

/**
 * Commands the language server itself carries out over `workspace/executeCommand`, in any editor.
 * Their ids differ from the VS Code client's palette commands (`Commands`), so the client's
 * LanguageClient can register them as proxies without a clash; it may intercept one (middleware)
 * to add what only it has (SecretStorage, progress UI), but nothing depends on that.
 */
export const ServerCommands = {
  moveToStore: 'rotationGuard.server.moveToStore',
  rotateNow: 'rotationGuard.server.rotateNow',
  markCompromised: 'rotationGuard.server.markCompromised',
  addToBaseline: 'rotationGuard.server.addToBaseline',
  openPolicy: 'rotationGuard.server.openPolicy',
  scanWorkspace: 'rotationGuard.server.scanWorkspace',
  checkKeyLive: 'rotationGuard.server.checkKeyLive',
  enforce: 'rotationGuard.server.enforce',
  scanGitHistory: 'rotationGuard.server.scanGitHistory',
  createPolicy: 'rotationGuard.server.createPolicy',
  verifyLedger: 'rotationGuard.server.verifyLedger',
  installAssistantHooks: 'rotationGuard.server.installAssistantHooks',
} as const;
export type ServerCommandId = (typeof ServerCommands)[keyof typeof ServerCommands];

/** The one argument each server command takes: code lenses, code actions and the Secrets view all pass this. */
export interface ServerCommandArgs {
  [ServerCommands.moveToStore]: MoveToStoreArgs;
  [ServerCommands.rotateNow]: RotateNowArgs;
  [ServerCommands.markCompromised]: SecretRef & { reason?: string };
  [ServerCommands.addToBaseline]: AddToBaselineArgs;
  [ServerCommands.openPolicy]: SecretRef;
  [ServerCommands.scanWorkspace]: ScanWorkspaceRequest.Params;
  [ServerCommands.checkKeyLive]: CheckKeyLiveArgs;
  [ServerCommands.enforce]: EnforceArgs;
  [ServerCommands.scanGitHistory]: ScanGitHistoryArgs;
  [ServerCommands.createPolicy]: CreatePolicyArgs;
  [ServerCommands.verifyLedger]: VerifyLedgerArgs;
  [ServerCommands.installAssistantHooks]: InstallAssistantHooksArgs;
}

/** Enforce the policy now, as `rotation-guard enforce` does, reporting `$/progress`. */
export interface EnforceArgs {
  policyUri: string;
  dryRun?: boolean;
  only?: string[];
}
export interface EnforceResult {
  /** `rotation-guard enforce`'s exit code: 0 compliant, 1 something needs a person or failed, 2 the policy has errors (nothing done). */
  exitCode: 0 | 1 | 2;
  compliant: boolean;
  /** Why enforce acted on nothing (a policy with errors, a broken ledger). */
  refused?: string;
  outcomes: Array<{ secretId: string; action: string; status: string; reason: string; message?: string }>;
  notes: string[];
  /** One line per secret and a last line saying what is left (never a value). */
  lines: string[];
}

/** Scan the git history of a folder (default: the first workspace folder), as `scan --git-history`, reporting `$/progress`. */
export interface ScanGitHistoryArgs {
  folderUri?: string;
  since?: string;
}
export interface ScanGitHistoryResult {
  /** `file`: inside the repository, `/`-separated; `preview` masked. */
  findings: Array<{ file: string; line: number; column: number; ruleId: string; severity: string; preview: string; fingerprint: string; commit: string; authorDate: string; secretId?: string }>;
  commitsScanned: number;
  shallow: boolean;
  /** Why nothing was scanned (not a repository, an unknown `since`). */
  error?: string;
}

/**
 * Create Policy from Findings: the server scans a folder (default: the first workspace folder)
 * with the editor's diagnosis, reporting `$/progress`, and writes `rotation-policy.yaml` at its
 * root with one secret per credential found. An existing policy is never overwritten.
 */
export interface CreatePolicyArgs {
  folderUri?: string;
  /** false: the client shows its own message and opens the file (as for MoveToStoreArgs); default true. */
  announce?: boolean;
}
export interface CreatePolicyResult {
  created: boolean;
  /** The policy written, or (reason `exists`) the one the folder already has. */
  policyUri?: string;
  /** Secrets in the written policy, and the findings they came from. */
  secrets: number;
  findings: number;
  /** Why nothing was written. */
  reason?: 'exists' | 'no-folder' | 'cancelled';
  /** What happened, in words any client can show (never a value). */
  message: string;
  /** Errors the written policy has (core's tests hold it to none; shown rather than hidden). */
  problems?: string[];
}

/** Check a policy's ledger, as `rotation-guard ledger verify` does: the hash chain, and signatures by the policy's `ledger.writers`. */
export interface VerifyLedgerArgs {
  policyUri: string;
}
export interface VerifyLedgerResult {
  /** The chain is intact and every entry's signature is trusted. */
  ok: boolean;
  entries: number;
  /** 1-based line of the first line that breaks the chain (or carries an untrusted signature). */
  firstBadLine?: number;
  reason?: string;
}

/**
 * Install the AI-assistant hooks for `assistants` (the server runs its own CLI bundle's `hooks install`
 * with the `node` on PATH); without them, only which assistants are found in `folderUri` or the
 * home folder. `scope` defaults to `project` with a folder, else `global`.
 */
export interface InstallAssistantHooksArgs { folderUri?: string; assistants?: string[]; scope?: 'project' | 'global' }
/** Every assistant there are hooks for, found here or not; per one asked for, where it went or why not. */
export interface InstallAssistantHooksResult { assistants: Array<{ name: string; found: boolean }>; installed: Array<{ assistant: string; ok: boolean; summary: string }> }

/**
 * "Is this key live?" on a found key (opt-in, one click): the server reads the value at `range`
 * and asks only that kind of key's own service (core/verify-live), never a host the file names.
 */
export interface CheckKeyLiveArgs {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  data: SecretDiagnosticData;
}
export interface CheckKeyLiveResult {
  status: 'live' | 'refused' | 'unknown';
  detail: string;
  host?: string;
}

/** A typed LSP `Command` for a server command (title, id, and its one argument). */
export function serverCommand<K extends ServerCommandId>(title: string, command: K, args: ServerCommandArgs[K]): { title: string; command: K; arguments: [ServerCommandArgs[K]] } {
  return { title, command, arguments: [args] };
}

/** client → server: scan every file in the workspace folders; replies with counts. */
export namespace ScanWorkspaceRequest {
  export const method = 'rotationGuard/scanWorkspace';
  export interface Params { folders?: string[] }
  /**
   * `findings`: diagnostics; `incidents`: distinct problems (one value in many files counts once).
   * `truncated`: the workspace walk hit its file or time budget (core/files/walk.ts); the rest was not scanned.
   */
  export interface Result { filesScanned: number; findings: number; incidents: number; skipped: number; cancelled?: boolean; truncated?: { reason: 'file-limit' | 'time-limit'; limit: number } }
  export const type = new RequestType<Params, Result, void>(method);
}

/** server → client: the server's health for the status bar item. */
export namespace StatusNotification {
  export const method = 'rotationGuard/status';
  export interface Params { state: 'ok' | 'warn' | 'error'; message: string; findings: number }
  export const type = new NotificationType<Params>(method);
}

/** client → server: the policy, ledger or stores changed (after a rotation); recompute everything. */
export namespace RefreshNotification {
  export const method = 'rotationGuard/refresh';
  export type Params = Record<string, never>;
  export const type = new NotificationType<Params>(method);
}

/** client → server: every policy's secrets with their state (or one policy's), for the Secrets view, the status bar and the dashboard. */
export namespace SecretsStateRequest {
  export const method = 'rotationGuard/secretsState';
  export interface Params { policyUri?: string; now?: string }
  export interface SecretState extends SecretRef {
    state: 'ok' | 'due-soon' | 'overdue' | 'compromised' | 'never-rotated';
    lastRotated: string | null;
    dueAt: string | null;
    ageDays: number | null;
    maxAgeDays: number | null;
    compromisedAt: string | null;
    /** 0-based line of the secret's `id:` in the policy. */
    line: number;
    kind: string;
    provider?: string;
    /** Store names, as the policy lists them. */
    stores: string[];
    lastEvent?: { at: string; step: string; outcome: string };
    /** Finished rotations, oldest first. */
    rotations: string[];
    /** Compromise reports and recorded exposures, oldest first. */
    exposures: Array<{ at: string; detail: string; event?: string }>;
    /** Where its current value was seen in a file this session (ExposureNotification), until it is rotated. */
    exposedIn?: string;
  }
  /** A policy that does not load: its first error. */
  export interface BrokenPolicy { policyUri: string; message: string; line: number }
  export interface Result { secrets: SecretState[]; broken: BrokenPolicy[]; policies: number }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * server → client: a policy secret's current value was seen in a file (the policy's
 * `exposed-in-file` trigger, judged by the server through the trigger engine and recorded in the
 * ledger). The client shows it and offers (or, for `rotate-now` not `held`, runs) the rotation.
 * Sent once per secret, value and file in a session.
 */
export namespace ExposureNotification {
  export const method = 'rotationGuard/exposure';
  export interface Params {
    secret: SecretRef;
    uri: string;
    /** The file relative to its workspace folder, with `:line` (or ` (binary) at byte N`). */
    where: string;
    /** What the policy's trigger says. */
    action: 'notify' | 'rotate-now';
    /** Why (recorded in the ledger; the rotation records it too). */
    reason: string;
    /** The policy can rotate it (a provider, possibly one that asks a person for the value). */
    canRotate: boolean;
    /** `rotate-now` that must not run unattended: why (an untrusted workspace, a policy not confirmed as it is now). */
    held?: string;
    /** With `held`: the rotation runs something, so it needs a trusted workspace. */
    needsTrust?: boolean;
    /** Without a rotation: what a person does. */
    instructions?: string;
  }
  export const type = new NotificationType<Params>(method);
}
