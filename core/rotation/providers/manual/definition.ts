/** The `manual` provider as the policy sees it (schema, traits, needs, samples); the driver is ./provider.ts. */
import { z } from 'zod';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('manual').describe("A person creates the new value on the provider's key page and pastes it in."),
    url: z.url({ protocol: /^https?$/ }).describe("The provider's key-management page, opened for you.").meta({ examples: ['https://platform.openai.com/api-keys'] }).optional(),
    instructions: z.string().max(2000).describe('What to do on that page (shown in the rotate prompt).').meta({ examples: ['Create a key named "ci", paste it, then delete the old key.'] }).optional(),
  })
  .strict()
  .describe('Manual rotation: open the key page, paste the new key; the rest of the loop is still verified and recorded.');

export const definition = defineProvider({
  type: 'manual',
  schema,
  summary: "A person creates the new value on the provider's key page and pastes it; the loop still verifies and records it.",
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: false },
  requiredParams: () => ['url'],
  adminSecretFields: [],
  samples: {
    valid: [{ type: 'manual', url: 'https://platform.openai.com/api-keys', instructions: 'Create a key named ci.' }],
    invalid: [{ type: 'manual', url: 'javascript:alert(1)' }, { type: 'manual', command: 'x' }],
  },
});
