/**
 * Building blocks of the policy model: durations, stores, rotation providers, verification and
 * triggers. `schema.ts` assembles them; every field carries a description and examples because
 * they become editor hovers, completion docs and the generated JSON Schema.
 */
import { z } from 'zod';
import { providerSchemas, providerVerificationSchemas } from '../../rotation/providers/definitions';
import { LIVE_PRESET_IDS } from '../../verify-live/presets';
import { duration, identifier, nonEmpty, port, stepTimeout } from './schema-fields';

export { duration, identifier };

// ---------------------------------------------------------------- stores
export const keychainStore = z
  .object({
    type: z.literal('keychain').describe('The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service / gnome-keyring).'),
    service: nonEmpty('Keychain service name the entry is filed under.', ['rotation-guard']),
    account: nonEmpty('Keychain account name. `{id}` is replaced by the secret id; defaults to the secret id.', ['{id}', 'openai-prod']).optional(),
  })
  .strict()
  .describe('Keeps the current value in the OS keychain (keytar-compatible service/account).');

export const secretStorageStore = z
  .object({
    type: z.literal('secret-storage').describe("VS Code's SecretStorage (encrypted by the editor, per user and machine)."),
    key: nonEmpty('SecretStorage key. `{id}` is replaced by the secret id and `/<stage>` (current, pending, previous) appended; defaults to `rotationGuard/{id}`.', ['rotationGuard/{id}']).optional(),
  })
  .strict()
  .describe("Keeps the current value in VS Code's SecretStorage.");

export const envFileStore = z
  .object({
    type: z.literal('env-file').describe('A dotenv file that must be git-ignored.'),
    path: nonEmpty('Path of the env file, relative to the policy file.', ['.env', '.env.local']),
    var: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'Not an environment variable name' })
      .describe("Variable to write. Defaults to the secret's first `references.env` name.")
      .meta({ examples: ['OPENAI_API_KEY'] })
      .optional(),
  })
  .strict()
  .describe('Writes the current value into a git-ignored dotenv file.');

export const passStore = z
  .object({
    type: z.literal('pass').describe('The standard unix password manager (`pass`, GnuPG-encrypted).'),
    path: nonEmpty('Entry path inside the password store. `{id}` is replaced by the secret id.', ['rotation-guard/{id}', 'work/openai']),
  })
  .strict()
  .describe('Keeps the current value in `pass`.');

export const passTeamStore = z
  .object({
    type: z.literal('pass-team').describe('A `pass` store a team shares: encrypted to every GPG id in `.gpg-id`, synced with git (pull before, push after).'),
    path: nonEmpty('Entry path inside the password store. `{id}` is replaced by the secret id.', ['rotation-guard/{id}']).optional(),
    dir: nonEmpty('The shared store (a git clone) inside the policy\'s folder, relative to the policy file; a store elsewhere is named by PASSWORD_STORE_DIR, the default.', ['team-pass']).optional(),
    remote: nonEmpty('git remote to pull from and push to.', ['origin']).optional(),
  })
  .strict()
  .describe('Keeps the value in a git-synced `pass` store encrypted to every member; a push conflict is an error that loses nothing.');

export const awsSecretsManagerStore = z
  .object({
    type: z.literal('aws-secrets-manager').describe('AWS Secrets Manager; the stages are its staging labels AWSCURRENT, AWSPENDING and AWSPREVIOUS.'),
    name: nonEmpty('Secret name. `{id}` is replaced by the secret id; defaults to `rotation-guard/{id}`.', ['rotation-guard/{id}', 'prod/openai']).optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'Not an AWS region, e.g. us-east-1' }).describe('AWS region of the secret. Credentials come from the usual AWS chain (environment, profile, instance role).').meta({ examples: ['us-east-1'] }).optional(),
  })
  .strict()
  .describe('Keeps the value in AWS Secrets Manager, where services on many machines read AWSCURRENT.');

export const storeRef = z
  .discriminatedUnion('type', [keychainStore, secretStorageStore, envFileStore, passStore, passTeamStore, awsSecretsManagerStore])
  .describe('Where a secret value is kept. The first store a secret lists is the primary one.');

// ---------------------------------------------------------------- rotation providers
// Each provider's schema lives in its folder (core/rotation/providers/<name>/definition.ts).
export const providerSpec = z
  .discriminatedUnion('type', providerSchemas)
  .describe('How a new value is created (and the old one revoked).');

// ---------------------------------------------------------------- verification
export const httpVerification = z
  .object({
    type: z.literal('http').describe('Calls an endpoint with the credential.'),
    url: z.url({ protocol: /^https?$/ }).describe('Endpoint that needs the credential.').meta({ examples: ['https://api.openai.com/v1/models'] }),
    method: z.enum(['GET', 'POST', 'HEAD']).describe('HTTP method.').meta({ examples: ['GET'] }).optional(),
    header: z
      .string()
      .regex(/\{\{value\}\}/, { message: 'The header template must contain {{value}}' })
      .describe('Header template; `{{value}}` is replaced by the credential under test.')
      .meta({ examples: ['Authorization: Bearer {{value}}', 'x-api-key: {{value}}'] }),
    expectStatus: z.number().int().min(100).max(599).describe('Status that means "the credential works".').meta({ examples: [200] }).optional(),
  })
  .strict()
  .describe('The credential works when the endpoint answers with `expectStatus`.');

export const tcpVerification = z
  .object({
    type: z.literal('tcp').describe('Opens a TCP connection (reachability only; pair it with a login check where possible).'),
    host: nonEmpty('Host to connect to.', ['db.internal']),
    port: port('Port.', [5432]),
  })
  .strict()
  .describe('TCP reachability check.');

export const commandVerification = z
  .object({
    type: z.literal('command').describe('Runs a command that gets the credential on stdin and exits 0 when it works.'),
    command: nonEmpty('Executable (no shell).', ['./scripts/check-key.sh']),
    args: z.array(z.string()).describe('Arguments; never the secret.').meta({ examples: [['--quiet']] }).optional(),
    timeout: stepTimeout().optional(),
  })
  .strict()
  .describe('Command-based check; the credential arrives on stdin.');

export const serviceVerification = z
  .object({
    type: z.literal('provider').describe("Asks the key's own service with its documented read-only, free request (the table in core/verify-live/presets.ts): the new key must be accepted, the old one refused (401)."),
    service: z
      .enum(LIVE_PRESET_IDS)
      .describe("Which service's check; defaults to the rotation provider's (openai, openrouter, anthropic, azure-openai).")
      .meta({ examples: ['openai', 'groq'] })
      .optional(),
  })
  .strict()
  .describe("The key's own service says whether it works; its host comes from the table, never from the policy.");

export const verificationSpec = z
  .discriminatedUnion('type', [httpVerification, tcpVerification, ...providerVerificationSchemas, commandVerification, serviceVerification])
  .describe('How to prove that the new credential works and (after the grace period) the old one fails.');

// ---------------------------------------------------------------- triggers
export const TRIGGER_EVENTS = ['exposed-in-file', 'exposed-in-git-history', 'revoked-value-seen', 'anomaly', 'exposed-to-assistant'] as const;
/** Events that mean "this value may be known to someone else" (PCI DSS 4.0 8.6.3). */
export const COMPROMISE_EVENTS: ReadonlySet<string> = new Set(['exposed-in-file', 'exposed-in-git-history', 'revoked-value-seen', 'anomaly', 'exposed-to-assistant']);

export const trigger = z
  .object({
    on: z
      .enum(TRIGGER_EVENTS)
      .describe('`exposed-in-file`: the value is found in a workspace file. `exposed-in-git-history`: found in a commit. `revoked-value-seen`: a value already rotated out shows up again. `anomaly`: reported by you or a monitor (mark-compromised). `exposed-to-assistant`: an AI assistant\'s hook stopped the current value on its way to the assistant (a prompt, a file it read, a command, a tool result).')
      .meta({ examples: ['exposed-in-file'] }),
    action: z.enum(['rotate-now', 'notify']).describe('`rotate-now` starts a rotation at once (asks first for `manual` providers); `notify` only alerts.').meta({ examples: ['rotate-now'] }),
  })
  .strict()
  .describe('An event and what to do when it happens (like Azure Key Vault lifetime actions, but for compromise).');
