/**
 * What the policy layer knows about a rotation provider, in one place per provider
 * (`<name>/definition.ts`): its schema, its traits, what it needs, its own valid and invalid samples.
 * Pure data and zod: the policy schema, `check`, the docs table and the editor's completion read
 * it without loading any driver (`pg`, `mysql2`, an SDK). The driver — create, apply, revoke,
 * the login check — is `<name>/provider.ts`, bound to the type in `registry.ts`.
 */
import type { z } from 'zod';

export type Strategy = 'single-user' | 'alternating-users';

/**
 * How many live credentials the issuer holds for one secret while it rotates:
 * - `single`: one value; the new one replaces it (in place at `apply`, or the old one revoked after promote);
 * - `dual`: two keys issued side by side (Azure Key1/Key2): apps move to the other key, then the
 *   one they left is regenerated, which kills its old value at once;
 * - `alternating`: two accounts take turns (alternating-users).
 */
export type CredentialShape = 'single' | 'dual' | 'alternating';

export interface ProviderTraits {
  shape(strategy: Strategy): CredentialShape;
  /**
   * The old value stays valid after `apply` (so a `gracePeriod` means something). A provider that
   * replaces the value in place returns false: the engine publishes right after `apply`.
   */
  keepsOldValueThroughGrace(strategy: Strategy): boolean;
  /** Runs commands, calls URLs or logs in somewhere the policy names: trusted workspaces only. */
  needsTrust: boolean;
  /** The field that names the second account, for the fix hint of a grace period it cannot honour. */
  alternateField?: string;
}

/** A problem a provider finds in its merged spec beyond its schema and required fields. */
export interface ProviderProblem {
  /** The parameter the problem is about, when there is one (its range is underlined). */
  param?: string;
  message: string;
}

export interface ProviderDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  schema: S;
  /** One line for the docs table and completion. */
  summary: string;
  traits: ProviderTraits;
  /** Fields needed once the shared provider and a secret's `rotation.params` are merged. */
  requiredParams(strategy: Strategy): string[];
  /**
   * Fields whose value is the id of another secret holding an admin credential: `check` looks the
   * id up, and `run` never hands that secret to an app unless `--only` names it.
   */
  adminSecretFields: readonly string[];
  /** Further checks on the merged spec (`check` reports them as `policy/provider-param-missing`). */
  check?(merged: Record<string, unknown>, strategy: Strategy): ProviderProblem[];
  /** A verification type of the same name that logs in with the credential (postgres, redis…). */
  verification?: z.ZodType;
  /**
   * The verification a secret of this provider gets when the policy names none (a preset of
   * core/verify-live that calls the issuer's own read-only endpoint).
   */
  defaultVerification?: { type: string; [k: string]: unknown };
  /** The provider's documentation, cited in the docs table. */
  docs?: string;
  /** Specs the schema must accept and reject: a unit test keeps them honest, like a detector's samples. */
  samples: { valid: Array<Record<string, unknown>>; invalid: Array<Record<string, unknown>> };
}

export const defineProvider = <T extends string, S extends z.ZodType>(d: ProviderDefinition<T, S>): ProviderDefinition<T, S> => d;

/** Most providers: one value, the old one valid until revoked after promotion. */
export const SINGLE_KEEPS_OLD: Pick<ProviderTraits, 'shape' | 'keepsOldValueThroughGrace'> = {
  shape: () => 'single',
  keepsOldValueThroughGrace: () => true,
};
