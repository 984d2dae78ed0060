/**
 * The `azure-openai` provider as the policy sees it: the resource's two keys (Key1/Key2),
 * listed and regenerated through Azure Resource Manager
 * (https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/list-keys,
 * https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key)
 * with a service principal's token (client credentials,
 * https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 */
import { z } from 'zod';
import { identifier, nonEmpty, stepTimeout } from '../../../policy/model/schema-fields';
import { defineProvider } from '../definition';

const uuid = (description: string, examples: string[]) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, { message: 'Not a GUID' })
    .describe(description)
    .meta({ examples });

export const schema = z
  .object({
    type: z.literal('azure-openai').describe('An Azure OpenAI resource key (dual: Key1/Key2). Apps move to the freshly regenerated other key first; the key they left is regenerated after promotion, which kills its old value at once. Trusted workspaces only.'),
    subscriptionId: uuid('Azure subscription of the resource.', ['00000000-0000-0000-0000-000000000000']).optional(),
    resourceGroup: nonEmpty('Resource group of the resource.', ['llm-prod']).optional(),
    account: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/, { message: 'Not an Azure AI services account name' }).describe('Name of the Azure OpenAI (Cognitive Services) account.').meta({ examples: ['contoso-openai'] }).optional(),
    tenantId: uuid('Microsoft Entra tenant of the service principal.', ['00000000-0000-0000-0000-000000000000']).optional(),
    clientId: uuid('Application (client) id of the service principal; it needs the listKeys and regenerateKey actions on the account.', ['00000000-0000-0000-0000-000000000000']).optional(),
    clientSecret: identifier("Id of another secret in this policy that holds the service principal's client secret. `run` never hands it to an app.", ['azure-sp-secret']).optional(),
    endpoint: z.url({ protocol: /^https$/, hostname: /^[A-Za-z0-9-]+\.(?:openai\.azure\.com|cognitiveservices\.azure\.com)$/ }).describe('The resource endpoint apps call (for the check that a key works; an *.openai.azure.com or *.cognitiveservices.azure.com host only); defaults to https://<account>.openai.azure.com.').meta({ examples: ['https://contoso-openai.openai.azure.com'] }).optional(),
    timeout: stepTimeout().optional(),
  })
  .strict()
  .describe('Rotates an Azure OpenAI key with the dual-key strategy through Azure Resource Manager.');

export const definition = defineProvider({
  type: 'azure-openai',
  schema,
  summary: 'An Azure OpenAI key, dual: the other of Key1/Key2 is regenerated and apps move to it; after promotion the key they left is regenerated (its old value dies at once).',
  traits: { shape: () => 'dual', keepsOldValueThroughGrace: () => true, needsTrust: true },
  requiredParams: () => ['subscriptionId', 'resourceGroup', 'account', 'tenantId', 'clientId', 'clientSecret'],
  adminSecretFields: ['clientSecret'],
  docs: 'https://learn.microsoft.com/en-us/rest/api/aiservices/accountmanagement/accounts/regenerate-key',
  defaultVerification: { type: 'provider' },
  samples: {
    valid: [{ type: 'azure-openai', subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg', account: 'contoso-openai', tenantId: '11111111-2222-3333-4444-555555555555', clientId: '11111111-2222-3333-4444-555555555555', clientSecret: 'azure-sp' }],
    invalid: [{ type: 'azure-openai', subscriptionId: 'prod' }, { type: 'azure-openai', endpoint: 'http://contoso.openai.azure.com' }, { type: 'azure-openai', endpoint: 'https://attacker.example.com' }, { type: 'azure-openai', keyName: 'Key1' }],
  },
});
