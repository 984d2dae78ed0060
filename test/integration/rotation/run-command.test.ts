import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killGroup, waitExit, waitForOutput } from '../../helpers/system/processes';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { cli, cliProcess, makeProject, type TestProject } from './project';

const POLICY = policyYaml({
  version: 1,
  stores: { dotenv: { type: 'env-file', path: '.env.local' } },
  secrets: [machineSecret('openai', { stores: ['dotenv'], references: { env: ['OPENAI_API_KEY', 'LITELLM_OPENAI_KEY'] } }), machineSecret('other', { kind: 'token', stores: ['dotenv'], references: { env: ['OTHER_TOKEN'] } })],
});

describe('rotation-guard run -- CMD (real child processes)', function () {
  this.timeout(30000);
  let project: TestProject;
  beforeEach(() => {
    project = makeProject(POLICY);
    writeFileSync(join(project.dir, '.env.local'), 'OPENAI_API_KEY=sk-run-test-value-0123456789\nOTHER_TOKEN=tok-run-test-value-987654\n', { mode: 0o600 });
  });
  afterEach(() => project.cleanup());

  it('puts every env name of each secret into the environment and passes the exit code through', async () => {
    const script = "const e=process.env; process.exit(e.OPENAI_API_KEY==='sk-run-test-value-0123456789' && e.LITELLM_OPENAI_KEY===e.OPENAI_API_KEY && e.OTHER_TOKEN==='tok-run-test-value-987654' ? 7 : 1)";
    const r = await cli(project, ['run', '--', 'node', '-e', script]);
    assert.equal(r.code, 7, r.stderr);
    assert.equal(r.stdout + r.stderr, '', 'run prints nothing of its own');
  });

  it('--only limits the secrets passed in', async () => {
    const r = await cli(project, ['run', '--only', 'other', '--', 'node', '-e', 'process.exit(process.env.OPENAI_API_KEY === undefined && process.env.OTHER_TOKEN ? 0 : 1)']);
    assert.equal(r.code, 0, r.stderr);
  });

  it('refuses (exit 2) when a secret has no value, naming it but no value', async () => {
    writeFileSync(join(project.dir, '.env.local'), 'OTHER_TOKEN=tok-run-test-value-987654\n');
    const r = await cli(project, ['run', '--', 'node', '-e', 'process.exit(0)']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no current value for openai/);
    assert.ok(!r.stderr.includes('tok-run-test-value'));
  });

  it('forwards SIGTERM to the command and exits with its code', async () => {
    const child = cliProcess(project, ['run', '--', 'node', '-e', "process.on('SIGTERM',()=>{console.log('got SIGTERM');process.exit(42)});console.log('ready');setInterval(()=>{},1000)"], project.env);
    try {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      await waitForOutput(child.stdout!, /ready/, 15000, 'run');
      process.kill(child.pid!, 'SIGTERM');
      assert.equal(await waitExit(child, 15000), 42);
      assert.match(out, /got SIGTERM/);
    } finally {
      killGroup(child);
    }
  });
});
