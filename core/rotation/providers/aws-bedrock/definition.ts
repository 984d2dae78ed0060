/**
 * The `aws-bedrock` provider as the policy sees it: a long-term Amazon Bedrock API key, an IAM
 * service-specific credential for bedrock.amazonaws.com
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html).
 * Also the `aws-bedrock` verification type: ListFoundationModels with the key as a bearer token.
 */
import { z } from 'zod';
import { nonEmpty } from '../../../policy/model/schema-fields';
import { awsAdmin, awsRegion, inactiveKey } from '../aws-iam/definition';
import { defineProvider } from '../definition';

export const schema = z
  .object({
    type: z.literal('aws-bedrock').describe('A long-term Amazon Bedrock API key (IAM service-specific credential for bedrock.amazonaws.com). Trusted workspaces only.'),
    userName: nonEmpty('IAM user the Bedrock API key belongs to (two keys per user).', ['bedrock-app']).optional(),
    adminConnection: awsAdmin.optional(),
    region: awsRegion.optional(),
    credentialAgeDays: z.number().int().min(1).max(36600).describe('Days until each new key expires (CredentialAgeDays); without it the key does not expire.').meta({ examples: [90] }).optional(),
    inactiveKey: inactiveKey.optional(),
  })
  .strict()
  .describe('Rotates an Amazon Bedrock API key: create, check with ListFoundationModels, switch, deactivate the old key, prove it refused, delete it.');

export const verification = z
  .object({
    type: z.literal('aws-bedrock').describe('Bedrock ListFoundationModels with the API key as a bearer token (read-only, free).'),
    region: awsRegion.optional(),
  })
  .strict()
  .describe('Amazon Bedrock API key check.');

export const definition = defineProvider({
  type: 'aws-bedrock',
  schema,
  summary: 'A long-term Amazon Bedrock API key: a second key created, checked, switched to; the old one deactivated, shown refused and deleted (two per user).',
  traits: { shape: () => 'dual', keepsOldValueThroughGrace: () => true, needsTrust: true },
  requiredParams: () => ['userName', 'adminConnection'],
  adminSecretFields: ['adminConnection'],
  verification,
  defaultVerification: { type: 'aws-bedrock' },
  docs: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
  samples: {
    valid: [{ type: 'aws-bedrock', userName: 'bedrock-app', adminConnection: 'aws-admin' }, { type: 'aws-bedrock', userName: 'u', adminConnection: 'a', credentialAgeDays: 90 }],
    invalid: [{ type: 'aws-bedrock', credentialAgeDays: 0 }, { type: 'aws-bedrock', serviceName: 'codecommit.amazonaws.com' }],
  },
});
