/**
 * The `aws-iam` provider as the policy sees it: an IAM user's access key, rotated the way AWS
 * documents (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html),
 * with an admin credential from a store. Also the `aws-iam` verification type: STS
 * GetCallerIdentity with the credential under test.
 */
import { z } from 'zod';
import { identifier, nonEmpty } from '../../../policy/model/schema-fields';
import { defineProvider, type CredentialShape } from '../definition';

export const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'Not an AWS region, e.g. us-east-1' })
  .describe('AWS region for the calls (IAM itself is global).')
  .meta({ examples: ['us-east-1'] });

export const inactiveKey = z
  .enum(['refuse', 'delete'])
  .describe('The user already holds a second key that is inactive: `refuse` (default) stops before anything changes; `delete` deletes it to make room (AWS allows two per user).')
  .meta({ examples: ['refuse'] });

export const awsAdmin = identifier('Id of another secret in this policy whose value is an AWS credential allowed to manage the user\'s keys, as credential_process JSON ({"Version":1,"AccessKeyId":…,"SecretAccessKey":…}). `run` never hands it to apps.', ['aws-admin']);

export const schema = z
  .object({
    type: z.literal('aws-iam').describe('An IAM user\'s access key: CreateAccessKey, check with STS GetCallerIdentity, switch, deactivate the old key, prove it refused, delete it. The value is credential_process JSON. Trusted workspaces only.'),
    userName: nonEmpty('IAM user whose access key is rotated (one user per secret: AWS allows two keys per user).', ['app-bot']).optional(),
    adminConnection: awsAdmin.optional(),
    region: awsRegion.optional(),
    inactiveKey: inactiveKey.optional(),
  })
  .strict()
  .describe('Rotates an AWS access key with dual keys: the old key works until it is revoked after the grace period.');

export const verification = z
  .object({
    type: z.literal('aws-iam').describe('STS GetCallerIdentity with the credential (credential_process JSON): needs no permission, refused only for an unknown, inactive or wrong key.'),
    region: awsRegion.optional(),
  })
  .strict()
  .describe('AWS access key check.');

const dual = (): CredentialShape => 'dual';

export const definition = defineProvider({
  type: 'aws-iam',
  schema,
  summary: 'An AWS IAM access key: a second key created, checked with STS, switched to; the old one deactivated, shown refused and deleted (two keys per user).',
  traits: { shape: dual, keepsOldValueThroughGrace: () => true, needsTrust: true },
  requiredParams: () => ['userName', 'adminConnection'],
  adminSecretFields: ['adminConnection'],
  verification,
  defaultVerification: { type: 'aws-iam' },
  docs: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html',
  samples: {
    valid: [{ type: 'aws-iam', userName: 'app-bot', adminConnection: 'aws-admin' }, { type: 'aws-iam', userName: 'u', adminConnection: 'a', region: 'eu-west-1', inactiveKey: 'delete' }],
    invalid: [{ type: 'aws-iam', region: 'mars' }, { type: 'aws-iam', inactiveKey: 'keep' }, { type: 'aws-iam', accessKeyId: 'x' }],
  },
});
