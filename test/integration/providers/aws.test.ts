import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { verifyLedger } from '../../../core/ledger';
import { readEnvValue, writeEnvValue } from '../../../core/stores/env-format';
import { formatCredential, parseCredential } from '../../../core/rotation/providers/aws-iam';
import { startAwsStandIn, type AwsStandIn, type IamKey } from '../../helpers/standins/aws';
import { cli, makeProject, type TestProject } from '../rotation/project';
import { rotateInProcess } from './in-process';
import { KILL_ROUNDS, PAUSE_POINTS, killAndResume, newStats, type KillStats } from './kill-resume';
import { machineSecret, policyYaml } from '../../helpers/policy';

/**
 * The aws-iam and aws-bedrock providers through the real CLI, against the AWS stand-in
 * (test/helpers/standins/aws.ts, built from the IAM/STS API reference), which the real AWS SDK v3
 * clients reach through ROTATION_GUARD_AWS_BASE_URL and which checks every SigV4 signature.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
 */
const credOf = (k: IamKey): string => formatCredential({ AccessKeyId: k.accessKeyId, SecretAccessKey: k.secretAccessKey });

function policy(extra: { inactiveKey?: 'delete' } = {}): string {
  return policyYaml({
    version: 1,
    stores: { dotenv: { type: 'env-file', path: '.env.local' }, 'admin-env': { type: 'env-file', path: '.env.admin' } },
    providers: {
      aws: { type: 'aws-iam', userName: 'app-bot', adminConnection: 'aws-admin', ...extra },
      bedrock: { type: 'aws-bedrock', userName: 'bedrock-bot', adminConnection: 'aws-admin', credentialAgeDays: 90 },
      random: { type: 'generate', length: 40 },
    },
    secrets: [
      machineSecret('baseline', { kind: 'token', stores: ['dotenv'], rotation: { provider: 'random' }, references: { env: ['BASELINE_TOKEN'] } }),
      machineSecret('aws-admin', { maxAge: '90d', stores: ['admin-env'], references: { env: ['AWS_ADMIN_CREDENTIAL'] } }),
      machineSecret('aws-app', { stores: ['dotenv'], rotation: { provider: 'aws' }, verification: { type: 'aws-iam' }, references: { env: ['AWS_APP_CREDENTIAL'] } }),
      machineSecret('bedrock-app', { stores: ['dotenv'], rotation: { provider: 'bedrock' }, verification: { type: 'aws-bedrock' }, references: { env: ['AWS_BEARER_TOKEN_BEDROCK'] } }),
    ],
  });
}

interface AwsProject {
  project: TestProject;
  appKey: IamKey;
}

function makeAwsProject(aws: AwsStandIn, admin: IamKey): AwsProject {
  const appKey = aws.addUser('app-bot');
  aws.users.add('bedrock-bot');
  const project = makeProject(policy(), { ...process.env, ROTATION_GUARD_AWS_BASE_URL: aws.url });
  writeFileSync(join(project.dir, '.env.admin'), writeEnvValue('', 'AWS_ADMIN_CREDENTIAL', credOf(admin)));
  writeFileSync(join(project.dir, '.env.local'), writeEnvValue('', 'AWS_APP_CREDENTIAL', credOf(appKey)));
  return { project, appKey };
}

const envValue = (p: TestProject, name: string): string | null => readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), name);

describe('aws-iam and aws-bedrock providers against the AWS stand-in (real AWS SDK v3 clients, SigV4 checked; CLI)', function () {
  this.timeout(120000);
  // The SDK's one-time notice that its 2027 releases need Node 22 is noise in the test log.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let aws: AwsStandIn;
  let admin: IamKey;
  const killStats: Record<string, KillStats> = {};

  beforeEach(async () => {
    aws = await startAwsStandIn();
    admin = aws.addUser('admin');
  });
  afterEach(async () => aws.close());
  after(() => {
    for (const [name, s] of Object.entries(killStats)) console.log(`      [kill-resume ${name}] ${JSON.stringify(s)}`);
  });

  it('stand-in: the real SDK is answered for the right secret, SignatureDoesNotMatch (403) for a wrong one, InvalidClientTokenId for an unknown key', async () => {
    const good = new STSClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey } });
    assert.match((await good.send(new GetCallerIdentityCommand({}))).Arn ?? '', /:user\/admin$/);
    const wrong = new IAMClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: `${admin.secretAccessKey.slice(0, -1)}x` } });
    await assert.rejects(wrong.send(new ListAccessKeysCommand({ UserName: 'admin' })), (e: { name: string; $metadata: { httpStatusCode: number } }) => e.name === 'SignatureDoesNotMatch' && e.$metadata.httpStatusCode === 403);
    const unknown = new STSClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId: `AKIA${'Q'.repeat(16)}`, secretAccessKey: admin.secretAccessKey } });
    await assert.rejects(unknown.send(new GetCallerIdentityCommand({})), (e: { name: string }) => e.name === 'InvalidClientTokenId');
    [good, wrong, unknown].forEach((c) => c.destroy());
  });

  it('stand-in: aws-iam rotates in one run: new key verified by STS, stores switched, old key deactivated, refused and deleted', async () => {
    const { project, appKey } = makeAwsProject(aws, admin);
    try {
      const t0 = performance.now();
      const r = await cli(project, ['rotate', 'aws-app', '--trust', '--yes']);
      const ms = performance.now() - t0;
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const current = parseCredential(envValue(project, 'AWS_APP_CREDENTIAL'));
      assert.ok(current && current.AccessKeyId !== appKey.accessKeyId, 'the env file holds a new key');
      const keys = aws.keysOf('app-bot');
      assert.deepEqual(keys.map((k) => [k.accessKeyId, k.status]), [[current.AccessKeyId, 'Active']], 'one key left: the new one');
      const actions = aws.requests.filter((q) => q.status === 200).map((q) => q.action);
      assert.ok(actions.indexOf('CreateAccessKey') < actions.indexOf('UpdateAccessKey') && actions.indexOf('UpdateAccessKey') < actions.indexOf('DeleteAccessKey'), `order: ${actions.join(',')}`);
      assert.ok(aws.requests.some((q) => q.action === 'GetCallerIdentity' && q.accessKeyId === appKey.accessKeyId && q.status === 403), 'the old key was shown refused by STS');
      for (const secret of [appKey.secretAccessKey, current.SecretAccessKey, admin.secretAccessKey]) assert.ok(!(r.stdout + r.stderr).includes(secret), 'no secret in the CLI output');
      assert.ok(!readFileSync(join(project.dir, '.rotation/ledger.jsonl'), 'utf8').includes(current.AccessKeyId), 'no access key id in the ledger');
      assert.equal(verifyLedger(join(project.dir, '.rotation/ledger.jsonl')).ok, true);
      console.log(`      [timing] one aws-iam rotation through the CLI against the stand-in: ${ms.toFixed(0)} ms wall (process start included)`);
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: aws-iam and aws-bedrock rotate in process, cold and warm, and print their wall time (speed is a benchmark figure, not a test)', async () => {
    const { project } = makeAwsProject(aws, admin);
    try {
      const env = project.env;
      const cold = await rotateInProcess(project.policyPath, 'aws-app', env);
      assert.equal(cold.result.status, 'rotated', cold.result.message);
      const warm = await rotateInProcess(project.policyPath, 'aws-app', env);
      assert.equal(warm.result.status, 'rotated', warm.result.message);
      const seed = await rotateInProcess(project.policyPath, 'bedrock-app', env);
      assert.equal(seed.result.status, 'rotated', seed.result.message);
      const bedrock = await rotateInProcess(project.policyPath, 'bedrock-app', env);
      assert.equal(bedrock.result.status, 'rotated', bedrock.result.message);
      await rotateInProcess(project.policyPath, 'baseline', env);
      const base = await rotateInProcess(project.policyPath, 'baseline', env);
      assert.equal(base.result.status, 'rotated', base.result.message);
      console.log(`      [timing] in process: aws-iam cold ${cold.ms.toFixed(0)} ms (SDK load included), warm ${warm.ms.toFixed(0)} ms; aws-bedrock (dual, revoking) ${bedrock.ms.toFixed(0)} ms; baseline generate + env file (same stores, no issuer) ${base.ms.toFixed(0)} ms`);
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: a user that already has two keys is refused up front and nothing changes; inactiveKey: delete makes room', async () => {
    const { project, appKey } = makeAwsProject(aws, admin);
    try {
      const second = aws.issueKey('app-bot');
      const r = await cli(project, ['rotate', 'aws-app', '--trust', '--yes']);
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, /already has two access keys/);
      assert.equal(aws.keysOf('app-bot').length, 2, 'no key created or deleted');
      assert.equal(envValue(project, 'AWS_APP_CREDENTIAL'), credOf(appKey), 'the current value is untouched');
      second.status = 'Inactive';
      writeFileSync(project.policyPath, policy({ inactiveKey: 'delete' }));
      const ok = await cli(project, ['rotate', 'aws-app', '--trust', '--yes']);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.ok(!aws.keys.has(second.accessKeyId), 'the inactive key was deleted');
      assert.equal(aws.keysOf('app-bot').length, 1);
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: a throttled CreateAccessKey (400 Throttling) is retried by the SDK and the rotation completes', async () => {
    const { project } = makeAwsProject(aws, admin);
    try {
      aws.failNext.set('CreateAccessKey', { status: 400, code: 'Throttling' });
      const r = await cli(project, ['rotate', 'aws-app', '--trust', '--yes']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(aws.requests.filter((q) => q.action === 'CreateAccessKey').length, 2, 'one throttled attempt, one retry');
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: when STS refuses the new key, the rotation rolls back and deletes the key it created', async () => {
    const { project, appKey } = makeAwsProject(aws, admin);
    try {
      aws.acceptNewKeys = false;
      const r = await cli(project, ['rotate', 'aws-app', '--trust', '--yes']);
      assert.match(r.stdout, /rolled-back/, r.stdout + r.stderr);
      assert.deepEqual(aws.keysOf('app-bot').map((k) => k.accessKeyId), [appKey.accessKeyId], 'only the old key is left');
      assert.equal(envValue(project, 'AWS_APP_CREDENTIAL'), credOf(appKey));
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: aws-bedrock rotates a long-term Bedrock API key: created, checked, switched, deactivated, refused, deleted', async () => {
    const { project } = makeAwsProject(aws, admin);
    try {
      const seed = await cli(project, ['rotate', 'bedrock-app', '--trust', '--yes']);
      assert.equal(seed.code, 0, seed.stdout + seed.stderr);
      const before = envValue(project, 'AWS_BEARER_TOKEN_BEDROCK')!;
      const t0 = performance.now();
      const r = await cli(project, ['rotate', 'bedrock-app', '--trust', '--yes']);
      const ms = performance.now() - t0;
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const now = envValue(project, 'AWS_BEARER_TOKEN_BEDROCK')!;
      assert.notEqual(now, before);
      const creds = [...aws.serviceCredentials.values()].filter((c) => c.userName === 'bedrock-bot');
      assert.deepEqual(creds.map((c) => [c.secret === now, c.status, c.serviceName, !!c.expirationDate]), [[true, 'Active', 'bedrock.amazonaws.com', true]], 'only the new key is left');
      assert.ok(aws.requests.some((q) => q.service === 'bedrock' && q.status === 403), 'the old key was shown refused');
      assert.ok(!(r.stdout + r.stderr).includes(now) && !(r.stdout + r.stderr).includes(before), 'no key in the output');
      console.log(`      [timing] one aws-bedrock rotation through the CLI against the stand-in: ${ms.toFixed(0)} ms wall (process start included)`);
    } finally {
      project.cleanup();
    }
  });

  for (const [name, secretId, envVar] of [['aws-iam', 'aws-app', 'AWS_APP_CREDENTIAL'], ['aws-bedrock', 'bedrock-app', 'AWS_BEARER_TOKEN_BEDROCK']] as const) {
    it(`stand-in: ${name} killed at each of ${PAUSE_POINTS.length} points ×${KILL_ROUNDS} then continued: a working key is always held, and no key valid at the issuer is left outside the stores`, async function () {
      this.timeout(PAUSE_POINTS.length * KILL_ROUNDS * 30000);
      const { project } = makeAwsProject(aws, admin);
      const stats = (killStats[name] = newStats());
      try {
        if (name === 'aws-bedrock') assert.equal((await cli(project, ['rotate', secretId, '--trust', '--yes'])).code, 0, 'seed a first Bedrock key');
        const validAtIssuer = () =>
          name === 'aws-iam'
            ? aws.keysOf('app-bot').filter((k) => k.status === 'Active').map(credOf)
            : [...aws.serviceCredentials.values()].filter((c) => c.userName === 'bedrock-bot' && c.status === 'Active').map((c) => c.secret);
        for (let round = 0; round < KILL_ROUNDS; round++) {
          for (const [i, point] of PAUSE_POINTS.entries()) await killAndResume({ project, secretId, envVar, validAtIssuer }, point, round + i, stats);
        }
        assert.equal(stats.withoutWorkingKey, 0);
        assert.equal(stats.orphansAfterResume, 0);
      } finally {
        project.cleanup();
      }
    });
  }
});
