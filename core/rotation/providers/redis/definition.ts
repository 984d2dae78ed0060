/** The `redis` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { identifier, nonEmpty, port } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('redis').describe('A Redis ACL user: the user holds the old and the new password at once, so apps switch without a failed login.'),
    host: nonEmpty('Redis host.', ['127.0.0.1']).optional(),
    port: port('Redis port.', [6379]).optional(),
    user: nonEmpty('ACL user whose password is rotated.', ['app']).optional(),
    adminConnection: identifier('Id of another secret in this policy that holds the admin connection URL (redis://user:password@host:port) used for ACL SETUSER.', ['redis-admin']).optional(),
  })
  .strict()
  .describe('Rotates a Redis ACL password: adds the new one, verifies it, switches, then removes the old one and verifies it is refused.');

export const verification = z
  .object({
    type: z.literal('redis').describe('Authenticates to Redis with the credential (AUTH user password).'),
    host: nonEmpty('Redis host (defaults to the provider host).', ['127.0.0.1']).optional(),
    port: port('Port (defaults to the provider port).', [6379]).optional(),
    user: nonEmpty('ACL user (defaults to the provider user).', ['app']).optional(),
  })
  .strict()
  .describe('Redis AUTH check (WRONGPASS = refused).');

export const definition = defineProvider({
  type: 'redis',
  schema,
  summary: 'A Redis ACL password: the user holds the old and the new one at once, then the old one is removed.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['host', 'user', 'adminConnection'],
  adminSecretFields: ['adminConnection'],
  verification,
  samples: {
    valid: [{ type: 'redis', host: '127.0.0.1', port: 6379, user: 'app', adminConnection: 'redis-admin' }],
    invalid: [{ type: 'redis', user: '' }, { type: 'redis', alternateUser: 'b' }],
  },
});
