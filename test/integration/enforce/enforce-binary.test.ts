import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasPython, pickledRequest } from '../../helpers/python-containers';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { cli, makeProject, type TestProject } from '../rotation/project';

const policy = policyYaml({
  version: 1,
  stores: { dotenv: { type: 'env-file', path: '.env.local' } },
  providers: { random: { type: 'generate', length: 40, alphabet: 'alphanumeric', prefix: 'rg_' } },
  secrets: [machineSecret('app-token', { kind: 'token', stores: ['dotenv'], rotation: { provider: 'random' }, triggers: [{ on: 'exposed-in-file', action: 'rotate-now' }], references: { env: ['APP_TOKEN'] } })],
});

describe('enforce: the current value recorded in a binary container (shelve/SQLite cache) is an exposure (CLI, env-file store)', function () {
  this.timeout(120000);
  let project: TestProject;
  before(function () {
    if (!hasPython()) this.skip(); // python3 (in .ci/run's packages) writes the pickle
  });
  beforeEach(() => {
    project = makeProject(policy);
  });
  afterEach(() => project?.cleanup());
  const current = () => {
    const v = /^APP_TOKEN=(\S+)$/m.exec(readFileSync(join(project.dir, '.env.local'), 'utf8'))?.[1];
    assert.ok(v, 'no APP_TOKEN in .env.local');
    return v;
  };

  it('fires exposed-in-file naming the file and byte offset, rotates, and prints no value', async () => {
    assert.equal((await cli(project, ['rotate', 'app-token'])).code, 0);
    const v1 = current();
    const quiet = await cli(project, ['enforce']);
    assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
    // A real pickle of a recorded request: the value in its Authorization header and on its own,
    // after a printable length byte (43 characters: '+').
    const cache = pickledRequest(v1);
    mkdirSync(join(project.dir, 'cache'));
    writeFileSync(join(project.dir, 'cache/responses.db'), cache);
    // The same value in a PNG: pure binary, never read (it is not where recorded data sits as text).
    writeFileSync(join(project.dir, 'cache/logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.from(v1)]));

    const dry = await cli(project, ['enforce', '--dry-run', '--format', 'json']);
    assert.equal(dry.code, 1, dry.stderr);
    const plan = JSON.parse(dry.stdout) as { plan: { secrets: Array<{ secretId: string; action: string; reason: string }> } };
    const where = `cache/responses.db (binary) at byte ${cache.indexOf(v1)}`;
    assert.deepEqual(plan.plan.secrets.map((s) => [s.secretId, s.action, s.reason]), [['app-token', 'rotate', `trigger exposed-in-file ${where}`]]);
    assert.equal(current(), v1, 'dry-run changed the value');

    const r = await cli(project, ['enforce', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const o = (JSON.parse(r.stdout) as { outcomes: Array<{ status: string; reason: string }> }).outcomes[0]!;
    assert.deepEqual([o.status, o.reason], ['rotated', `trigger exposed-in-file ${where}`]);
    assert.notEqual(current(), v1);
    for (const out of [dry.stdout, dry.stderr, r.stdout, r.stderr]) assert.ok(!out.includes(v1), 'a secret value appeared in CLI output');
  });
});
