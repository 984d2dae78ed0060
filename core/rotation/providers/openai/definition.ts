/**
 * The `openai` provider as the policy sees it. A project service account per rotation
 * (https://platform.openai.com/docs/api-reference/project-service-accounts/create returns its
 * key), the previous service account deleted after promotion
 * (https://platform.openai.com/docs/api-reference/project-service-accounts/delete).
 */
import { z } from 'zod';
import { identifier, nonEmpty, stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('openai').describe('An OpenAI project key: a new project service account per rotation, created and (after promotion) deleted with an Admin API key. Trusted workspaces only.'),
    project: z
      .string()
      .regex(/^proj_[A-Za-z0-9]{1,64}$/, { message: 'Not an OpenAI project id (proj_…)' })
      .describe('The project the service accounts belong to (Settings → Project → General).')
      .meta({ examples: ['proj_abc123'] })
      .optional(),
    adminKey: identifier('Id of another secret in this policy that holds an OpenAI Admin API key (organization owner). `run` never hands it to an app.', ['openai-admin']).optional(),
    serviceAccountName: nonEmpty('Name prefix of the service accounts this secret owns; defaults to `rotation-guard-<secret id>`. Accounts with this prefix that hold no stored key are deleted as leftovers of an interrupted rotation.', ['rotation-guard-support-bot']).optional(),
    timeout: stepTimeout().optional(),
  })
  .strict()
  .describe('Rotates an OpenAI project key with the Admin API: create a service account, verify its key, switch, delete the previous account, verify the old key is refused.');

export const definition = defineProvider({
  type: 'openai',
  schema,
  summary: 'An OpenAI project key: a new project service account per rotation, the previous one deleted after promotion (Admin API key from a store).',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true },
  requiredParams: () => ['project', 'adminKey'],
  adminSecretFields: ['adminKey'],
  docs: 'https://platform.openai.com/docs/api-reference/project-service-accounts',
  defaultVerification: { type: 'provider' },
  samples: {
    valid: [{ type: 'openai', project: 'proj_abc123', adminKey: 'openai-admin' }, { type: 'openai', project: 'proj_X9', adminKey: 'admin', serviceAccountName: 'ci-bot', timeout: '30s' }],
    invalid: [{ type: 'openai', project: 'abc123' }, { type: 'openai', adminKey: 'sk-admin-notanid!' }, { type: 'openai', url: 'https://api.openai.com' }],
  },
});
