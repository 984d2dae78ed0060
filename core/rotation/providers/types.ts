/**
 * A rotation provider does AWS Secrets Manager's createSecret and setSecret steps for one kind of
 * credential, and revokes the old value when the kind allows it. Providers never log or throw
 * values; the engine scrubs anything they report before it reaches the ledger or a log.
 */
export interface ProviderContext {
  secretId: string;
  /** The value in use now (null on a first rotation). Handed to user endpoints only by template. */
  currentValue: string | null;
  /** The account that holds the current value (alternating-users), if known. */
  currentUser?: string;
  strategy: 'single-user' | 'alternating-users';
  /** The current value of another secret of the policy (`{{secret:ID}}`, `adminConnection`). */
  secretValue(id: string): Promise<string | null>;
  /** Asks a person for the new value (manual provider). */
  prompt?: (request: PromptRequest) => Promise<string>;
  /** Folder that relative commands run in (the policy's folder). */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface PromptRequest {
  secretId: string;
  url?: string;
  instructions?: string;
}

export interface CreatedValue {
  value: string;
  /** The provider's id for this version (an API key id, a role name), when it has one. */
  versionId?: string;
  /** The account that holds this value (alternating-users: the role switched to). */
  user?: string;
}

export type RevokeOutcome = { outcome: 'ok' | 'skipped'; detail: string };

export interface RotationProvider {
  readonly type: string;
  /** Runs commands, calls URLs or logs in somewhere named by the policy: trusted workspaces only. */
  readonly needsTrust: boolean;
  create(ctx: ProviderContext): Promise<CreatedValue>;
  /** setSecret: make the new value valid where it is used (idempotent: resume may repeat it). */
  apply?(ctx: ProviderContext, created: CreatedValue): Promise<void>;
  /** Roll back an apply: make `value` (the old one) valid again. */
  restore?(ctx: ProviderContext, value: string, user?: string): Promise<void>;
  /** Rollback: delete at the issuer what `create` issued and no store will hold (a key that would stay valid). */
  discard?(ctx: ProviderContext): Promise<void>;
  revoke?(ctx: ProviderContext, oldValue: string, oldUser?: string): Promise<RevokeOutcome>;
}

export class ProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/**
 * `works` and `refused` are conclusive; `error` (network down, timeout, unexpected status) is not,
 * so "the old value fails" is only ever recorded on a real refusal (401/403, 28P01, non-zero exit).
 */
export type CheckStatus = 'works' | 'refused' | 'error';
export interface CheckResult {
  status: CheckStatus;
  detail: string;
}

export interface CheckContext {
  /** The provider spec, for defaults (postgres host/port/database/role). */
  provider?: { type: string; [k: string]: unknown };
  /** The account that holds this value (alternating-users), overriding the spec's user. */
  user?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}
