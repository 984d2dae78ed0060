import type * as IamSdk from '@aws-sdk/client-iam';
import type * as StsSdk from '@aws-sdk/client-sts';
import { ProviderError, type CheckResult } from '../types';

/**
 * The AWS SDK v3 clients, loaded on first use: the build maps these packages to dist/driver-aws.js
 * (scripts/build.mjs `DRIVERS`), so the server and `scan` never parse 1.3 MB of SDK.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const iamSdk = (): typeof IamSdk => (quietNodeVersionWarning(), require('@aws-sdk/client-iam') as typeof IamSdk);
export const stsSdk = (): typeof StsSdk => (quietNodeVersionWarning(), require('@aws-sdk/client-sts') as typeof StsSdk);
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The SDK warns on stderr, once per process, that future versions need Node 22: in a user's
 * terminal or VS Code's extension host that is noise about a runtime they do not choose here.
 */
export function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * An AWS credential as the SDKs' `credential_process` prints it, which is also how this provider
 * stores one: one line of JSON, so a single store entry holds the id and the secret together.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html
 */
export interface AwsCredential {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
}

export function formatCredential(c: AwsCredential): string {
  return JSON.stringify({ Version: 1, AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { SessionToken: c.SessionToken } : {}) });
}

/** Null when the value is not a credential_process JSON document (never echoes the value). */
export function parseCredential(value: string | null | undefined): AwsCredential | null {
  if (!value) return null;
  try {
    const doc = JSON.parse(value) as Record<string, unknown>;
    if (typeof doc.AccessKeyId !== 'string' || typeof doc.SecretAccessKey !== 'string') return null;
    return { AccessKeyId: doc.AccessKeyId, SecretAccessKey: doc.SecretAccessKey, ...(typeof doc.SessionToken === 'string' ? { SessionToken: doc.SessionToken } : {}) };
  } catch {
    return null;
  }
}

/** An access key id shown to people: the console's form, last four characters only. */
export const shownKeyId = (id: string): string => `…${id.slice(-4)}`;

/**
 * Client settings. The endpoint can be moved for tests only through the environment
 * (ROTATION_GUARD_AWS_BASE_URL), never by a policy: a policy could otherwise send an admin
 * credential's signature to a host of its choosing.
 */
export function awsClientConfig(env: NodeJS.ProcessEnv, credential: AwsCredential, region = 'us-east-1') {
  const endpoint = env.ROTATION_GUARD_AWS_BASE_URL;
  return {
    region,
    credentials: { accessKeyId: credential.AccessKeyId, secretAccessKey: credential.SecretAccessKey, ...(credential.SessionToken ? { sessionToken: credential.SessionToken } : {}) },
    maxAttempts: 4,
    ...(endpoint ? { endpoint } : {}),
  };
}

/** An SDK error's code (`LimitExceeded`, `InvalidClientTokenId`) and HTTP status; none for a network failure. */
export function awsErrorInfo(err: unknown): { code?: string; status?: number; message: string } {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  const status = e?.$metadata?.httpStatusCode;
  const code = status !== undefined ? (e.Code ?? e.name)?.replace(/Exception$/, '') : undefined;
  return { code, status, message: String(e?.message ?? err).slice(0, 200) };
}

export function providerFailure(action: string, err: unknown): ProviderError {
  const info = awsErrorInfo(err);
  return new ProviderError(info.code ? `provider/aws-${info.code}` : 'provider/aws-network', `${action} failed: ${info.code ? `${info.code} (${info.status})` : 'no answer from AWS'}: ${info.message}`);
}

/** One IAM call whose failure names it (`action`); with `goneIsDone`, NoSuchEntity (already deleted) is no failure. */
export async function iamCall<T>(action: string, send: () => Promise<T>, goneIsDone = false): Promise<T | undefined> {
  try {
    return await send();
  } catch (err) {
    if (goneIsDone && (err as { name?: string }).name === 'NoSuchEntityException') return undefined;
    throw providerFailure(action, err);
  }
}

/**
 * Deleting cannot be undone, deactivating can: a deactivated key is deleted only once `check` shows
 * it refused. IAM is eventually consistent, so a just-deactivated key may still work for a moment.
 */
export async function checkUntilRefused(check: () => Promise<CheckResult>): Promise<CheckResult> {
  let last = await check();
  for (let attempt = 1; last.status === 'works' && attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 250 * attempt));
    last = await check();
  }
  return last;
}
