/**
 * The `openrouter` provider as the policy sees it: a Management (provisioning) key creates a key
 * per rotation and deletes the previous one
 * (https://openrouter.ai/docs/guides/overview/auth/management-api-keys,
 * https://openrouter.ai/docs/api/api-reference/api-keys/create-keys).
 */
import { z } from 'zod';
import { identifier, nonEmpty, stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('openrouter').describe('An OpenRouter API key, created and (after promotion) deleted with a Management API key. Trusted workspaces only.'),
    managementKey: identifier('Id of another secret in this policy that holds an OpenRouter Management (provisioning) key. `run` never hands it to an app.', ['openrouter-management']).optional(),
    name: nonEmpty('Name prefix of the keys this secret owns; defaults to `rotation-guard-<secret id>`. Keys with this prefix that no store holds are deleted as leftovers of an interrupted rotation.', ['support-bot']).optional(),
    limit: z.number().min(0).describe('Credit limit (USD) of each new key.').meta({ examples: [50] }).optional(),
    timeout: stepTimeout().optional(),
  })
  .strict()
  .describe('Rotates an OpenRouter key: create one with the Management API, verify it, switch, delete the previous one, verify it is refused.');

export const definition = defineProvider({
  type: 'openrouter',
  schema,
  summary: 'An OpenRouter key: created per rotation with a Management key from a store, the previous one deleted after promotion.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['managementKey'],
  adminSecretFields: ['managementKey'],
  docs: 'https://openrouter.ai/docs/guides/overview/auth/management-api-keys',
  defaultVerification: { type: 'provider' },
  samples: {
    valid: [{ type: 'openrouter', managementKey: 'openrouter-management' }, { type: 'openrouter', managementKey: 'm', name: 'bot', limit: 25 }],
    invalid: [{ type: 'openrouter', limit: -1 }, { type: 'openrouter', provisioningKey: 'x' }],
  },
});
