/**
 * The `gemini` provider as the policy sees it: a Gemini API key made with the API Keys API v2
 * (https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/create),
 * authorised by a service account whose key JSON is another secret of the policy. Verified with
 * the `gemini` live preset (models.list).
 */
import { z } from 'zod';
import { identifier, nonEmpty } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('gemini').describe('A Google Gemini API key made with the API Keys API v2, restricted to generativelanguage.googleapis.com, authorised by a service account. Trusted workspaces only.'),
    project: nonEmpty('Google Cloud project id or number that owns the keys.', ['my-project']).optional(),
    adminConnection: identifier('Id of another secret in this policy whose value is the service account key JSON (role API Keys Admin). `run` never hands it to apps.', ['gemini-admin']).optional(),
    displayName: z.string().max(40).describe('Display name for new keys; the rotation time is appended.').meta({ examples: ['support-bot'] }).optional(),
  })
  .strict()
  .describe('Rotates a Gemini API key: create (a long-running operation), read its key string, check with models.list, switch, delete the old key.');

export const definition = defineProvider({
  type: 'gemini',
  schema,
  summary: 'A Google Gemini API key: created restricted to the Generative Language API with a service account, checked, switched to; the old key deleted.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['project', 'adminConnection'],
  adminSecretFields: ['adminConnection'],
  defaultVerification: { type: 'provider' },
  docs: 'https://cloud.google.com/api-keys/docs/reference/rest',
  samples: {
    valid: [{ type: 'gemini', project: 'my-project', adminConnection: 'gemini-admin' }, { type: 'gemini', project: '123456', adminConnection: 'sa', displayName: 'bot' }],
    invalid: [{ type: 'gemini', keyString: 'x' }, { type: 'gemini', displayName: 'x'.repeat(80) }],
  },
});
