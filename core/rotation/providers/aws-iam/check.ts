import type { CheckResult } from '../types';
import { awsClientConfig, awsErrorInfo, parseCredential, shownKeyId, stsSdk } from './sdk';

/** Rejections that prove a credential is not accepted; AccessDenied would prove the opposite (it authenticated). */
const REFUSED = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClient', 'ExpiredToken']);

/**
 * STS GetCallerIdentity with the credential under test: it needs no permission, so it answers for
 * any valid key and refuses only an unknown, inactive or mis-signed one.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
export async function checkAwsCredential(value: string, env: NodeJS.ProcessEnv, region?: string): Promise<CheckResult> {
  const cred = parseCredential(value);
  if (!cred) return { status: 'error', detail: 'the value is not an AWS credential (credential_process JSON with AccessKeyId and SecretAccessKey)' };
  const sdk = stsSdk();
  const sts = new sdk.STSClient({ ...awsClientConfig(env, cred, region), maxAttempts: 2 });
  try {
    const r = await sts.send(new sdk.GetCallerIdentityCommand({}));
    return { status: 'works', detail: `STS GetCallerIdentity accepted key ${shownKeyId(cred.AccessKeyId)} (${r.Arn ?? 'no ARN'})` };
  } catch (err) {
    const info = awsErrorInfo(err);
    if (info.code && REFUSED.has(info.code)) return { status: 'refused', detail: `STS GetCallerIdentity refused key ${shownKeyId(cred.AccessKeyId)}: ${info.code} (${info.status})` };
    return { status: 'error', detail: `STS GetCallerIdentity: ${info.code ? `${info.code} (${info.status})` : `no answer: ${info.message}`}` };
  } finally {
    sts.destroy();
  }
}
