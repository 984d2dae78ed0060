import type { IAMClient, ServiceSpecificCredentialMetadata } from '@aws-sdk/client-iam';
import type { CheckResult } from '../types';
import { withIamClient } from '../aws-iam/provider';
import { IssuedKeyJournal } from '../aws-iam/issued-journal';
import { checkUntilRefused, iamCall, iamSdk, shownKeyId } from '../aws-iam/sdk';
import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export interface AwsBedrockOptions {
  /** The IAM user the long-term Bedrock API key belongs to (dedicated to this secret). */
  userName?: string;
  /** Id of the secret holding the admin credential (credential_process JSON). */
  adminConnection?: string;
  region?: string;
  /** Days until each new key expires (IAM `CredentialAgeDays`); none: it does not expire. */
  credentialAgeDays?: number;
  /** The user already has a second, inactive Bedrock key: `refuse` (default) or `delete` it. */
  inactiveKey?: 'refuse' | 'delete';
}

const SERVICE = 'bedrock.amazonaws.com';
type Sdk = ReturnType<typeof iamSdk>;

/**
 * Bedrock ListFoundationModels with the API key as a bearer token: a read-only call that costs
 * nothing. 401/403 is a refusal; anything else is inconclusive.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html
 */
export async function checkBedrockKey(value: string, env: NodeJS.ProcessEnv, region = 'us-east-1'): Promise<CheckResult> {
  const base = env.ROTATION_GUARD_AWS_BASE_URL ?? `https://bedrock.${region}.amazonaws.com`;
  try {
    const res = await fetch(`${base.replace(/\/$/, '')}/foundation-models`, { headers: { authorization: `Bearer ${value}` }, signal: AbortSignal.timeout(15000), redirect: 'error' });
    await res.arrayBuffer().catch(() => undefined);
    if (res.ok) return { status: 'works', detail: `Bedrock ListFoundationModels answered ${res.status}` };
    if (res.status === 401 || res.status === 403) return { status: 'refused', detail: `Bedrock ListFoundationModels answered ${res.status}` };
    return { status: 'error', detail: `Bedrock ListFoundationModels answered ${res.status}` };
  } catch (err) {
    return { status: 'error', detail: `Bedrock: ${(err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message}` };
  }
}

/**
 * Long-term Amazon Bedrock API keys: IAM service-specific credentials for bedrock.amazonaws.com
 * (at most two per user, so dual keys like access keys). The key's id cannot be read from the key,
 * so the issued-key journal tells the new key from the old one.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceSpecificCredential.html
 */
export function awsBedrockProvider(opts: AwsBedrockOptions): RotationProvider {
  const type = 'aws-bedrock';
  const user = (): string => {
    if (!opts.userName) throw new ProviderError('provider/config', 'the aws-bedrock provider needs `userName`: the IAM user the Bedrock API key belongs to');
    return opts.userName;
  };
  const withIam = <T>(ctx: ProviderContext, fn: (iam: IAMClient, sdk: Sdk) => Promise<T>): Promise<T> => withIamClient(ctx, opts, type, fn);
  const list = async (iam: IAMClient, sdk: Sdk): Promise<ServiceSpecificCredentialMetadata[]> =>
    (await iamCall(`ListServiceSpecificCredentials for IAM user ${user()}`, () => iam.send(new sdk.ListServiceSpecificCredentialsCommand({ UserName: user(), ServiceName: SERVICE }))))?.ServiceSpecificCredentials ?? [];
  const remove = (iam: IAMClient, sdk: Sdk, id: string) => iamCall(`DeleteServiceSpecificCredential ${shownKeyId(id)}`, () => iam.send(new sdk.DeleteServiceSpecificCredentialCommand({ UserName: user(), ServiceSpecificCredentialId: id })), true);
  const journal = (ctx: ProviderContext) => new IssuedKeyJournal(ctx.cwd, type, ctx.secretId);

  return {
    type,
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      return withIam(ctx, async (iam, sdk) => {
        const issued = journal(ctx);
        let creds = await list(iam, sdk);
        // The key the last create issued is either the current one or an orphan nobody holds.
        const orphan = creds.find((c) => issued.names(c.ServiceSpecificCredentialId!) && !issued.holds(ctx.currentValue));
        if (orphan) {
          await remove(iam, sdk, orphan.ServiceSpecificCredentialId!);
          creds = creds.filter((c) => c !== orphan);
        }
        if (creds.length >= 2 && opts.inactiveKey === 'delete') {
          for (const c of creds.filter((c) => c.Status === 'Inactive')) await remove(iam, sdk, c.ServiceSpecificCredentialId!);
          creds = creds.filter((c) => c.Status !== 'Inactive');
        }
        if (creds.length >= 2) {
          const shown = creds.map((c) => `${shownKeyId(c.ServiceSpecificCredentialId!)} (${c.Status})`).join(', ');
          throw new ProviderError('provider/aws-key-limit', `IAM user ${user()} already has two Bedrock API keys (${shown}); AWS allows two per user, so a rotation needs one free slot. Delete the one no application uses (aws iam delete-service-specific-credential --user-name ${user()} --service-specific-credential-id …), or set \`inactiveKey: delete\` to let rotation delete an inactive one.`);
        }
        const create = new sdk.CreateServiceSpecificCredentialCommand({ UserName: user(), ServiceName: SERVICE, ...(opts.credentialAgeDays ? { CredentialAgeDays: opts.credentialAgeDays } : {}) });
        const cred = (await iamCall(`CreateServiceSpecificCredential (${SERVICE}) for IAM user ${user()}`, () => iam.send(create)))?.ServiceSpecificCredential;
        if (!cred?.ServiceSpecificCredentialId || !cred.ServiceCredentialSecret) throw new ProviderError('provider/aws-response', 'CreateServiceSpecificCredential answered without a Bedrock API key');
        issued.record(cred.ServiceSpecificCredentialId, cred.ServiceCredentialSecret);
        return { value: cred.ServiceCredentialSecret, versionId: shownKeyId(cred.ServiceSpecificCredentialId) };
      });
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const issued = journal(ctx);
      if (!issued.recorded() || issued.holds(oldValue)) return { outcome: 'skipped', detail: 'this machine did not issue the new Bedrock key, so it cannot tell the old one apart; delete the old key in the IAM console' };
      return withIam(ctx, async (iam, sdk) => {
        const old = (await list(iam, sdk)).filter((c) => !issued.names(c.ServiceSpecificCredentialId!));
        if (old.length === 0) return { outcome: 'ok', detail: `the old Bedrock API key of IAM user ${user()} was already deleted` };
        if (old.length > 1) return { outcome: 'skipped', detail: `IAM user ${user()} has ${old.length} other Bedrock API keys; delete the old one in the IAM console` };
        const id = old[0]!.ServiceSpecificCredentialId!;
        await iamCall(`UpdateServiceSpecificCredential ${shownKeyId(id)} Inactive`, () => iam.send(new sdk.UpdateServiceSpecificCredentialCommand({ UserName: user(), ServiceSpecificCredentialId: id, Status: 'Inactive' })));
        const last = await checkUntilRefused(() => checkBedrockKey(oldValue, ctx.env, opts.region));
        if (last.status !== 'refused') throw new ProviderError('provider/aws-old-still-valid', `Bedrock API key ${shownKeyId(id)} is Inactive but was not shown refused (${last.detail}); it was not deleted`);
        await remove(iam, sdk, id);
        return { outcome: 'ok', detail: `Bedrock API key ${shownKeyId(id)} of IAM user ${user()} deactivated, refused, deleted` };
      });
    },
    async discardIssued(ctx): Promise<void> {
      const issued = journal(ctx);
      if (issued.holds(ctx.currentValue)) return;
      await withIam(ctx, async (iam, sdk) => {
        for (const c of await list(iam, sdk)) if (issued.names(c.ServiceSpecificCredentialId!)) await remove(iam, sdk, c.ServiceSpecificCredentialId!);
      });
      issued.clear();
    },
  };
}
