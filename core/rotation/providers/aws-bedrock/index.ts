/** Long-term Amazon Bedrock API keys (IAM service-specific credentials): provider and check. */
export { awsBedrockProvider, checkBedrockKey, type AwsBedrockOptions } from './provider';
export { definition } from './definition';
