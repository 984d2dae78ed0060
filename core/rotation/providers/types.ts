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

/**
 * A credential `create` made at the issuer that no store holds: the run was killed, or a store
 * refused the value, before it reached PENDING. The ledger keeps its id, never its value.
 */
export interface OrphanRef {
  /** The issuer's id for it (CreatedValue.versionId), when `create` returned before the kill. */
  versionId?: string;
  user?: string;
  /** When `create` started (ISO-8601): for providers that find the credential by creation time. */
  createdAt: string;
  /** Only when the same run still holds it (a store refused it); never after a restart. */
  value?: string;
}

export interface RotationProvider {
  readonly type: string;
  /** Runs commands, calls URLs or logs in somewhere named by the policy: trusted workspaces only. */
  readonly needsTrust: boolean;
  create(ctx: ProviderContext): Promise<CreatedValue>;
  /** setSecret: make the new value valid where it is used (idempotent: resume may repeat it). */
  apply?(ctx: ProviderContext, created: CreatedValue): Promise<void>;
  /** Roll back an apply: make `value` (the old one) valid again. */
  restore?(ctx: ProviderContext, value: string, user?: string): Promise<void>;
  /**
   * Rollback: delete at the issuer what this provider's own journal says `create` issued and no
   * store will hold (a key that would stay valid). Unlike `discard`, it needs no id from the engine.
   */
  discardIssued?(ctx: ProviderContext): Promise<void>;
  revoke?(ctx: ProviderContext, oldValue: string, oldUser?: string): Promise<RevokeOutcome>;
  /**
   * True when `create` itself makes a credential at the issuer (an API key, a token): if it never
   * reaches a store it must be revoked. False or absent when create only draws a value and the
   * issuer changes at `apply` (databases), or when there is no issuer (generate).
   */
  readonly issuesAtCreate?: boolean;
  /**
   * Revokes an orphan (see OrphanRef) by its id. `skipped` with a detail naming exactly what to
   * revoke when it cannot (no id, or the issuer offers no revocation by id). Without this method
   * the engine revokes an orphan it still holds with `revoke(ctx, value)`, and otherwise names it
   * in its output.
   */
  discard?(ctx: ProviderContext, orphan: OrphanRef): Promise<RevokeOutcome>;
  /** Where a credential of this provider is revoked by hand (a console URL, a host), for messages. */
  issuer?(): string;
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
