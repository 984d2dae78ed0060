import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsSecretsManagerStore } from '../../../core/stores/aws-secrets-manager';
import { StoreError } from '../../../core/stores/types';
import { startAwsStandIn, type AwsStandIn, type IamKey } from '../../helpers/standins/aws';
import { cli, makeProject } from '../rotation/project';
import { machineSecret, policyYaml } from '../../helpers/policy';

/**
 * The aws-secrets-manager store against the Secrets Manager stand-in (JSON 1.1 protocol, SigV4
 * checked; test/helpers/standins/aws-secrets-manager.ts), driven by the real AWS SDK v3 client.
 * The engine's stages are the staging labels:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 */
const value = (): string => `v-${randomBytes(18).toString('base64url')}`;

describe('aws-secrets-manager store against the Secrets Manager stand-in (real AWS SDK v3 client, SigV4 checked)', function () {
  this.timeout(60000);
  // The SDK's one-time notice that its 2027 releases need Node 22 is noise in the test log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let aws: AwsStandIn;
  let key: IamKey;
  const envFor = (k: IamKey) => ({ ...process.env, ROTATION_GUARD_AWS_BASE_URL: aws.url, AWS_ACCESS_KEY_ID: k.accessKeyId, AWS_SECRET_ACCESS_KEY: k.secretAccessKey });

  beforeEach(async () => {
    aws = await startAwsStandIn();
    key = aws.addUser('deployer');
  });
  afterEach(async () => aws.close());

  it('stand-in: pending, promote and previous are AWSPENDING, AWSCURRENT and AWSPREVIOUS; a repeated write adds no version', async () => {
    const store = new AwsSecretsManagerStore({ name: 'team/{id}', env: envFor(key) });
    const sm = aws.secretsManager;
    assert.equal(await store.get('openai', 'current'), null, 'nothing before the first write');
    const v1 = value();
    await store.set('openai', 'current', v1);
    assert.equal(sm.valueAt('team/openai', 'AWSCURRENT'), v1);

    // One rotation, in the engine's order: pending, previous := old, current := new, drop pending.
    const v2 = value();
    await store.set('openai', 'pending', v2);
    assert.equal(sm.valueAt('team/openai', 'AWSPENDING'), v2);
    assert.equal(await store.get('openai', 'pending'), v2);
    assert.equal(await store.get('openai', 'current'), v1, 'apps still read the old value');
    await store.set('openai', 'pending', v2);
    assert.equal(Object.keys(sm.labels('team/openai')).length, 2, 'writing the same pending value again adds no version');
    await store.set('openai', 'previous', v1);
    await store.set('openai', 'current', v2);
    assert.equal(await store.delete('openai', 'pending'), true);
    const labels = sm.labels('team/openai');
    assert.deepEqual(Object.values(labels).sort(), [['AWSCURRENT'], ['AWSPREVIOUS']], `labels: ${JSON.stringify(labels)}`);
    assert.equal(await store.get('openai', 'current'), v2);
    assert.equal(await store.get('openai', 'previous'), v1);
    assert.equal(await store.get('openai', 'pending'), null);
    assert.equal(await store.delete('openai', 'pending'), false, 'nothing to delete twice');

    // Rolling back after an in-place apply moves AWSCURRENT back to the old version, no new one.
    await store.set('openai', 'current', v1);
    assert.equal(sm.valueAt('team/openai', 'AWSCURRENT'), v1);
    assert.equal(Object.keys(sm.labels('team/openai')).length, 2);
    await assert.rejects(store.delete('openai', 'current'), (e: StoreError) => e.code === 'store/aws-current-label');
  });

  it('stand-in: an existing secret without the rotation-guard tag is read but never overwritten (a cloned policy cannot take over a secret)', async () => {
    const sm = aws.secretsManager;
    const theirs = value();
    sm.handle('CreateSecret', { Name: 'prod/billing', SecretString: theirs });
    const store = new AwsSecretsManagerStore({ name: 'prod/{id}', env: envFor(key) });
    assert.equal(await store.get('billing', 'current'), theirs);
    await assert.rejects(store.set('billing', 'pending', value()), (e: StoreError) => e.code === 'store/aws-not-managed' && /tag-resource/.test(e.message));
    await assert.rejects(store.delete('billing', 'previous'), (e: StoreError) => e.code === 'store/aws-not-managed');
    assert.deepEqual(Object.values(sm.labels('prod/billing')), [['AWSCURRENT']], 'nothing changed');
  });

  it('stand-in: a wrong secret key is an actionable StoreError (InvalidSignatureException) that names no value', async () => {
    const bad = { ...key, secretAccessKey: `${key.secretAccessKey.slice(0, -2)}zz` };
    const store = new AwsSecretsManagerStore({ env: envFor(bad) });
    await assert.rejects(store.get('x', 'current'), (e: StoreError) => {
      assert.equal(e.code, 'store/aws-InvalidSignature');
      assert.match(e.message, /check the AWS credentials/);
      assert.ok(!e.message.includes(key.secretAccessKey) && !e.message.includes(bad.secretAccessKey));
      return true;
    });
    const offline = new AwsSecretsManagerStore({ env: { ...envFor(key), ROTATION_GUARD_AWS_BASE_URL: 'http://127.0.0.1:9' } });
    await assert.rejects(offline.get('x', 'current'), (e: StoreError) => e.code === 'store/unavailable');
  });

  it('stand-in: a generate rotation through the CLI with Secrets Manager as the primary store leaves AWSCURRENT new and AWSPREVIOUS old', async () => {
    const project = makeProject(
      policyYaml({
        version: 1,
        stores: { sm: { type: 'aws-secrets-manager', name: 'svc/{id}', region: 'eu-west-1' } },
        providers: { random: { type: 'generate', length: 40 } },
        secrets: [machineSecret('svc-token', { kind: 'token', stores: ['sm'], rotation: { provider: 'random' } })],
      }),
      envFor(key),
    );
    try {
      const old = value();
      await new AwsSecretsManagerStore({ name: 'svc/{id}', env: envFor(key) }).set('svc-token', 'current', old); // creates it, tagged
      writeFileSync(join(project.dir, '.gitignore'), '.rotation/stages\n');
      const r = await cli(project, ['rotate', 'svc-token', '--trust', '--yes']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const sm = aws.secretsManager;
      const now = sm.valueAt('svc/svc-token', 'AWSCURRENT');
      assert.ok(now && now !== old && now.length === 40, 'a new 40-character value is AWSCURRENT');
      assert.equal(sm.valueAt('svc/svc-token', 'AWSPREVIOUS'), old, 'the old value is AWSPREVIOUS');
      assert.equal(sm.valueAt('svc/svc-token', 'AWSPENDING'), undefined, 'no AWSPENDING left');
      assert.ok(!(r.stdout + r.stderr).includes(now) && !(r.stdout + r.stderr).includes(old), 'no value in the output');
      assert.ok(aws.requests.every((q) => q.service !== 'secretsmanager' || q.status === 200 || q.action === 'GetSecretValue' || q.action === 'DescribeSecret'), 'no failed writes');
    } finally {
      project.cleanup();
    }
  });
});
