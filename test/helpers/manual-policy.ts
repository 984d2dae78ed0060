import { machineSecret, policyYaml } from './policy';

/** A policy whose one secret is rotated by hand (a `manual` provider) and kept in `.env.local`. */
export const MANUAL_KEY_PAGE = 'https://platform.openai.com/api-keys';

export function manualPolicyYaml(id = 'openai-key', envVar = 'OPENAI_API_KEY'): string {
  return policyYaml({
    version: 1,
    stores: { dotenv: { type: 'env-file', path: '.env.local' } },
    providers: { 'openai-page': { type: 'manual', url: MANUAL_KEY_PAGE, instructions: 'Create a key with the same project and permissions.' } },
    secrets: [machineSecret(id, { stores: ['dotenv'], rotation: { provider: 'openai-page' }, references: { env: [envVar] } })],
  });
}
