import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { git, GIT_ENV } from '../../helpers/git-repo';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { killGroup, requireSystem, runToEnd } from '../../helpers/system/processes';
import { waitForFile } from '../rotation/wait-file';
import { cli, cliProcess, makeProject, uniqueName, type TestProject } from '../rotation/project';

interface Entry { seq: number; step: string; outcome: string; detail?: string; event?: string; secretId: string }

const policy = (service: string) =>
  policyYaml({
    version: 1,
    stores: { keychain: { type: 'keychain', service }, dotenv: { type: 'env-file', path: '.env.local' } },
    providers: { random: { type: 'generate', length: 40, alphabet: 'alphanumeric', prefix: 'rg_' } },
    secrets: [machineSecret('app-token', { kind: 'token', stores: ['keychain', 'dotenv'], rotation: { provider: 'random' }, triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }, { on: 'exposed-in-git-history', action: 'rotate-now' }, { on: 'revoked-value-seen', action: 'notify' }, { on: 'anomaly', action: 'rotate-now' }], references: { env: ['APP_TOKEN'] } })],
  });

/** Everything the CLI printed in this test, to check that no value ever appears in it. */
class Outputs {
  private all: string[] = [];
  add<R extends { stdout: string; stderr: string }>(r: R): R {
    this.all.push(r.stdout, r.stderr);
    return r;
  }
  assertNone(values: string[]) {
    for (const v of values) for (const o of this.all) assert.ok(!o.includes(v), 'a secret value appeared in CLI output');
  }
}

describe('enforce: triggers fire and due secrets rotate (CLI, real gnome-keyring, env file, git)', function () {
  this.timeout(120000);
  let keyring: SystemKeyring | undefined;
  let project: TestProject;
  let out: Outputs;
  const values: string[] = [];
  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => keyring?.stop());
  beforeEach(() => {
    project = makeProject(policy(uniqueName('rg-enforce')), { ...keyring!.env, ...GIT_ENV });
    out = new Outputs();
    git(project.dir, ['init', '-q', '-b', 'main']);
    writeFileSync(join(project.dir, '.gitignore'), '.env.local\n.config-home/\n.rotation/*.lock\n');
    git(project.dir, ['add', '-A']);
    git(project.dir, ['commit', '-q', '-m', 'policy']);
  });
  afterEach(() => {
    out.assertNone(values);
    project.cleanup();
  });
  const run = async (args: string[]) => out.add(await cli(project, args));
  const current = () => {
    const v = /^APP_TOKEN=(\S+)$/m.exec(readFileSync(join(project.dir, '.env.local'), 'utf8'))?.[1];
    assert.ok(v, 'no APP_TOKEN in .env.local');
    if (!values.includes(v)) values.push(v);
    return v;
  };
  const ledgerPath = () => join(project.dir, '.rotation/ledger.jsonl');
  const entries = (): Entry[] => readFileSync(ledgerPath(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Entry);

  it('a value committed and later removed: dry-run plans, enforce rotates with the reason, a second run does nothing; scan sees it as retired', async () => {
    assert.equal((await run(['rotate', 'app-token'])).code, 0);
    const v1 = current();
    mkdirSync(join(project.dir, 'prompts'));
    writeFileSync(join(project.dir, 'prompts/system.txt'), `You are the support bot.\nUse token ${v1} for the API.\n`);
    git(project.dir, ['add', '-A']);
    git(project.dir, ['commit', '-q', '-m', 'prompt']);
    const sha = git(project.dir, ['rev-parse', 'HEAD']);
    writeFileSync(join(project.dir, 'prompts/system.txt'), 'You are the support bot.\n');
    git(project.dir, ['commit', '-q', '-am', 'remove the token']);

    const before = readFileSync(ledgerPath(), 'utf8');
    const dry = await run(['enforce', '--dry-run', '--format', 'json']);
    assert.equal(dry.code, 1, dry.stderr);
    const plan = JSON.parse(dry.stdout) as { plan: { secrets: Array<{ secretId: string; action: string; reason: string }> } };
    assert.deepEqual(plan.plan.secrets.map((s) => [s.secretId, s.action, s.reason]), [['app-token', 'rotate', `trigger exposed-in-git-history commit ${sha} prompts/system.txt:2`]]);
    assert.equal(readFileSync(ledgerPath(), 'utf8'), before, 'dry-run changed the ledger');
    assert.equal(current(), v1, 'dry-run changed the value');

    const r = await run(['enforce']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /app-token: ROTATED — trigger exposed-in-git-history commit [0-9a-f]{40} prompts\/system\.txt:2/);
    const v2 = current();
    assert.notEqual(v2, v1);
    const es = entries();
    const mark = es.find((e) => e.step === 'mark-compromised')!;
    assert.equal(mark.event, 'exposed-in-git-history');
    const begin = es.filter((e) => e.step === 'begin').pop()!;
    assert.match(begin.detail ?? '', new RegExp(`reason: trigger exposed-in-git-history commit ${sha} prompts/system.txt:2`));
    assert.ok(verifyLedger(ledgerPath()).ok);

    const count = entries().length;
    const again = await run(['enforce']);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /revoked-value-seen: commit [0-9a-f]{40} prompts\/system\.txt:2 — answered: the rotation of .* retired this value after the commit/);
    assert.equal(entries().length, count, 'the second run acted again');
    assert.equal(current(), v2);

    const scan = await run(['scan', '--git-history', '--format', 'json']);
    assert.equal(scan.code, 1);
    const found = (JSON.parse(scan.stdout) as { findings: Array<{ commit: string; file: string; line: number; ruleId: string; secretId?: string }> }).findings;
    assert.deepEqual(found.map((f) => [f.commit, f.file, f.line, f.ruleId, f.secretId]), [[sha, 'prompts/system.txt', 2, 'stale/revoked-key', 'app-token']]);
  });

  it("the current value in a workspace file fires exposed-in-file; in the store's own env file it does not", async () => {
    assert.equal((await run(['rotate', 'app-token'])).code, 0);
    const v1 = current();
    const quiet = await run(['enforce']);
    assert.equal(quiet.code, 0, `the store's own file is not an exposure: ${quiet.stdout}`);
    mkdirSync(join(project.dir, 'notes'));
    writeFileSync(join(project.dir, 'notes/todo.md'), `remember ${v1}\n`);
    const r = await run(['enforce', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout);
    const o = (JSON.parse(r.stdout) as { outcomes: Array<{ status: string; reason: string }> }).outcomes[0]!;
    assert.deepEqual([o.status, o.reason], ['rotated', 'trigger exposed-in-file notes/todo.md:1']);
    assert.notEqual(current(), v1);
    // The old value still sits in the note: now a retired value seen again, which asks a person to remove it.
    const after = await run(['enforce']);
    assert.equal(after.code, 1);
    assert.match(after.stdout, /app-token: NOTIFY — trigger revoked-value-seen notes\/todo\.md:1\n\s+remove the retired value/);
  });

  it('report-anomaly records the event and runs the anomaly trigger (rotate-now)', async () => {
    assert.equal((await run(['rotate', 'app-token'])).code, 0);
    const v1 = current();
    const r = await run(['report-anomaly', 'app-token', '--reason', 'usage from an unknown network']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /recorded anomaly for app-token[\s\S]*app-token: rotated — trigger anomaly reported .* usage from an unknown network/);
    assert.notEqual(current(), v1);
    const es = entries();
    assert.ok(es.some((e) => e.step === 'mark-compromised' && e.event === 'anomaly' && e.detail === 'usage from an unknown network'));
    const bad = await run(['report-anomaly', 'nope', '--reason', 'x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no secret "nope"/);
  });

  it('a policy with errors: enforce refuses, names file, line and column, and changes nothing', async () => {
    writeFileSync(project.policyPath, readFileSync(project.policyPath, 'utf8').replace('maxAge: 30d', 'maxAge: 30 days'));
    const r = await run(['enforce']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to act on a policy with errors; nothing was changed/);
    const line = readFileSync(project.policyPath, 'utf8').split('\n').findIndex((l) => l.includes('30 days')) + 1;
    assert.match(r.stderr, new RegExp(`rotation-policy\\.yaml:${line}:13: policy/schema`));
    assert.equal(existsSync(ledgerPath()), false);
  });

  it('an interrupted rotation is resumed first', async () => {
    const env = { ...project.env, ROTATION_GUARD_TEST_PAUSE_AT: 'promote:before', ROTATION_GUARD_TEST_PAUSE_MARKER: join(project.dir, 'pause.marker') };
    const child = cliProcess(project, ['rotate', 'app-token'], env);
    await waitForFile(join(project.dir, 'pause.marker'), 30000);
    killGroup(child);
    const r = await run(['enforce']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /app-token: RESUMED — resume: rotation [0-9a-f-]+ interrupted after/);
    current();
    const status = await run(['status', '--json']);
    assert.deepEqual((JSON.parse(status.stdout) as { openRotations: unknown[] }).openRotations, []);
  });

  // Last: it leaves the keyring locked.
  it('a locked keyring blocks the secret, says so, and exits 1', async () => {
    assert.equal((await run(['rotate', 'app-token'])).code, 0);
    current();
    const lock = await runToEnd('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/collection/login']"], { env: keyring!.env });
    assert.equal(lock.code, 0, lock.stderr);
    const r = await run(['enforce']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /app-token: BLOCKED — store unreadable: .*locked/i);
  });
});
