/** The `generate` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
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

export const definition = defineProvider({
  type: 'generate',
  schema,
  summary: 'Random value from a CSPRNG, for secrets this project issues itself.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: false },
  requiredParams: () => [],
  adminSecretFields: [],
  samples: {
    valid: [{ type: 'generate' }, { type: 'generate', length: 48, alphabet: 'hex' }, { type: 'generate', encoding: 'base64url', prefix: 'rg_' }],
    invalid: [{ type: 'generate', length: 8 }, { type: 'generate', alphabet: 'emoji' }, { type: 'generate', url: 'https://example.com' }],
  },
});
