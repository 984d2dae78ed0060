/** AWS IAM access keys (dual keys, two per user): provider, STS check, credential format. */
export { awsIamProvider, adminCredential, type AwsIamOptions } from './provider';
export { checkAwsCredential } from './check';
export { formatCredential, parseCredential, type AwsCredential } from './sdk';
export { definition } from './definition';
