/** The `postgres` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { identifier, nonEmpty, port } from '../../../policy/model/schema-fields';
import { defineProvider } from '../definition';

export const schema = z
  .object({
    type: z.literal('postgres').describe('A PostgreSQL role password, changed with ALTER ROLE … PASSWORD.'),
    host: nonEmpty('Database host.', ['127.0.0.1', 'db.internal']).optional(),
    port: port('Database port.', [5432]).optional(),
    database: nonEmpty('Database to connect to for login checks.', ['app']).optional(),
    role: nonEmpty('Role whose password is rotated.', ['app_user']).optional(),
    alternateRole: nonEmpty('Second role for the `alternating-users` strategy: each rotation switches to the role not currently in use.', ['app_user_b']).optional(),
    adminConnection: identifier('Id of another secret in this policy (kind `connection-string`) that holds the admin connection used for ALTER ROLE. Never write the admin password here.', ['postgres-admin']).optional(),
  })
  .strict()
  .describe('Rotates a PostgreSQL role password: the new password connects, the old one is refused.');

export const verification = z
  .object({
    type: z.literal('postgres').describe('Logs in to PostgreSQL with the credential.'),
    host: nonEmpty('Database host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: port('Port (defaults to the provider port).', [5432]).optional(),
    database: nonEmpty('Database (defaults to the provider database).', ['app']).optional(),
    user: nonEmpty('Role to log in as (defaults to the provider role).', ['app_user']).optional(),
  })
  .strict()
  .describe('PostgreSQL login check.');

export const definition = defineProvider({
  type: 'postgres',
  schema,
  summary: 'A PostgreSQL role password (ALTER ROLE with a SCRAM verifier computed here); alternating roles keep the old one valid.',
  traits: { shape: (s) => (s === 'alternating-users' ? 'alternating' : 'single'), keepsOldValueThroughGrace: (s) => s === 'alternating-users', needsTrust: true, alternateField: 'alternateRole' },
  requiredParams: (s) => (s === 'alternating-users' ? ['host', 'database', 'role', 'alternateRole', 'adminConnection'] : ['host', 'database', 'role', 'adminConnection']),
  adminSecretFields: ['adminConnection'],
  verification,
  samples: {
    valid: [{ type: 'postgres', host: '127.0.0.1', port: 5432, database: 'app', role: 'app_user', adminConnection: 'pg-admin' }],
    invalid: [{ type: 'postgres', port: 0 }, { type: 'postgres', adminConnection: 'postgres://admin:pw@db/app' }, { type: 'postgres', user: 'app' }],
  },
});
