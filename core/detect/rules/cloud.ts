import { minEntropy } from '../judge/entropy';
import { B, E, rule, type PatternRule } from './rule';

/** Cloud providers. */
export const cloudRules: PatternRule[] = [
  rule({
    id: 'secret/aws-access-key-id',
    title: 'AWS access key id',
    envVar: 'AWS_ACCESS_KEY_ID',
    hint: 'Deactivate the key pair in IAM and use a role or the credentials file instead; the id alone identifies the account.',
    anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    pattern: new RegExp(`${B}(?<v>(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})${E}`),
    validate: minEntropy(2.5, 0.9),
  }),
  rule({
    id: 'secret/aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    envVar: 'AWS_BEARER_TOKEN_BEDROCK',
    anchors: ['ABSK', 'bedrock-api-key-'],
    pattern: new RegExp(`${B}(?<v>ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%]{20,3000})(?![A-Za-z0-9+/=%])`),
  }),
  rule({
    id: 'secret/azure-ad-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    envVar: 'AZURE_CLIENT_SECRET',
    anchors: ['Q~'],
    // Secrets look like `xxx8Q~` + 31–34 characters; the three characters before the version digit are part of it.
    pattern: /(?<=(?<![A-Za-z0-9_~.-])(?<p>[A-Za-z0-9_~.-]{3}\d))Q~(?<v>[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    validate: (v) => (minEntropy(3)(v) ? 0.9 : null),
  }),
  rule({
    id: 'secret/azure-storage-key',
    title: 'Azure storage account key',
    envVar: 'AZURE_STORAGE_KEY',
    anchors: ['AccountKey='],
    pattern: /AccountKey=(?<v>[A-Za-z0-9+/]{86}==)/,
  }),
  rule({
    id: 'secret/cloudflare-api-key',
    title: 'Cloudflare API token',
    envVar: 'CLOUDFLARE_API_TOKEN',
    anchors: ['cfat_', 'cfut_', 'cfk_'],
    pattern: new RegExp(`${B}(?<v>cf(?:at|ut|k)_[A-Za-z0-9]{40}[a-f0-9]{8})${E}`), // 40 random + 8 hex checksum
  }),
  rule({
    id: 'secret/cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    anchors: ['v1.0-'],
    pattern: new RegExp(`${B}(?<v>v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${E}`),
  }),
  rule({
    id: 'secret/digitalocean-token',
    title: 'DigitalOcean token',
    envVar: 'DIGITALOCEAN_TOKEN',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: new RegExp(`${B}(?<v>do[opr]_v1_[a-f0-9]{64})${E}`),
  }),
  rule({
    id: 'secret/alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey id',
    anchors: ['LTAI'],
    pattern: new RegExp(`${B}(?<v>LTAI[A-Za-z0-9]{20})${E}`),
    validate: minEntropy(3.5),
  }),
  rule({
    id: 'secret/clickhouse-cloud-key',
    title: 'ClickHouse Cloud API secret',
    anchors: ['4b1d'],
    pattern: new RegExp(`${B}(?<v>4b1d[A-Za-z0-9]{38})${E}`),
    validate: minEntropy(3.5),
  }),
];
