import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as policyCmd } from '../../../cli/src/commands/policy';
import { UsageError, type CliIO } from '../../../cli/src/io';
import { awsCron } from '../../../core/policy/state/export';
import { tempProject } from '../../helpers/temp-project';

const root = join(__dirname, '../../../..');
const example = join(root, 'test/fixtures/policy/valid/rotation-policy.yaml');
const NOW = '2026-11-20T00:00:00Z';

function memoryIO(cwd = root): CliIO & { out: string; err: string } {
  const io = { cwd, env: {}, out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => '' };
  return io;
}

async function exportTo(to: string, id: string, policy = example): Promise<{ code: number; json?: unknown; err: string }> {
  const io = memoryIO();
  const code = await policyCmd(['export', '--to', to, '--policy', policy, '--now', NOW, id], io);
  return { code, err: io.err, ...(code === 0 ? { json: JSON.parse(io.out) as unknown } : {}) };
}

describe('rotation-guard policy export', () => {
  it('AWS: AutomaticallyAfterDays for a maxAge in days; a cron schedule with its Duration', async () => {
    assert.deepEqual((await exportTo('aws', 'openai-prod')).json, { RotationRules: { AutomaticallyAfterDays: 30 } });
    assert.deepEqual((await exportTo('aws', 'pg-app')).json, { RotationRules: { ScheduleExpression: 'cron(0 3 ? * 2 *)', Duration: '2h' } });
  });

  it('Azure: Rotate after creation, Notify before expiry, expiryTime', async () => {
    assert.deepEqual((await exportTo('azure', 'openai-prod')).json, {
      lifetimeActions: [
        { trigger: { timeAfterCreate: 'P30D' }, action: { type: 'Rotate' } },
        { trigger: { timeBeforeExpiry: 'P7D' }, action: { type: 'Notify' } },
      ],
      attributes: { expiryTime: 'P30D' },
    });
  });

  it('Vault: rotation_period in seconds, or rotation_schedule with rotation_window and the role', async () => {
    assert.deepEqual((await exportTo('vault', 'webhook-signing')).json, { name: 'webhook-signing', rotation_period: 7776000 });
    assert.deepEqual((await exportTo('vault', 'pg-app')).json, { name: 'pg-app', username: 'app_user', rotation_schedule: '0 3 * * 1', rotation_window: 7200 });
  });

  it('GCP: rotationPeriod in seconds and the next rotation from the ledger state', async () => {
    assert.deepEqual((await exportTo('gcp', 'openai-prod')).json, { rotation: { rotationPeriod: '2592000s', nextRotationTime: '2026-12-01T09:00:00.000Z' } });
    // Never rotated: as soon as the platform allows.
    assert.deepEqual((await exportTo('gcp', 'webhook-signing')).json, { rotation: { rotationPeriod: '7776000s', nextRotationTime: '2026-11-20T01:00:00.000Z' } });
  });

  it('explains each limit a platform puts on the rules, with exit 1', async () => {
    const r1 = await exportTo('azure', 'pg-app');
    assert.equal(r1.code, 1);
    assert.match(r1.err, /cannot export 'pg-app' to azure: .*Azure Key Vault has no cron schedules; use maxAge/);
    assert.match((await exportTo('gcp', 'pg-app')).err, /Google Secret Manager has no cron schedules/);
    assert.match((await exportTo('aws', 'pg-admin')).err, /'pg-admin' has no maxAge or schedule to export/);

    const dir = tempProject('rg-export-').dir;
    try {
      const p = join(dir, 'limits.rotation.yaml');
      writeFileSync(p, [
        'version: 1', 'stores: {kc: {type: keychain, service: rg}}', 'secrets:',
        '  - {id: fast, kind: token, owner: machine, maxAge: 2h, stores: [kc]}',
        '  - {id: odd, kind: token, owner: machine, maxAge: 36h, rotationWindow: 30h, stores: [kc]}',
        '  - {id: week, kind: token, owner: machine, maxAge: 7d, expiresAfter: 14d, stores: [kc]}',
        '  - {id: fortnight, kind: token, owner: machine, maxAge: 14d, stores: [kc]}',
        '  - {id: tight, kind: token, owner: machine, maxAge: 6h, rotationWindow: 6h, stores: [kc]}', '',
      ].join('\n'));
      assert.match((await exportTo('aws', 'fast', p)).err, /AWS Secrets Manager rotates at most every 4 hours; 'fast' rotates every 2h/);
      assert.match((await exportTo('azure', 'fast', p)).err, /Azure Key Vault rotation policies require at least 7 days/);
      assert.deepEqual((await exportTo('gcp', 'fast', p)).json, { rotation: { rotationPeriod: '7200s', nextRotationTime: '2026-11-20T01:00:00.000Z' } });
      assert.match((await exportTo('aws', 'odd', p)).err, /AWS rotation Duration must be whole hours from 1h to 24h/);
      assert.match((await exportTo('aws', 'tight', p)).err, /must not extend into the next rotation window/);
      assert.match((await exportTo('azure', 'odd', p)).err, /Azure Key Vault lifetime actions count whole days/);
      assert.match((await exportTo('azure', 'week', p)).err, /Azure Key Vault expiryTime must be at least 28 days/);
      // No expiresAfter: the expiry is raised to Azure's 28-day floor.
      assert.deepEqual((await exportTo('azure', 'fortnight', p)).json, {
        lifetimeActions: [{ trigger: { timeAfterCreate: 'P14D' }, action: { type: 'Rotate' } }],
        attributes: { expiryTime: 'P28D' },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad usage', async () => {
    await assert.rejects(policyCmd(['import'], memoryIO()), UsageError);
    await assert.rejects(policyCmd(['export', '--to', 'oracle', '--policy', example, 'x'], memoryIO()), /--to must be one of aws, azure, vault, gcp/);
    await assert.rejects(policyCmd(['export', '--to', 'aws', '--policy', example], memoryIO()), UsageError);
    await assert.rejects(policyCmd(['export', '--to', 'aws', '--policy', example, 'ghost'], memoryIO()), /no secret 'ghost'/);
  });

  it('converts 5-field cron to AWS cron (one of the day fields is ?; weekdays count from Sunday = 1)', () => {
    assert.equal(awsCron('0 3 * * 1-5'), '0 3 ? * 2-6 *');
    assert.equal(awsCron('30 4 1 * *'), '30 4 1 * ? *');
    assert.equal(awsCron('0 0 * * 0,6'), '0 0 ? * 1,7 *');
    assert.equal(awsCron('0 0 1 * 1'), undefined);
  });

  it('runs as a process (node dist/cli.js policy export)', function () {
    this.timeout(30_000);
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'policy', 'export', '--to', 'aws', '--policy', example, 'openai-prod'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { RotationRules: { AutomaticallyAfterDays: 30 } });
  });
});
