/**
 * Everything client and server say to each other, defined once. Methods are prefixed with the
 * extension id; each namespace says which way the message travels.
 */
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
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Diagnostic code families. Rule-specific codes are `secret/<rule>`; policy codes live in core/policy/codes.ts. */
export const CodePrefix = {
  secret: 'secret/',
  exposed: 'exposed/',
  stale: 'stale/',
  policy: 'policy/',
} as const;

/** `data` attached to every secret diagnostic; the quick fix reads only this, never the message. */
export interface SecretDiagnosticData {
  kind: 'secret';
  ruleId: string;
  fingerprint: string;
  preview: string;
  envVar: string;
  /** The text that replaces the value, in the reference syntax of this file's format. */
  replacement: string;
  /** Replacement range may be wider than the value (e.g. the surrounding quotes). */
  replaceStart: { line: number; character: number };
  replaceEnd: { line: number; character: number };
  secretId?: string;
}

/** Arguments of the `moveToStore` command that the quick fix runs before applying its edit. */
export interface MoveToStoreArgs {
  uri: string;
  /** Range of the value in the document at the version the diagnostic was computed for. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  version: number;
  data: SecretDiagnosticData;
}

/** client → server: scan every file in the workspace folders; replies with counts. */
export namespace ScanWorkspaceRequest {
  export const method = 'rotationGuard/scanWorkspace';
  export interface Params { folders?: string[] }
  export interface Result { filesScanned: number; findings: number; skipped: number }
}

/** server → client: the server's health for the status bar item. */
export namespace StatusNotification {
  export const method = 'rotationGuard/status';
  export interface Params { state: 'ok' | 'warn' | 'error'; message: string; findings: number }
}

/** client → server: the policy, ledger or stores changed (after a rotation); recompute everything. */
export namespace RefreshNotification {
  export const method = 'rotationGuard/refresh';
  export type Params = Record<string, never>;
}

/** client → server: fingerprints of current and retired values, so exact reuse is flagged anywhere. */
export namespace KnownSecretsNotification {
  export const method = 'rotationGuard/knownSecrets';
  export interface Params { current: Array<{ fingerprint: string; secretId: string }>; retired: Array<{ fingerprint: string; secretId: string }> }
}

/** client → server: the secrets of the policy with their state, for the Secrets view. */
export namespace SecretsStateRequest {
  export const method = 'rotationGuard/secretsState';
  export interface Params { policyUri?: string; now?: string }
  export interface SecretState { id: string; state: string; lastRotated: string | null; dueAt: string | null; maxAgeDays: number | null; policyUri: string; line: number }
  export interface Result { secrets: SecretState[] }
}
