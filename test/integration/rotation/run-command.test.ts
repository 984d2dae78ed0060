import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
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

  it('run --watch killed with SIGKILL leaves its env file; the next run --watch removes it, and nothing that is not a dead run folder of ours', async () => {
    const runtime = join(project.dir, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const env = { ...project.env, XDG_RUNTIME_DIR: runtime };
    const app = "console.log('file=' + process.env.ROTATION_GUARD_ENV_FILE); setInterval(() => {}, 1000)";
    const start = async () => {
      const child = cliProcess(project, ['run', '--watch', '--', 'node', '-e', app], env);
      const out = await waitForOutput(child.stdout!, /file=\S+\n/, 15000, 'run --watch');
      return { child, file: /file=(\S+)\n/.exec(out)![1]! };
    };
    // Decoys a later sweep must not touch: a live owner's folder (this test's pid), another
    // host's, a folder that is not private, and a symlink named like a dead run's folder.
    const decoy = (name: string, owner: string | undefined, mode = 0o700) => {
      const d = join(runtime, name);
      mkdirSync(d, { mode });
      chmodSync(d, mode);
      if (owner !== undefined) writeFileSync(join(d, 'owner'), owner);
      writeFileSync(join(d, 'secrets.env'), 'KEEP=1\n');
      return d;
    };
    const live = decoy(`rotation-guard-run-${process.pid}-live01`, `${process.pid} ${hostname()}\n`);
    const elsewhere = decoy('rotation-guard-run-999999-other1', `999999 ${hostname()}-elsewhere\n`);
    const shared = decoy('rotation-guard-run-999998-share1', `999998 ${hostname()}\n`, 0o755);
    const target = join(project.dir, 'not-a-run-folder');
    mkdirSync(target);
    writeFileSync(join(target, 'secrets.env'), 'KEEP=1\n');
    symlinkSync(target, join(runtime, 'rotation-guard-run-999997-link01'));

    const first = await start();
    let second: Awaited<ReturnType<typeof start>> | undefined;
    try {
      assert.equal(dirname(dirname(first.file)), runtime, 'the env file is in XDG_RUNTIME_DIR');
      assert.match(basename(dirname(first.file)), new RegExp(`^rotation-guard-run-${first.child.pid}-`), 'the folder is named by its owner');
      assert.match(readFileSync(first.file, 'utf8'), /^OPENAI_API_KEY=/m);
      killGroup(first.child, 'SIGKILL');
      await waitExit(first.child, 15000);
      assert.ok(existsSync(first.file), 'SIGKILL gives run no chance to remove its env file (what the sweep is for)');

      second = await start();
      assert.ok(!existsSync(dirname(first.file)), 'the dead run folder, with the password in it, is gone');
      for (const d of [live, elsewhere, shared]) assert.ok(existsSync(join(d, 'secrets.env')), `${basename(d)} is left alone`);
      assert.equal(readFileSync(join(target, 'secrets.env'), 'utf8'), 'KEEP=1\n', 'a symlink is never followed');
      process.kill(second.child.pid!, 'SIGTERM');
      await waitExit(second.child, 15000);
      assert.ok(!existsSync(dirname(second.file)), 'a run that stops normally removes its own folder');
      assert.deepEqual(readdirSync(runtime).filter((n) => n.startsWith('rotation-guard-run-')).sort(), [basename(live), 'rotation-guard-run-999997-link01', basename(shared), basename(elsewhere)].sort());
    } finally {
      killGroup(first.child);
      if (second) killGroup(second.child);
    }
  });
});
