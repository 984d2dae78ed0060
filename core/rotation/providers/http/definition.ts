/** The `http` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
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
    timeout: stepTimeout().optional(),
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

export const definition = defineProvider({
  type: 'http',
  schema,
  summary: 'An endpoint of yours issues the new value (credentials only in header templates); an optional revoke endpoint retires the old one.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['url'],
  adminSecretFields: [],
  samples: {
    valid: [{ type: 'http', url: 'https://auth.internal/keys', method: 'POST', headers: { Authorization: 'Bearer {{secret:admin}}' }, responsePath: '/key' }],
    invalid: [{ type: 'http', url: 'ftp://auth.internal/keys' }, { type: 'http', method: 'DELETE' }],
  },
});
