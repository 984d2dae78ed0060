/** The `mariadb` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { identifier, nonEmpty, port } from '../../../policy/model/schema-fields';
import { defineProvider } from '../definition';

export const schema = z
  .object({
    type: z.literal('mariadb').describe('A MariaDB / MySQL user password, changed with ALTER USER … IDENTIFIED BY PASSWORD (a hash computed here, never the plaintext).'),
    host: nonEmpty('Database host.', ['127.0.0.1']).optional(),
    port: port('Database port.', [3306]).optional(),
    database: nonEmpty('Database to connect to for login checks.', ['app']).optional(),
    user: nonEmpty('User whose password is rotated.', ['app_user']).optional(),
    alternateUser: nonEmpty('Second user for the `alternating-users` strategy: each rotation switches to the user not currently in use.', ['app_user_b']).optional(),
    userHost: nonEmpty("Host part of the account (`'user'@'host'`); defaults to `%`.", ['%', 'localhost']).optional(),
    adminConnection: identifier('Id of another secret in this policy that holds the admin connection URL (mysql://…) used for ALTER USER.', ['mariadb-admin']).optional(),
  })
  .strict()
  .describe('Rotates a MariaDB user password; with alternating users the previous user keeps working until its next turn.');

export const verification = z
  .object({
    type: z.literal('mariadb').describe('Logs in to MariaDB / MySQL with the credential.'),
    host: nonEmpty('Database host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: port('Port (defaults to the provider port).', [3306]).optional(),
    user: nonEmpty('User to log in as (defaults to the provider user).', ['app_user']).optional(),
  })
  .strict()
  .describe('MariaDB login check (error 1045 = refused).');

export const definition = defineProvider({
  type: 'mariadb',
  schema,
  summary: 'A MariaDB / MySQL user password (ALTER USER with a hash computed here); alternating users keep the old one valid.',
  traits: { shape: (s) => (s === 'alternating-users' ? 'alternating' : 'single'), keepsOldValueThroughGrace: (s) => s === 'alternating-users', needsTrust: true, alternateField: 'alternateUser' },
  requiredParams: (s) => (s === 'alternating-users' ? ['host', 'user', 'alternateUser', 'adminConnection'] : ['host', 'user', 'adminConnection']),
  adminSecretFields: ['adminConnection'],
  verification,
  samples: {
    valid: [{ type: 'mariadb', host: '127.0.0.1', user: 'app', alternateUser: 'app_b', adminConnection: 'mariadb-admin' }],
    invalid: [{ type: 'mariadb', port: 70000 }, { type: 'mariadb', role: 'app' }],
  },
});
