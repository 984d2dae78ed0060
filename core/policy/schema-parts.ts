/**
 * Building blocks of the policy model: durations, stores, rotation providers, verification and
 * triggers. `schema.ts` assembles them; every field carries a description and examples because
 * they become editor hovers, completion docs and the generated JSON Schema.
 */
import { z } from 'zod';
import { DURATION_PATTERN, tryParseDuration } from './duration';

export const duration = (description: string, examples: string[]) =>
  z
    .string()
    .regex(new RegExp(DURATION_PATTERN), { message: 'Not a duration: use e.g. 30d, 12h, 1d12h or ISO-8601 P30D / PT12H' })
    .refine((s) => (tryParseDuration(s) ?? 0) > 0, { message: 'A duration must be longer than zero' })
    .describe(description)
    .meta({ examples });

/** A name another part of the policy refers to (store, provider, threat model, secret id). */
export const identifier = (description: string, examples: string[]) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'Use letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit' })
    .describe(description)
    .meta({ examples });

const nonEmpty = (description: string, examples: string[]) => z.string().min(1).describe(description).meta({ examples });

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
const timeout = duration('How long the step may take before it is treated as failed.', ['30s', '2m']);

export const generateProvider = z
  .object({
    type: z.literal('generate').describe('Generates a random value locally (for secrets this project itself issues).'),
    length: z.number().int().min(16).max(4096).describe('Characters to generate (or bytes, when `encoding` is not `none`). At least 16.').meta({ examples: [32, 48] }).optional(),
    alphabet: z
      .enum(['alphanumeric', 'hex', 'base64url', 'printable'])
      .describe('Characters to draw from when `encoding` is `none`. `printable` is ASCII 0x21–0x7E without quotes or backslash.')
      .meta({ examples: ['alphanumeric'] })
      .optional(),
    encoding: z.enum(['none', 'hex', 'base64', 'base64url']).describe('`none`: draw `length` characters from `alphabet`. Otherwise: `length` random bytes, encoded.').meta({ examples: ['none', 'base64url'] }).optional(),
    prefix: z.string().max(32).describe('Fixed prefix that makes the value recognisable to scanners (like `ghp_`).').meta({ examples: ['rg_'] }).optional(),
  })
  .strict()
  .describe('Random value from a CSPRNG.');

export const postgresProvider = z
  .object({
    type: z.literal('postgres').describe('A PostgreSQL role password, changed with ALTER ROLE … PASSWORD.'),
    host: nonEmpty('Database host.', ['127.0.0.1', 'db.internal']).optional(),
    port: z.number().int().min(1).max(65535).describe('Database port.').meta({ examples: [5432] }).optional(),
    database: nonEmpty('Database to connect to for login checks.', ['app']).optional(),
    role: nonEmpty('Role whose password is rotated.', ['app_user']).optional(),
    alternateRole: nonEmpty('Second role for the `alternating-users` strategy: each rotation switches to the role not currently in use.', ['app_user_b']).optional(),
    adminConnection: identifier('Id of another secret in this policy (kind `connection-string`) that holds the admin connection used for ALTER ROLE. Never write the admin password here.', ['postgres-admin']).optional(),
  })
  .strict()
  .describe('Rotates a PostgreSQL role password: the new password connects, the old one is refused.');

export const mariadbProvider = z
  .object({
    type: z.literal('mariadb').describe('A MariaDB / MySQL user password, changed with ALTER USER … IDENTIFIED BY PASSWORD (a hash computed here, never the plaintext).'),
    host: nonEmpty('Database host.', ['127.0.0.1']).optional(),
    port: z.number().int().min(1).max(65535).describe('Database port.').meta({ examples: [3306] }).optional(),
    database: nonEmpty('Database to connect to for login checks.', ['app']).optional(),
    user: nonEmpty('User whose password is rotated.', ['app_user']).optional(),
    alternateUser: nonEmpty('Second user for the `alternating-users` strategy: each rotation switches to the user not currently in use.', ['app_user_b']).optional(),
    userHost: nonEmpty("Host part of the account (`'user'@'host'`); defaults to `%`.", ['%', 'localhost']).optional(),
    adminConnection: identifier('Id of another secret in this policy that holds the admin connection URL (mysql://…) used for ALTER USER.', ['mariadb-admin']).optional(),
  })
  .strict()
  .describe('Rotates a MariaDB user password; with alternating users the previous user keeps working until its next turn.');

export const redisProvider = z
  .object({
    type: z.literal('redis').describe('A Redis ACL user: the user holds the old and the new password at once, so apps switch without a failed login.'),
    host: nonEmpty('Redis host.', ['127.0.0.1']).optional(),
    port: z.number().int().min(1).max(65535).describe('Redis port.').meta({ examples: [6379] }).optional(),
    user: nonEmpty('ACL user whose password is rotated.', ['app']).optional(),
    adminConnection: identifier('Id of another secret in this policy that holds the admin connection URL (redis://user:password@host:port) used for ACL SETUSER.', ['redis-admin']).optional(),
  })
  .strict()
  .describe('Rotates a Redis ACL password: adds the new one, verifies it, switches, then removes the old one and verifies it is refused.');

export const commandProvider = z
  .object({
    type: z.literal('command').describe('Runs a command of yours that prints the new secret on stdout (never on the command line). Trusted workspaces only.'),
    command: nonEmpty('Executable to run (no shell).', ['./scripts/new-token.sh', 'gh']).optional(),
    args: z.array(z.string()).describe('Arguments. Never put a secret here: argv is visible to every process on the machine.').meta({ examples: [['api', '-X', 'POST', '/tokens']] }).optional(),
    timeout: timeout.optional(),
    revoke: z
      .object({
        command: nonEmpty('Executable (no shell) that revokes the old value, which it gets on stdin and in ROTATION_GUARD_OLD_VALUE; exit 0 when revoked.', ['./scripts/revoke-token.sh']),
        args: z.array(z.string()).describe('Arguments. Never a secret: argv is visible to every process.').optional(),
      })
      .strict()
      .describe('How to revoke the old value after promotion (then the loop checks that it fails). Without it the old value must be revoked at its issuer by hand.')
      .optional(),
  })
  .strict()
  .describe('A user command creates the new value and prints it on stdout.');

export const httpProvider = z
  .object({
    type: z.literal('http').describe('Calls an HTTP endpoint of yours that issues a new value. Trusted workspaces only.'),
    url: z.url({ protocol: /^https?$/ }).describe('Endpoint that issues the new value.').meta({ examples: ['https://auth.internal/api/keys/rotate'] }).optional(),
    method: z.enum(['POST', 'PUT', 'PATCH', 'GET']).describe('HTTP method.').meta({ examples: ['POST'] }).optional(),
    headers: z
      .record(z.string(), z.string())
      .describe('Request headers. Credentials only by reference: `{{value}}` is the current value of this secret, `{{secret:ID}}` the current value of another secret in the policy.')
      .meta({ examples: [{ Authorization: 'Bearer {{secret:admin-token}}' }] })
      .optional(),
    responsePath: z.string().describe('JSON pointer to the new value in the response body.').meta({ examples: ['/key', '/data/token'] }).optional(),
    timeout: timeout.optional(),
    revoke: z
      .object({
        url: z.url({ protocol: /^https?$/ }).describe('Endpoint that revokes a value. Never put a credential in the URL.').meta({ examples: ['https://auth.internal/api/keys/current'] }),
        method: z.enum(['DELETE', 'POST']).describe('HTTP method.').meta({ examples: ['DELETE'] }).optional(),
        headers: z
          .record(z.string(), z.string())
          .describe('Request headers: `{{old}}` is the value being revoked, `{{secret:ID}}` the current value of another secret.')
          .meta({ examples: [{ Authorization: 'Bearer {{old}}' }] })
          .optional(),
      })
      .strict()
      .describe('How to revoke the old value after promotion (then the loop checks that it fails). Without it the old value must be revoked at its issuer by hand.')
      .optional(),
  })
  .strict()
  .describe('An HTTP endpoint issues the new value.');

export const manualProvider = z
  .object({
    type: z.literal('manual').describe("A person creates the new value on the provider's key page and pastes it in."),
    url: z.url({ protocol: /^https?$/ }).describe("The provider's key-management page, opened for you.").meta({ examples: ['https://platform.openai.com/api-keys'] }).optional(),
    instructions: z.string().max(2000).describe('What to do on that page (shown in the rotate prompt).').meta({ examples: ['Create a key named "ci", paste it, then delete the old key.'] }).optional(),
  })
  .strict()
  .describe('Manual rotation: open the key page, paste the new key; the rest of the loop is still verified and recorded.');

const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'Not an AWS region, e.g. us-east-1' }).describe('AWS region for the calls (IAM itself is global).').meta({ examples: ['us-east-1'] });
const inactiveKey = z
  .enum(['refuse', 'delete'])
  .describe('The user already holds a second key that is inactive: `refuse` (default) stops before anything changes; `delete` deletes it to make room (AWS allows two per user).')
  .meta({ examples: ['refuse'] });
const awsAdmin = identifier('Id of another secret in this policy whose value is an AWS credential allowed to manage the user\'s keys, as credential_process JSON ({"Version":1,"AccessKeyId":…,"SecretAccessKey":…}). `run` never hands it to apps.', ['aws-admin']);

export const awsIamProvider = z
  .object({
    type: z.literal('aws-iam').describe('An IAM user\'s access key: CreateAccessKey, check with STS GetCallerIdentity, switch, deactivate the old key, prove it refused, delete it. The value is credential_process JSON.'),
    userName: nonEmpty('IAM user whose access key is rotated (one user per secret: AWS allows two keys per user).', ['app-bot']).optional(),
    adminConnection: awsAdmin.optional(),
    region: awsRegion.optional(),
    inactiveKey: inactiveKey.optional(),
  })
  .strict()
  .describe('Rotates an AWS access key with the dual-key strategy: the old key works until it is revoked after the grace period.');

export const awsBedrockProvider = z
  .object({
    type: z.literal('aws-bedrock').describe('A long-term Amazon Bedrock API key (IAM service-specific credential for bedrock.amazonaws.com).'),
    userName: nonEmpty('IAM user the Bedrock API key belongs to (two keys per user).', ['bedrock-app']).optional(),
    adminConnection: awsAdmin.optional(),
    region: awsRegion.optional(),
    credentialAgeDays: z.number().int().min(1).max(36600).describe('Days until each new key expires (CredentialAgeDays); without it the key does not expire.').meta({ examples: [90] }).optional(),
    inactiveKey: inactiveKey.optional(),
  })
  .strict()
  .describe('Rotates an Amazon Bedrock API key: create, check with ListFoundationModels, switch, deactivate the old key, prove it refused, delete it.');

export const geminiProvider = z
  .object({
    type: z.literal('gemini').describe('A Google Gemini API key made with the API Keys API v2, restricted to generativelanguage.googleapis.com, authorised by a service account.'),
    project: nonEmpty('Google Cloud project id or number that owns the keys.', ['my-project']).optional(),
    adminConnection: identifier('Id of another secret in this policy whose value is the service account key JSON (roles/serviceusage.apiKeysAdmin). `run` never hands it to apps.', ['gemini-admin']).optional(),
    displayName: z.string().max(63).describe('Display name for new keys; the rotation time is appended.').meta({ examples: ['support-bot'] }).optional(),
  })
  .strict()
  .describe('Rotates a Gemini API key: create (a long-running operation), read its key string, check with models.list, switch, delete the old key.');

export const providerSpec = z
  .discriminatedUnion('type', [generateProvider, postgresProvider, mariadbProvider, redisProvider, commandProvider, httpProvider, manualProvider, awsIamProvider, awsBedrockProvider, geminiProvider])
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
    port: z.number().int().min(1).max(65535).describe('Port.').meta({ examples: [5432] }),
  })
  .strict()
  .describe('TCP reachability check.');

export const postgresVerification = z
  .object({
    type: z.literal('postgres').describe('Logs in to PostgreSQL with the credential.'),
    host: nonEmpty('Database host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: z.number().int().min(1).max(65535).describe('Port (defaults to the provider port).').meta({ examples: [5432] }).optional(),
    database: nonEmpty('Database (defaults to the provider database).', ['app']).optional(),
    user: nonEmpty('Role to log in as (defaults to the provider role).', ['app_user']).optional(),
  })
  .strict()
  .describe('PostgreSQL login check.');

export const mariadbVerification = z
  .object({
    type: z.literal('mariadb').describe('Logs in to MariaDB / MySQL with the credential.'),
    host: nonEmpty('Database host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: z.number().int().min(1).max(65535).describe('Port (defaults to the provider port).').meta({ examples: [3306] }).optional(),
    user: nonEmpty('User to log in as (defaults to the provider user).', ['app_user']).optional(),
  })
  .strict()
  .describe('MariaDB login check (error 1045 = refused).');

export const redisVerification = z
  .object({
    type: z.literal('redis').describe('Authenticates to Redis with the credential (AUTH user password).'),
    host: nonEmpty('Redis host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: z.number().int().min(1).max(65535).describe('Port (defaults to the provider port).').meta({ examples: [6379] }).optional(),
    user: nonEmpty('ACL user (defaults to the provider user).', ['app']).optional(),
  })
  .strict()
  .describe('Redis AUTH check (WRONGPASS = refused).');

export const commandVerification = z
  .object({
    type: z.literal('command').describe('Runs a command that gets the credential on stdin and exits 0 when it works.'),
    command: nonEmpty('Executable (no shell).', ['./scripts/check-key.sh']),
    args: z.array(z.string()).describe('Arguments; never the secret.').meta({ examples: [['--quiet']] }).optional(),
    timeout: timeout.optional(),
  })
  .strict()
  .describe('Command-based check; the credential arrives on stdin.');

export const awsStsVerification = z
  .object({
    type: z.literal('aws-sts').describe('STS GetCallerIdentity with the credential (credential_process JSON): needs no permission, refused only for an unknown, inactive or wrong key.'),
    region: awsRegion.optional(),
  })
  .strict()
  .describe('AWS access key check.');

export const awsBedrockVerification = z
  .object({
    type: z.literal('aws-bedrock').describe('Bedrock ListFoundationModels with the API key as a bearer token.'),
    region: awsRegion.optional(),
  })
  .strict()
  .describe('Amazon Bedrock API key check.');

export const geminiVerification = z
  .object({ type: z.literal('gemini').describe('Gemini models.list with the key in the x-goog-api-key header (read-only, free).') })
  .strict()
  .describe('Gemini API key check.');

export const verificationSpec = z
  .discriminatedUnion('type', [httpVerification, tcpVerification, postgresVerification, mariadbVerification, redisVerification, commandVerification, awsStsVerification, awsBedrockVerification, geminiVerification])
  .describe('How to prove that the new credential works and (after the grace period) the old one fails.');

// ---------------------------------------------------------------- triggers
export const TRIGGER_EVENTS = ['exposed-in-file', 'exposed-in-git-history', 'revoked-value-seen', 'anomaly'] as const;
/** Events that mean "this value may be known to someone else" (PCI DSS 4.0 8.6.3). */
export const COMPROMISE_EVENTS: ReadonlySet<string> = new Set(['exposed-in-file', 'exposed-in-git-history', 'revoked-value-seen', 'anomaly']);

export const trigger = z
  .object({
    on: z
      .enum(TRIGGER_EVENTS)
      .describe('`exposed-in-file`: the value is found in a workspace file. `exposed-in-git-history`: found in a commit. `revoked-value-seen`: a value already rotated out shows up again. `anomaly`: reported by you or a monitor (mark-compromised).')
      .meta({ examples: ['exposed-in-file'] }),
    action: z.enum(['rotate-now', 'notify']).describe('`rotate-now` starts a rotation at once (asks first for `manual` providers); `notify` only alerts.').meta({ examples: ['rotate-now'] }),
  })
  .strict()
  .describe('An event and what to do when it happens (like Azure Key Vault lifetime actions, but for compromise).');
