import type { IAMClient } from '@aws-sdk/client-iam';
import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';
import { checkAwsCredential } from './check';
import { IssuedKeyJournal } from './issued-journal';
import { awsClientConfig, checkUntilRefused, formatCredential, iamCall, iamSdk, parseCredential, shownKeyId, type AwsCredential } from './sdk';

export interface AwsIamOptions {
  /** The IAM user whose access key is rotated (dedicated to this secret). */
  userName?: string;
  /** Id of the secret whose current value is the admin credential (credential_process JSON) allowed to manage the user's keys. */
  adminConnection?: string;
  region?: string;
  /** The user already has a second, inactive key: `refuse` (default) or `delete` it to make room. */
  inactiveKey?: 'refuse' | 'delete';
}

type Sdk = ReturnType<typeof iamSdk>;

/** The admin credential the policy names, read from its stores; never the rotated key. */
export async function adminCredential(ctx: ProviderContext, adminConnection: string | undefined, type: string): Promise<AwsCredential> {
  if (!adminConnection) throw new ProviderError('provider/config', `the ${type} provider needs \`adminConnection\`: the id of the secret holding an AWS credential allowed to manage the user's keys`);
  const admin = parseCredential(await ctx.secretValue(adminConnection));
  if (!admin) throw new ProviderError('provider/admin-missing', `the admin secret "${adminConnection}" has no current value in its stores, or it is not credential_process JSON ({"Version":1,"AccessKeyId":…,"SecretAccessKey":…})`);
  return admin;
}

/** An IAM client signed with the policy's admin credential for the length of `fn`, then destroyed. */
export async function withIamClient<T>(ctx: ProviderContext, opts: { adminConnection?: string; region?: string }, type: string, fn: (iam: IAMClient, sdk: Sdk) => Promise<T>): Promise<T> {
  const sdk = iamSdk();
  const iam = new sdk.IAMClient(awsClientConfig(ctx.env, await adminCredential(ctx, opts.adminConnection, type), opts.region));
  try {
    return await fn(iam, sdk);
  } finally {
    iam.destroy();
  }
}

/**
 * IAM access keys, the rotation AWS documents: create a second key, check it (STS
 * GetCallerIdentity), switch the stores, deactivate the old key, prove it is refused, delete it.
 * A user holds at most two keys, so this is the dual-key strategy: the old key keeps working
 * through the grace period, and a user that already has two keys is refused up front.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
 */
export function awsIamProvider(opts: AwsIamOptions): RotationProvider {
  const type = 'aws-iam';
  const user = (): string => {
    if (!opts.userName) throw new ProviderError('provider/config', 'the aws-iam provider needs `userName`: the IAM user whose access key is rotated');
    return opts.userName;
  };
  const withIam = <T>(ctx: ProviderContext, fn: (iam: IAMClient, sdk: Sdk) => Promise<T>): Promise<T> => withIamClient(ctx, opts, type, fn);
  const listKeys = async (iam: IAMClient, sdk: Sdk) => (await iamCall(`ListAccessKeys for IAM user ${user()}`, () => iam.send(new sdk.ListAccessKeysCommand({ UserName: user() }))))?.AccessKeyMetadata ?? [];
  const deleteKey = (iam: IAMClient, sdk: Sdk, id: string) => iamCall(`DeleteAccessKey ${shownKeyId(id)}`, () => iam.send(new sdk.DeleteAccessKeyCommand({ UserName: user(), AccessKeyId: id })), true);
  const journal = (ctx: ProviderContext) => new IssuedKeyJournal(ctx.cwd, type, ctx.secretId);

  return {
    type,
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      return withIam(ctx, async (iam, sdk) => {
        const currentId = parseCredential(ctx.currentValue)?.AccessKeyId;
        const issued = journal(ctx);
        const keys = await listKeys(iam, sdk);
        const currentHeld = keys.some((k) => k.AccessKeyId === currentId);
        let others = keys.filter((k) => k.AccessKeyId && k.AccessKeyId !== currentId);
        // A key an earlier, interrupted create issued that no store ever held: nobody can use it.
        for (const k of others.filter((k) => issued.names(k.AccessKeyId!))) await deleteKey(iam, sdk, k.AccessKeyId!);
        others = others.filter((k) => !issued.names(k.AccessKeyId!));
        const inactive = others.filter((k) => k.Status === 'Inactive');
        if (others.length && opts.inactiveKey === 'delete' && inactive.length === others.length) {
          for (const k of inactive) await deleteKey(iam, sdk, k.AccessKeyId!);
          others = [];
        }
        if (others.length + (currentHeld ? 1 : 0) >= 2) {
          const list = others.map((k) => `${shownKeyId(k.AccessKeyId!)} (${k.Status})`).join(', ');
          throw new ProviderError('provider/aws-key-limit', `IAM user ${user()} already has two access keys (besides the current one: ${list}); AWS allows two per user, so a rotation needs one free slot. Delete the key no application uses (aws iam delete-access-key --user-name ${user()} --access-key-id …)${inactive.length ? ', or set `inactiveKey: delete` to let rotation delete an inactive one' : ''}.`);
        }
        const key = (await iamCall(`CreateAccessKey for IAM user ${user()}`, () => iam.send(new sdk.CreateAccessKeyCommand({ UserName: user() }))))?.AccessKey;
        if (!key?.AccessKeyId || !key.SecretAccessKey) throw new ProviderError('provider/aws-response', 'CreateAccessKey answered without an access key');
        const value = formatCredential({ AccessKeyId: key.AccessKeyId, SecretAccessKey: key.SecretAccessKey });
        issued.record(key.AccessKeyId, value);
        return { value, versionId: shownKeyId(key.AccessKeyId) };
      });
    },
    async revoke(ctx, oldValue): Promise<RevokeOutcome> {
      const old = parseCredential(oldValue);
      if (!old) return { outcome: 'skipped', detail: 'the old value is not an AWS credential (credential_process JSON); revoke it in the IAM console' };
      return withIam(ctx, async (iam, sdk) => {
        const found = (await listKeys(iam, sdk)).find((k) => k.AccessKeyId === old.AccessKeyId);
        if (!found) return { outcome: 'ok', detail: `access key ${shownKeyId(old.AccessKeyId)} of IAM user ${user()} was already deleted` };
        if (found.Status !== 'Inactive') await iamCall(`UpdateAccessKey ${shownKeyId(old.AccessKeyId)} Inactive`, () => iam.send(new sdk.UpdateAccessKeyCommand({ UserName: user(), AccessKeyId: old.AccessKeyId, Status: 'Inactive' })));
        const last = await checkUntilRefused(() => checkAwsCredential(oldValue, ctx.env, opts.region));
        if (last.status !== 'refused') throw new ProviderError('provider/aws-old-still-valid', `access key ${shownKeyId(old.AccessKeyId)} is Inactive but was not shown refused (${last.detail}); it was not deleted`);
        await deleteKey(iam, sdk, old.AccessKeyId);
        return { outcome: 'ok', detail: `access key ${shownKeyId(old.AccessKeyId)} of IAM user ${user()} deactivated, refused by STS, deleted` };
      });
    },
    async discardIssued(ctx): Promise<void> {
      const currentId = parseCredential(ctx.currentValue)?.AccessKeyId;
      const issued = journal(ctx);
      await withIam(ctx, async (iam, sdk) => {
        for (const k of await listKeys(iam, sdk)) if (k.AccessKeyId && k.AccessKeyId !== currentId && issued.names(k.AccessKeyId)) await deleteKey(iam, sdk, k.AccessKeyId);
      });
      issued.clear();
    },
  };
}
