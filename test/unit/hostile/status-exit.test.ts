import assert from 'node:assert/strict';
import { join } from 'node:path';
import { run as status } from '../../../cli/src/commands/status';
import type { CliIO } from '../../../cli/src/io';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { appendSigned } from '../../helpers/ledger';
import { projectPerTest } from '../../helpers/temp-project';

const POLICY = policyYaml({ version: 1, stores: { dotenv: { type: 'env-file', path: '.env' } }, providers: { random: { type: 'generate' } }, secrets: [machineSecret('app-token', { kind: 'token', createdAt: '2026-11-01', stores: ['dotenv'], rotation: { provider: 'random' } })] });

function memoryIO(cwd: string): CliIO & { out: string } {
  const io = { cwd, env: {}, out: '', stdout: (t: string) => void (io.out += t), stderr: () => undefined, readStdin: async () => '' };
  return io;
}

describe('status exits non-zero while a rotation is open or a secret is overdue, as check does (#19 item 9)', () => {
  let dir: string;
  const tmp = projectPerTest('rg-status-', { policy: POLICY });
  beforeEach(() => ({ dir } = tmp.project));

  it('0 when every secret is current and nothing is open; 1 when overdue', async () => {
    assert.equal(await status(['--now', '2026-11-10T00:00:00Z'], memoryIO(dir)), 0);
    assert.equal(await status(['--now', '2027-01-10T00:00:00Z'], memoryIO(dir)), 1);
  });

  it('1 while a rotation is open (interrupted after begin), with the open rotation in the JSON', async () => {
    await appendSigned(join(dir, '.rotation', 'ledger.jsonl'), { at: '2026-11-09T10:00:00.000Z', secretId: 'app-token', rotationId: 'r-1', step: 'begin', outcome: 'ok' });
    const io = memoryIO(dir);
    assert.equal(await status(['--now', '2026-11-10T00:00:00Z', '--json'], io), 1);
    const out = JSON.parse(io.out) as { secrets: Array<{ state: string }>; openRotations: Array<{ secretId: string }> };
    assert.deepEqual(out.secrets.map((s) => s.state), ['ok']);
    assert.deepEqual(out.openRotations.map((r) => r.secretId), ['app-token']);
  });
});
