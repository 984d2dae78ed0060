import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmPolicyFile } from '../../../core/rotation';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { requireSystem, runToEnd } from '../../helpers/system/processes';
import { cli, makeProject, type TestProject } from '../rotation/project';
import { machineSecret, policyYaml } from '../../helpers/policy';

interface Entry { step: string; outcome: string; detail?: string; secretId: string }

const onExposure = [{ on: 'exposed-in-file', action: 'rotate-now' }] as const;
const policy = policyYaml({
  version: 1,
  stores: { 'team-pass': { type: 'pass', path: 'rg-enforce/{id}' } },
  providers: {
    random: { type: 'generate', length: 40, alphabet: 'alphanumeric', prefix: 'rg_' },
    console: { type: 'manual', url: 'https://vendor.example.invalid/keys' },
    slow: { type: 'command', command: 'node', args: ['-e', 'setTimeout(() => {}, 60000)'], timeout: '2s' },
  },
  secrets: [
    machineSecret('team-token', { kind: 'token', lastRotated: '2026-01-01T00:00:00Z', stores: ['team-pass'], rotation: { provider: 'random' }, triggers: [...onExposure] }),
    machineSecret('vendor-key', { createdAt: '2026-01-01T00:00:00Z', stores: ['team-pass'], rotation: { provider: 'console' }, triggers: [...onExposure] }),
    machineSecret('slow-token', { kind: 'token', lastRotated: '2026-01-01T00:00:00Z', stores: ['team-pass'], rotation: { provider: 'slow' }, triggers: [...onExposure] }),
  ],
});

describe('enforce with pass: due secrets rotate, manual ones need a person, a provider that times out fails (CLI, real pass)', function () {
  this.timeout(120000);
  let pass: SystemPass | undefined;
  let project: TestProject;
  before(async function () {
    pass = await requireSystem(this, 'pass with a batch GPG key', startPass);
  });
  after(async () => pass?.stop());
  beforeEach(() => {
    project = makeProject(policy, pass!.env);
  });
  afterEach(() => project.cleanup());
  const entries = (): Entry[] => readFileSync(join(project.dir, '.rotation/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Entry);
  const passShow = async (id: string) => (await runToEnd('pass', ['show', `rg-enforce/${id}`], { env: project.env })).stdout.trim();

  it('rotates what is due (reason "due: overdue by …"), reports the manual one and the timed-out one, exit 1; --only the rotated one is 0', async () => {
    // The command provider runs something the policy names: confirm the policy as `rotate --trust` would.
    confirmPolicyFile(project.policyPath, project.env);
    const r = await cli(project, ['enforce', '--no-git-history', '--now', '2026-12-01T00:00:00Z']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /team-token: ROTATED — due: overdue by 304d/);
    assert.match(r.stdout, /vendor-key: NEEDS A PERSON — due: overdue by 304d\n\s+the console provider is manual: run `rotation-guard rotate vendor-key --value-stdin` with a new key from https:\/\/vendor\.example\.invalid\/keys/);
    assert.match(r.stdout, /slow-token: FAILED — due: overdue by 304d\n\s+create failed: node did not finish within 2000 ms; its process group was killed/);
    assert.match(r.stdout, /enforce: 2 secret\(s\) still need a person or failed/);

    const value = await passShow('team-token');
    assert.match(value, /^rg_[A-Za-z0-9]{40}$/);
    assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), 'the value reached the output');
    const es = entries();
    const begin = es.find((e) => e.secretId === 'team-token' && e.step === 'begin')!;
    assert.match(begin.detail!, /reason: due: overdue by 304d/);
    assert.ok(es.some((e) => e.secretId === 'team-token' && e.step === 'finish' && e.outcome === 'ok'));
    assert.ok(es.some((e) => e.secretId === 'slow-token' && e.step === 'rollback' && e.outcome === 'ok'), 'the timed-out rotation was rolled back, not left open');
    assert.ok(!es.some((e) => e.secretId === 'vendor-key'), 'nothing was recorded for the manual secret');
    assert.equal(await passShow('slow-token'), '', 'no half-made value was left behind');

    const only = await cli(project, ['enforce', '--no-git-history', '--now', '2026-12-01T00:00:00Z', '--only', 'team-token', '--format', 'json']);
    assert.equal(only.code, 0, only.stdout);
    const out = JSON.parse(only.stdout) as { compliant: boolean; outcomes: Array<{ secretId: string; status: string }> };
    assert.deepEqual(out.outcomes.map((o) => [o.secretId, o.status]), [['team-token', 'compliant']]);
    assert.equal(await passShow('team-token'), value, 'a second run rotated again');

    const bad = await cli(project, ['enforce', '--only', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--only: no secret "nope"/);
  });
});
