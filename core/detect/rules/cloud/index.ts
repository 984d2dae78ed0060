import type { PatternRule } from '../rule';
import { alibabaAccessKeyId } from './alibaba-access-key-id';
import { awsAccessKeyId } from './aws-access-key-id';
import { awsBedrockApiKey } from './aws-bedrock-api-key';
import { azureAdClientSecret } from './azure-ad-client-secret';
import { azureStorageKey } from './azure-storage-key';
import { clickhouseCloudKey } from './clickhouse-cloud-key';
import { cloudflareApiKey } from './cloudflare-api-key';
import { cloudflareOriginCaKey } from './cloudflare-origin-ca-key';
import { digitaloceanToken } from './digitalocean-token';

/** Cloud providers. */
export const cloudRules: PatternRule[] = [awsAccessKeyId, awsBedrockApiKey, azureAdClientSecret, azureStorageKey, cloudflareApiKey, cloudflareOriginCaKey, digitaloceanToken, alibabaAccessKeyId, clickhouseCloudKey];
