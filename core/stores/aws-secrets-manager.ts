import type * as SmSdk from '@aws-sdk/client-secrets-manager';
import { quietNodeVersionWarning } from '../rotation/providers/aws-iam/sdk';
import { StoreError, StoreUnavailableError, type SecretStore, type Stage } from './types';

export interface AwsSecretsManagerOptions {
  /** Secret name template (`{id}` = the secret id); defaults to `rotation-guard/{id}`. */
  name?: string;
  region?: string;
  env?: NodeJS.ProcessEnv;
}

/** Loaded on first use: the build maps it to dist/driver-aws.js (scripts/build.mjs `DRIVERS`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smSdk = (): typeof SmSdk => (quietNodeVersionWarning(), require('@aws-sdk/client-secrets-manager') as typeof SmSdk);

/** The engine's stages are Secrets Manager's own staging labels. */
const LABEL: Record<Stage, string> = { current: 'AWSCURRENT', pending: 'AWSPENDING', previous: 'AWSPREVIOUS' };
const MANAGED_TAG = 'rotation-guard';

/**
 * AWS Secrets Manager, so services on many machines read one current value. Stages map to the
 * staging labels AWS rotation itself uses: PENDING is a version labelled AWSPENDING; promoting
 * moves AWSCURRENT onto it, and Secrets Manager moves AWSPREVIOUS to the version it left. A value
 * already in a version is labelled, never written again (a resumed rotation adds no versions).
 * Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, else the SDK's usual
 * chain (profile, SSO, instance role).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
 */
export class AwsSecretsManagerStore implements SecretStore {
  readonly kind = 'aws-secrets-manager';
  readonly supportsStages = true;
  private client?: SmSdk.SecretsManagerClient;

  constructor(private readonly opts: AwsSecretsManagerOptions = {}) {}

  describe(): string {
    return `AWS Secrets Manager (${this.opts.name ?? 'rotation-guard/{id}'}${this.opts.region ? `, ${this.opts.region}` : ''})`;
  }

  private secretName(secretId: string): string {
    return (this.opts.name ?? 'rotation-guard/{id}').replace(/\{id\}/g, secretId);
  }

  private sm(): { client: SmSdk.SecretsManagerClient; sdk: typeof SmSdk } {
    const sdk = smSdk();
    if (!this.client) {
      const env = this.opts.env ?? process.env;
      const endpoint = env.ROTATION_GUARD_AWS_BASE_URL;
      const region = this.opts.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
      const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } : undefined;
      this.client = new sdk.SecretsManagerClient({ region, maxAttempts: 4, ...(credentials ? { credentials } : {}), ...(endpoint ? { endpoint } : {}) });
    }
    return { client: this.client, sdk };
  }

  /** Runs one call; ResourceNotFound is `undefined`, every other failure a StoreError without values. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'ResourceNotFoundException') return undefined;
      const status = e.$metadata?.httpStatusCode;
      if (status === undefined) throw new StoreUnavailableError(this.describe(), `${what}: no answer from AWS (${String(e.message ?? err).slice(0, 160)})`);
      const code = e.name ?? 'Error';
      const hint = /UnrecognizedClient|InvalidSignature|AccessDenied|ExpiredToken/.test(code) ? ' — check the AWS credentials this process runs with (environment, profile or role) and their secretsmanager permissions' : '';
      throw new StoreError(`store/aws-${code.replace(/Exception$/, '')}`, `${this.describe()}: ${what} failed: ${code} (${status})${hint}`, this.describe());
    }
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    const { client, sdk } = this.sm();
    const r = await this.call('GetSecretValue', () => client.send(new sdk.GetSecretValueCommand({ SecretId: this.secretName(secretId), VersionStage: LABEL[stage] })));
    return r?.SecretString ?? null;
  }

  /**
   * Version id → labels, or undefined when the secret does not exist. Writing needs the secret to
   * carry the `rotation-guard` tag (this store sets it on the secrets it creates): a policy from a
   * cloned repository must not be able to overwrite any secret the user's credentials reach.
   */
  private async versions(name: string, forWrite: boolean): Promise<Record<string, string[]> | undefined> {
    const { client, sdk } = this.sm();
    const r = await this.call('DescribeSecret', () => client.send(new sdk.DescribeSecretCommand({ SecretId: name })));
    if (!r) return undefined;
    if (forWrite && !(r.Tags ?? []).some((t) => t.Key === MANAGED_TAG)) {
      throw new StoreError('store/aws-not-managed', `${this.describe()}: the secret ${name} exists but was not made by Rotation Guard, so it is not overwritten; if rotation should own it, tag it \`${MANAGED_TAG}\` (aws secretsmanager tag-resource --secret-id ${name} --tags Key=${MANAGED_TAG},Value=managed)`, this.describe());
    }
    return r.VersionIdsToStages ?? {};
  }

  async set(secretId: string, stage: Stage, value: string): Promise<void> {
    const { client, sdk } = this.sm();
    const name = this.secretName(secretId);
    const label = LABEL[stage];
    let versions = await this.versions(name, true);
    if (!versions) {
      // No value at all: every version written later carries its label explicitly.
      await this.call('CreateSecret', () => client.send(new sdk.CreateSecretCommand({ Name: name, Description: 'Kept by Rotation Guard', Tags: [{ Key: MANAGED_TAG, Value: 'managed' }] })));
      versions = {};
    }
    const holder = Object.keys(versions).find((v) => versions[v]!.includes(label));
    // The version that already holds this value, if any (only labelled versions can matter).
    let match: string | undefined;
    for (const id of Object.keys(versions).sort((a, b) => Number(versions[b]!.includes(label)) - Number(versions[a]!.includes(label)))) {
      const r = await this.call('GetSecretValue', () => client.send(new sdk.GetSecretValueCommand({ SecretId: name, VersionId: id })));
      if (r?.SecretString === value) {
        match = id;
        break;
      }
    }
    if (match && match === holder) return;
    if (match) {
      await this.call('UpdateSecretVersionStage', () => client.send(new sdk.UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: label, MoveToVersionId: match, ...(holder ? { RemoveFromVersionId: holder } : {}) })));
      return;
    }
    const r = await this.call('PutSecretValue', () => client.send(new sdk.PutSecretValueCommand({ SecretId: name, SecretString: value, VersionStages: [label] })));
    if (!r) throw new StoreError('store/aws-ResourceNotFound', `${this.describe()}: the secret ${name} disappeared while it was written`, this.describe());
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    const { client, sdk } = this.sm();
    const name = this.secretName(secretId);
    const versions = await this.versions(name, true);
    const holder = versions && Object.keys(versions).find((v) => versions[v]!.includes(LABEL[stage]));
    if (!holder) return false;
    if (stage === 'current') throw new StoreError('store/aws-current-label', `${this.describe()}: AWSCURRENT can only be moved to another version, not removed; delete the secret ${name} in Secrets Manager if it should go`, this.describe());
    await this.call('UpdateSecretVersionStage', () => client.send(new sdk.UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: LABEL[stage], RemoveFromVersionId: holder })));
    return true;
  }
}
