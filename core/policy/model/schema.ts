/**
 * The rotation-policy model: the single source of truth for parsing, the generated JSON Schema
 * (`schemas/rotation-policy.schema.json`), hovers and completion. Field names borrow from the
 * anchors where they fit: `maxAge` ≈ AWS `AutomaticallyAfterDays` / GCP `rotation_period` /
 * Vault `rotation_period`; `schedule` ≈ AWS `ScheduleExpression` / Vault `rotation_schedule`;
 * `rotationWindow` ≈ AWS `Duration` / Vault `rotation_window`; `expiresAfter` and `notifyBefore`
 * ≈ Azure `expiryTime` and a `Notify` lifetime action with `timeBeforeExpiry`.
 */
import { z } from 'zod';
import { parseCronFields } from '../state/cron';
import { duration, identifier, providerSpec, storeRef, trigger, verificationSpec } from './schema-parts';

export { COMPROMISE_EVENTS, TRIGGER_EVENTS } from './schema-parts';

const timestamp = (description: string, examples: string[]) =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()]).describe(description).meta({ examples });

export const cronSchedule = z
  .string()
  .refine(
    (s) => {
      if (s.trim().split(/\s+/).length !== 5) return false;
      return parseCronFields(s) !== undefined;
    },
    { message: 'Not a 5-field cron expression (minute hour day-of-month month day-of-week; no L, W or #), e.g. "0 3 * * 1"' },
  )
  .describe('Cron expression (5 fields, UTC) for rotation at fixed times instead of a maximum age. Use `rotationWindow` to say how long a rotation may take after each start.')
  .meta({ examples: ['0 3 * * 1', '0 4 1 * *'] });

export const threatModelSchema = z
  .object({
    description: z.string().describe('What this threat model stands for.').meta({ examples: ['Keys reachable from the public internet and pasted near model prompts'] }).optional(),
    exposure: z
      .enum(['internet', 'partner', 'internal', 'local'])
      .describe('Who can reach what the secret protects: `internet` (public), `partner` (third parties), `internal` (company network), `local` (one machine). Sets the base bound: 90d / 180d / 365d / 730d.')
      .meta({ examples: ['internet'] }),
    privilege: z
      .enum(['low', 'medium', 'high', 'admin'])
      .describe('What the secret allows. `high` halves the bound, `admin` divides it by three.')
      .meta({ examples: ['high'] }),
    modelInLoop: z
      .boolean()
      .describe('A language model sees prompts, tools or traces near this secret (it can leak into logs, traces or training data). Halves the bound.')
      .meta({ examples: [true] }),
    dataSensitivity: z
      .enum(['public', 'internal', 'confidential', 'restricted'])
      .describe('Sensitivity of the data behind the secret. `confidential` ×0.75, `restricted` halves the bound.')
      .meta({ examples: ['confidential'] }),
    maxInterval: duration('Explicit bound on the rotation interval of secrets under this threat model; replaces the derived bound.', ['30d', 'P14D']).optional(),
  })
  .strict()
  .describe('A threat model bounds how long a secret may live: every secret that names it must rotate at least that often.');

export const rotationSchema = z
  .object({
    provider: identifier('Name of an entry under the top-level `providers`.', ['openai-console', 'pg']),
    strategy: z
      .enum(['single-user', 'alternating-users'])
      .describe('`single-user`: change the credential in place (brief outage possible). `alternating-users`: two users take turns, so the old one keeps working through the grace period (AWS alternating-users).')
      .meta({ examples: ['single-user'] })
      .optional(),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
      .describe("Per-secret values merged over the provider's fields (e.g. `role` for a shared `postgres` provider).")
      .meta({ examples: [{ role: 'app_user' }] })
      .optional(),
  })
  .strict()
  .describe('How this secret is rotated.');

export const referencesSchema = z
  .object({
    files: z
      .array(z.string().min(1))
      .describe('Globs (relative to the policy file) of files that use this secret by reference. A glob that matches nothing is reported.')
      .meta({ examples: [['prompts/**/*.prompt', 'litellm/config.yaml']] })
      .optional(),
    env: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'Not an environment variable name' }))
      .describe('Environment variables that carry this secret (used by `rotation-guard run` and env-file stores).')
      .meta({ examples: [['OPENAI_API_KEY']] })
      .optional(),
    userEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'Not an environment variable name' })
      .describe('alternating-users: the environment variable that carries the active user (role) next to the password. Env-file stores write both lines in one atomic write; `rotation-guard run` exports both.')
      .meta({ examples: ['DATABASE_USER'] })
      .optional(),
  })
  .strict()
  .describe('Where the secret is used.');

export const secretSchema = z
  .object({
    id: identifier('Stable id of the secret; the ledger, stores and commands refer to it.', ['openai-prod', 'pg-app']),
    description: z.string().describe('What the secret is for.').meta({ examples: ['OpenAI key used by the support bot'] }).optional(),
    kind: z
      .enum(['api-key', 'password', 'token', 'private-key', 'connection-string'])
      .describe('What sort of credential it is. Sets the NIST SP 800-57 cryptoperiod ceiling: 2 years for symmetric/authentication secrets, 3 years for private keys.')
      .meta({ examples: ['api-key'] }),
    owner: z
      .enum(['machine', 'human'])
      .describe('`machine`: used by software; must rotate on an interval. `human`: memorized by a person; per NIST SP 800-63B changed on compromise, not on a calendar.')
      .meta({ examples: ['machine'] }),
    threatModel: identifier('Name of an entry under the top-level `threatModels`; bounds `maxAge`.', ['internet-llm']).optional(),
    maxAge: duration('Rotate when the current value is this old (AWS AutomaticallyAfterDays, GCP rotation_period, Vault rotation_period).', ['30d', 'P90D', '12h']).optional(),
    schedule: cronSchedule.optional(),
    rotationWindow: duration('How long a rotation may run after it becomes due (AWS rotation Duration, Vault rotation_window).', ['2h', '1d']).optional(),
    gracePeriod: duration('How long the previous value stays valid after promotion before it is revoked (AWSPREVIOUS). Must be shorter than the interval.', ['1h', '24h']).optional(),
    notifyBefore: duration('Report the secret as due soon this long before it is due (Azure Notify timeBeforeExpiry). Defaults to 7d or a quarter of the interval, whichever is shorter.', ['7d', '3d']).optional(),
    expiresAfter: duration('Hard expiry of each value at the provider, if it has one (Azure expiryTime). Must be longer than the interval.', ['45d']).optional(),
    createdAt: timestamp('When the current value was created; its age starts here until the first recorded rotation.', ['2026-01-15', '2026-01-15T09:00:00Z']).optional(),
    lastRotated: timestamp('When the current value was last rotated outside Rotation Guard; the ledger wins when it has a later rotation.', ['2026-03-01']).optional(),
    stores: z.array(identifier('Name of an entry under the top-level `stores`.', ['keychain'])).min(1).describe('Stores that hold the value (names from the top-level `stores`); the first is the primary.').meta({ examples: [['keychain', 'dotenv']] }),
    rotation: rotationSchema.optional(),
    verification: verificationSpec.optional(),
    triggers: z.array(trigger).describe('Events that start a rotation or a notification. PCI DSS 4.0 8.6.3 requires rotation on suspicion of compromise.').meta({ examples: [[{ on: 'exposed-in-file', action: 'rotate-now' }]] }).optional(),
    references: referencesSchema.optional(),
    exportTo: z
      .array(z.enum(['aws', 'azure', 'vault', 'gcp']))
      .describe('Platforms whose rotation rules this secret is exported to (`rotation-guard policy export`); their limits are checked while you edit.')
      .meta({ examples: [['aws']] })
      .optional(),
  })
  .strict()
  .describe('A secret under rotation.');

export const ledgerWriterSchema = z
  .object({
    name: z.string().min(1).max(200).describe('Who holds the key (shown by `ledger verify` beside the entries they signed).').meta({ examples: ['alice', 'ci-runner'] }),
    publicKey: z
      .string()
      .regex(/^ed25519:[A-Za-z0-9_-]{43}$/, { message: 'An Ed25519 public key as `rotation-guard ledger whoami` prints it: ed25519: followed by 43 base64url characters' })
      .describe('Their Ed25519 public key, as `rotation-guard ledger whoami` prints it. The private key stays in their config folder.')
      .meta({ examples: ['ed25519:3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'] }),
  })
  .strict()
  .describe('A person (or machine) allowed to write the ledger.');

export const ledgerSchema = z
  .object({
    writers: z
      .array(ledgerWriterSchema)
      .describe('Public keys whose signatures `ledger verify`, `check` and `enforce` accept on ledger entries; an entry signed by any other key, or unsigned after signing began, is reported and ignored. Add yours with `rotation-guard ledger trust-writer`.')
      .optional(),
  })
  .strict()
  .describe('Who may write the rotation ledger (.rotation/ledger.jsonl beside this policy).');

export const policySchema = z
  .object({
    $schema: z.string().describe('JSON Schema of this file (for editors other than VS Code).').optional(),
    version: z.literal(1).describe('Format version of this policy file.').meta({ examples: [1] }),
    threatModels: z.record(z.string(), threatModelSchema).describe('Named threat models that bound rotation intervals.').optional(),
    stores: z.record(z.string(), storeRef).describe('Named places where secret values are kept.'),
    providers: z.record(z.string(), providerSpec).describe('Named ways to create new values.').optional(),
    secrets: z.array(secretSchema).describe('The secrets under rotation.'),
    ledger: ledgerSchema.optional(),
  })
  .strict()
  .describe('Rotation Guard policy: which secrets exist, where they are kept, how and how often they rotate, and what happens when one leaks.');

export type Policy = z.infer<typeof policySchema>;
export type PolicySecret = z.infer<typeof secretSchema>;
export type ThreatModel = z.infer<typeof threatModelSchema>;
export type StoreRef = z.infer<typeof storeRef>;
export type ProviderSpec = z.infer<typeof providerSpec>;
export type VerificationSpec = z.infer<typeof verificationSpec>;
export type Trigger = PolicySecret extends { triggers?: Array<infer T> } ? T : never;
export type ExportPlatform = NonNullable<PolicySecret['exportTo']>[number];
export type SecretKind = PolicySecret['kind'];
export { providerSpec, storeRef, verificationSpec };
