import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { TestRepo } from '../../helpers/git-repo';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { makeTempDir, removeDir, requireSystem } from '../../helpers/system/processes';
import { CLI, makeProject, type TestProject } from '../rotation/project';
import { machineSecret, policyYaml } from '../../helpers/policy';

const RECIPES = resolve(__dirname, '../../../../docs/recipes');

/** A folder with a `rotation-guard` on it that runs this build, as `npm install -g` would provide. */
function shimDir(): string {
  const dir = makeTempDir('shim');
  writeFileSync(join(dir, 'rotation-guard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(dir, 'rotation-guard'), 0o755);
  return dir;
}
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
}

describe('pipeline recipes (docs/recipes), run for real', function () {
  this.timeout(120000);
  let shim: string;
  let repo: TestRepo;
  let base: string;
  let pushed: string;
  before(() => {
    shim = shimDir();
    repo = TestRepo.create();
    base = repo.commit('base', { 'README.md': '# app\n' });
    pushed = repo.commit('leak', { 'prompts/system.txt': `Use ${fakeOpenAiKey()}\n` });
  });
  after(() => {
    removeDir(shim);
    repo.remove();
  });
  const env = (extra: NodeJS.ProcessEnv) => ({ ...process.env, PATH: `${shim}:${process.env.PATH}`, ...extra });

  it('GitHub Actions: push searches the pushed commits (SARIF, fails on a find), a schedule runs enforce', () => {
    const wf = parse(readFileSync(join(RECIPES, 'github-actions.yml'), 'utf8')) as { on: { schedule: Array<{ cron: string }> }; jobs: Record<string, { steps: Array<{ name?: string; run?: string; with?: Record<string, unknown> }> }> };
    assert.ok(wf.on.schedule[0]!.cron);
    assert.equal(wf.jobs.history!.steps[0]!.with!['fetch-depth'], 0);
    assert.ok(wf.jobs.enforce!.steps.some((s) => s.run?.includes('rotation-guard enforce')));
    const step = wf.jobs.history!.steps.find((s) => s.name === 'search the pushed commits')!;
    const found = bash(step.run!, repo.dir, env({ BEFORE: base }));
    assert.equal(found.status, 1, found.stderr);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'history.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ properties: { commit: string } }> }> };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => r.properties.commit), [pushed]);
    assert.equal(bash(step.run!, repo.dir, env({ BEFORE: pushed })).status, 0, 'nothing new since the last push');
    assert.equal(bash(step.run!, repo.dir, env({ BEFORE: '0000000000000000000000000000000000000000' })).status, 1, 'a new branch: its whole history');
  });

  it('GitLab CI: the push job does the same with CI_COMMIT_BEFORE_SHA; the schedule job runs enforce', () => {
    const ci = parse(readFileSync(join(RECIPES, 'gitlab-ci.yml'), 'utf8')) as { variables: Record<string, unknown>; [job: string]: unknown };
    assert.equal(ci.variables.GIT_DEPTH, 0);
    const history = ci['rotation-guard:history'] as { script: string[] };
    const enforce = ci['rotation-guard:enforce'] as { script: string[]; rules: Array<{ if: string }> };
    assert.match(enforce.rules[0]!.if, /schedule/);
    assert.ok(enforce.script.some((l) => l.includes('rotation-guard enforce')));
    const script = history.script.filter((l) => !l.startsWith('npm install')).join('\n');
    assert.equal(bash(script, repo.dir, env({ CI_COMMIT_BEFORE_SHA: base })).status, 1);
    assert.match(readFileSync(join(repo.dir, 'gl-history.sarif'), 'utf8'), new RegExp(pushed));
    assert.equal(bash(script, repo.dir, env({ CI_COMMIT_BEFORE_SHA: pushed })).status, 0);
  });

  it('systemd: the service and timer pass `systemd-analyze verify` (and a broken copy does not)', function () {
    if (spawnSync('sh', ['-c', 'command -v systemd-analyze']).status !== 0) {
      console.warn('\n!!! SKIPPING: systemd-analyze is not installed (apt install systemd)\n');
      this.skip();
    }
    const dir = makeTempDir('units');
    try {
      for (const f of ['rotation-guard-enforce.service', 'rotation-guard-enforce.timer']) copyFileSync(join(RECIPES, 'systemd', f), join(dir, f));
      const ok = spawnSync('systemd-analyze', ['verify', join(dir, 'rotation-guard-enforce.service'), join(dir, 'rotation-guard-enforce.timer')], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stderr.trim(), '', 'systemd warned about the units');
      writeFileSync(join(dir, 'broken.service'), readFileSync(join(dir, 'rotation-guard-enforce.service'), 'utf8').replace('Type=oneshot', 'Type=oneshoot'));
      assert.match(spawnSync('systemd-analyze', ['verify', join(dir, 'broken.service')], { encoding: 'utf8' }).stderr, /oneshoot/);
    } finally {
      removeDir(dir);
    }
  });
});

describe('pre-deploy gate (docs/recipes/pre-deploy-gate.sh) against a real policy and pass', function () {
  this.timeout(120000);
  let pass: SystemPass | undefined;
  let project: TestProject;
  let shim: string;
  before(async function () {
    pass = await requireSystem(this, 'pass with a batch GPG key', startPass);
    shim = shimDir();
  });
  after(async () => {
    await pass?.stop();
    removeDir(shim);
  });
  beforeEach(() => {
    const overdue = (id: string, kind: 'token' | 'api-key', provider: string) =>
      machineSecret(id, { kind, lastRotated: '2025-01-01T00:00:00Z', stores: ['team-pass'], rotation: { provider }, triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }] });
    const policy = policyYaml({
      version: 1,
      stores: { 'team-pass': { type: 'pass', path: 'rg-gate/{id}' } },
      providers: { random: { type: 'generate', length: 32 }, console: { type: 'manual', url: 'https://vendor.example.invalid/keys' } },
      secrets: [overdue('api-token', 'token', 'random'), overdue('vendor-key', 'api-key', 'console')],
    });
    project = makeProject(policy, pass!.env);
  });
  afterEach(() => project.cleanup());
  const gate = (args: string[]) => spawnSync(join(RECIPES, 'pre-deploy-gate.sh'), args, { cwd: project.dir, env: { ...project.env, PATH: `${shim}:${process.env.PATH}` }, encoding: 'utf8' });

  it('rotates what it can and lets the deploy through; blocks while a manual secret is overdue; 2 when it cannot run', () => {
    const dry = gate(['--dry-run', 'api-token']);
    assert.equal(dry.status, 1, 'a dry run of an overdue secret blocks');
    const ok = gate(['api-token']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /api-token: ROTATED — due: overdue by \d+d[\s\S]*pre-deploy-gate: ok — api-token compliant; deploy/);
    assert.equal(gate(['--dry-run', 'api-token']).status, 0, 'now compliant');
    const blocked = gate(['api-token', 'vendor-key']);
    assert.equal(blocked.status, 1);
    assert.match(blocked.stdout, /vendor-key: NEEDS A PERSON/);
    assert.match(blocked.stderr, /pre-deploy-gate: BLOCKED/);
    writeFileSync(project.policyPath, 'version: 1\nsecrets: [ { id: x } ]\n');
    const broken = gate(['api-token']);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /refusing to act on a policy with errors[\s\S]*the gate could not run/);
    assert.equal(gate([]).status, 2);
  });
});
