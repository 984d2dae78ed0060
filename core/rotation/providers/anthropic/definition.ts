/**
 * The `anthropic` provider as the policy sees it: half automatic. Anthropic has no API that
 * creates keys, so a person pastes the new one (like `manual`); the Admin API then sets the old
 * one `inactive` (https://platform.claude.com/docs/en/api/admin/api_keys/update), found by its
 * `partial_key_hint` (https://platform.claude.com/docs/en/api/admin/api_keys/list).
 */
import { z } from 'zod';
import { identifier, stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider, SINGLE_KEEPS_OLD } from '../definition';

export const schema = z
  .object({
    type: z.literal('anthropic').describe('An Anthropic API key: you paste the new key; the Admin API disables the old one. Trusted workspaces only.'),
    adminKey: identifier('Id of another secret in this policy that holds an Anthropic Admin API key (sk-ant-admin…). `run` never hands it to an app.', ['anthropic-admin']).optional(),
    url: z.url({ protocol: /^https$/ }).describe('The Console page where the new key is created, opened for you.').meta({ examples: ['https://platform.claude.com/settings/keys'] }).optional(),
    instructions: z.string().max(2000).describe('What to do on that page (shown in the rotate prompt).').meta({ examples: ['Create a key in the "prod" workspace and paste it.'] }).optional(),
    workspaceId: z.string().regex(/^wrkspc_[A-Za-z0-9]{1,64}$/, { message: 'Not a workspace id (wrkspc_…)' }).describe('Only look for the old key in this workspace.').meta({ examples: ['wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ'] }).optional(),
    timeout: stepTimeout().optional(),
  })
  .strict()
  .describe('Half-automatic Anthropic rotation: paste the new key; it is verified, stored, and the old key is set inactive through the Admin API and checked to be refused.');

export const definition = defineProvider({
  type: 'anthropic',
  schema,
  summary: 'An Anthropic key, half automatic: a person pastes the new key (no create API); the Admin API sets the old one inactive, found by its partial hint.',
  traits: { ...SINGLE_KEEPS_OLD, needsTrust: true, asksForValue: { defaultUrl: 'https://platform.claude.com/settings/keys' } },
  requiredParams: () => ['adminKey'],
  adminSecretFields: ['adminKey'],
  docs: 'https://platform.claude.com/docs/en/api/admin/api_keys/update',
  defaultVerification: { type: 'provider' },
  samples: {
    valid: [{ type: 'anthropic', adminKey: 'anthropic-admin' }, { type: 'anthropic', adminKey: 'a', url: 'https://platform.claude.com/settings/keys', workspaceId: 'wrkspc_01ABC' }],
    invalid: [{ type: 'anthropic', url: 'http://example.com' }, { type: 'anthropic', workspaceId: 'prod' }, { type: 'anthropic', project: 'x' }],
  },
});
