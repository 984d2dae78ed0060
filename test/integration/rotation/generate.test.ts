import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { startKeyring, type SystemKeyring } from '../../helpers/system/keyring';
import { requireSystem } from '../../helpers/system/processes';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { cli, FORMAT_CHECK, makeProject, uniqueName, type TestProject } from './project';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false; // sockets and files that vanished meanwhile
      }
    });
}

function policy(service: string): string {
  return policyYaml({
    version: 1,
    stores: { keychain: { type: 'keychain', service }, dotenv: { type: 'env-file', path: '.env.local' } },
    providers: { random: { type: 'generate', length: 40, alphabet: 'alphanumeric', prefix: 'rg_' } },
    secrets: [machineSecret('app-token', { kind: 'token', stores: ['keychain', 'dotenv'], rotation: { provider: 'random' }, verification: { type: 'command', command: 'node', args: FORMAT_CHECK }, references: { env: ['APP_TOKEN'] } })],
  });
}

describe('generate rotation into the keychain and an env file (CLI, real gnome-keyring)', function () {
  this.timeout(60000);
  let keyring: SystemKeyring | undefined;
  let project: TestProject;
  before(async function () {
    keyring = await requireSystem(this, 'gnome-keyring on a private D-Bus', startKeyring);
  });
  after(async () => keyring?.stop());
  beforeEach(() => {
    project = makeProject(policy(uniqueName('rg-gen')), keyring!.env);
  });
  afterEach(() => project.cleanup());

  it('refuses a command verification until the policy is confirmed, then rotates, verifies and records', async () => {
    const refused = await cli(project, ['rotate', 'app-token']);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /never confirmed|--trust/);

    const r = await cli(project, ['rotate', 'app-token', '--trust', '--yes']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /app-token: rotated/);
    const envText = readFileSync(join(project.dir, '.env.local'), 'utf8');
    const value = /^APP_TOKEN=(rg_[A-Za-z0-9]{40})$/m.exec(envText)?.[1];
    assert.ok(value, `no APP_TOKEN in .env.local: ${envText.length} chars`);

    const run = await cli(project, ['run', '--', 'node', '-e', 'process.stdout.write(process.env.APP_TOKEN === require("fs").readFileSync(".env.local","utf8").match(/APP_TOKEN=(\\S+)/)[1] ? "same" : "different")']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'same', 'run puts the keychain value into the environment');

    const ledger = verifyLedger(join(project.dir, '.rotation/ledger.jsonl'));
    assert.equal(ledger.ok, true, ledger.reason);
    const steps = readFileSync(join(project.dir, '.rotation/ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string });
    const done = steps.filter((s) => s.outcome !== 'started').map((s) => `${s.step}:${s.outcome}`);
    assert.deepEqual(done, ['begin:ok', 'create:ok', 'store-pending:ok', 'apply:skipped', 'test-new:ok', 'promote:ok', 'revoke-old:skipped', 'test-old-fails:skipped', 'finish:ok']);
    for (const out of [r.stdout, r.stderr, readFileSync(join(project.dir, '.rotation/ledger.jsonl'), 'utf8')]) assert.ok(!out.includes(value!), 'the value leaked into output or ledger');
    // Every other file: the keyring's own files (encrypted), the fingerprint key, the trust file.
    const others = [...filesUnder(keyring!.dir), ...filesUnder(project.dir)].filter((f) => !f.endsWith('/.env.local'));
    assert.ok(others.some((f) => f.includes('keyrings')), 'the keyring file was swept');
    for (const f of others) assert.ok(!readFileSync(f).includes(value!), `the value is in ${f}`);

    const second = await cli(project, ['rotate', 'app-token']);
    assert.equal(second.code, 0, `the stored confirmation is reused while the policy is unchanged: ${second.stderr}`);
    const value2 = /^APP_TOKEN=(\S+)$/m.exec(readFileSync(join(project.dir, '.env.local'), 'utf8'))?.[1];
    assert.notEqual(value2, value);
  });

  it('refuses again after the policy changed since confirmation', async () => {
    assert.equal((await cli(project, ['rotate', 'app-token', '--trust', '--yes'])).code, 0);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(project.policyPath, '# edited\n');
    const r = await cli(project, ['rotate', 'app-token']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /changed since you confirmed it/);
  });

  it('dry-run changes nothing and writes no ledger', async () => {
    const r = await cli(project, ['rotate', 'app-token', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /would:/);
    assert.throws(() => readFileSync(join(project.dir, '.rotation/ledger.jsonl')), /ENOENT/);
  });
});
