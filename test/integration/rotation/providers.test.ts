import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyLedger } from '../../../core/ledger';
import { readEnvValue } from '../../../core/stores/env-format';
import { startPass, type SystemPass } from '../../helpers/system/pass';
import { requireSystem, runToEnd } from '../../helpers/system/processes';
import { machineSecret, policyYaml } from '../../helpers/policy';
import { KeyServer } from './key-server';
import { cli, makeProject, type TestProject } from './project';

function policy(port: number): string {
  const base = `http://127.0.0.1:${port}`;
  const admin = { Authorization: 'Bearer {{secret:issuer-admin}}' };
  const secret = (id: string, provider: string) =>
    machineSecret(id, {
      stores: ['vault', 'dotenv'],
      rotation: { provider },
      verification: { type: 'http', url: `${base}/whoami`, header: 'Authorization: Bearer {{value}}', expectStatus: 200 },
      references: { env: [id.toUpperCase().replace(/-/g, '_')] },
    });
  return policyYaml({
    version: 1,
    stores: { vault: { type: 'pass', path: 'rg-it/{id}' }, dotenv: { type: 'env-file', path: '.env.local' }, 'admin-env': { type: 'env-file', path: '.env.admin', var: 'ISSUER_ADMIN_TOKEN' } },
    providers: {
      issuer: { type: 'http', url: `${base}/keys`, method: 'POST', headers: admin, responsePath: '/data/key' },
      'issuer-revoking': { type: 'http', url: `${base}/keys`, headers: admin, responsePath: '/data/key', revoke: { url: `${base}/keys/current`, method: 'DELETE', headers: { Authorization: 'Bearer {{old}}' } } },
      'by-hand': { type: 'manual', url: `${base}/console`, instructions: 'Create a key and paste it' },
      script: { type: 'command', command: 'node', args: ['-e', "const cur=require('fs').readFileSync(0,'utf8'); process.stdout.write('noise line\\nsk-test-' + require('crypto').randomBytes(20).toString('hex') + '\\n')"] },
      hangs: { type: 'command', command: 'sh', args: ['-c', 'sleep 300 & echo $! > grandchild.pid; wait'], timeout: '1s' },
    },
    secrets: [
      secret('api-http', 'issuer'),
      secret('api-manual', 'by-hand'),
      secret('api-cmd', 'script'),
      secret('api-hang', 'hangs'),
      secret('api-revoke', 'issuer-revoking'),
      { id: 'issuer-admin', kind: 'token', owner: 'human', stores: ['admin-env'] },
    ],
  });
}

/** Gone, or a zombie waiting to be reaped (a container's pid 1 may never reap it). */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

describe('http, manual and command providers with pass + env-file stores (CLI, real pass, real HTTP service)', function () {
  this.timeout(60000);
  let pass: SystemPass | undefined;
  const server = new KeyServer();
  let project: TestProject;
  const outputs: string[] = [];
  const planted: string[] = [];
  const run = async (args: string[], input?: string) => {
    const r = await cli(project, args, { input });
    outputs.push(r.stdout, r.stderr);
    return r;
  };

  before(async function () {
    pass = await requireSystem(this, 'pass with a throwaway GPG key', startPass);
    await server.start();
    project = makeProject(policy(server.port), pass!.env);
    writeFileSync(join(project.dir, '.env.admin'), `ISSUER_ADMIN_TOKEN=${server.adminToken}\n`, { mode: 0o600 });
    planted.push(server.adminToken);
    for (const id of ['api-http', 'api-manual', 'api-cmd', 'api-hang', 'api-revoke']) {
      const key = server.issue().key;
      planted.push(key);
      const name = id.toUpperCase().replace(/-/g, '_');
      writeFileSync(join(project.dir, '.env.local'), `${existsSync(join(project.dir, '.env.local')) ? readFileSync(join(project.dir, '.env.local'), 'utf8') : ''}${name}=${key}\n`);
      const ins = await runToEnd('pass', ['insert', '-m', '-f', `rg-it/${id}`], { env: pass!.env, input: `${key}\n` });
      assert.equal(ins.code, 0, ins.stderr);
    }
  });
  after(async () => {
    await server.stop();
    project?.cleanup();
    await pass?.stop();
  });

  const current = (name: string) => readEnvValue(readFileSync(join(project.dir, '.env.local'), 'utf8'), name);

  it('http: the endpoint issues the key (admin token by {{secret:ID}} reference), the new key is verified and stored', async () => {
    const before = current('API_HTTP');
    const r = await run(['rotate', 'api-http', '--trust', '--yes']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const now = current('API_HTTP');
    assert.ok(now && now !== before && server.active.has(now));
    planted.push(now);
    const shown = await runToEnd('pass', ['show', 'rg-it/api-http'], { env: pass!.env });
    assert.equal(shown.stdout.split('\n')[0], now, 'pass holds the same current value');
  });

  it('http with revoke: the old key is revoked at the issuer, then shown to fail, and the ledger says so', async () => {
    const old = current('API_REVOKE')!;
    assert.ok(server.active.has(old));
    const r = await run(['rotate', 'api-revoke', '--trust', '--yes']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const now = current('API_REVOKE')!;
    planted.push(now);
    assert.ok(server.active.has(now), 'the new key is active');
    assert.ok(!server.active.has(old), 'the old key was revoked at the issuer');
    const ledger = readFileSync(join(project.dir, '.rotation', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { secretId: string; step: string; outcome: string });
    const steps = ledger.filter((e) => e.secretId === 'api-revoke').map((e) => `${e.step}:${e.outcome}`);
    assert.ok(steps.includes('revoke-old:ok'), steps.join(' '));
    assert.ok(steps.includes('test-old-fails:ok'), steps.join(' '));
    assert.ok(server.requestLines.includes('DELETE /keys/current'));
  });

  it('manual: the pasted key (stdin, never argv) is verified before it is promoted; a key that does not work is rolled back', async () => {
    const bad = 'sk-test-this-key-was-never-issued-000000';
    planted.push(bad);
    const before = current('API_MANUAL');
    const refused = await run(['rotate', 'api-manual', '--trust', '--yes', '--value-stdin'], `${bad}\n`);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /rolled-back/);
    assert.equal(current('API_MANUAL'), before, 'the working key stays current');
    const good = server.issue().key;
    planted.push(good);
    const r = await run(['rotate', 'api-manual', '--value-stdin'], `${good}\n`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(current('API_MANUAL'), good);
  });

  it('command: the last stdout line is the new value; without a verifiable key the rotation rolls back', async () => {
    // The script invents keys the service never issued, so test-new must refuse them.
    const before = current('API_CMD');
    const r = await run(['rotate', 'api-cmd', '--trust', '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /rolled-back — the new value does not work: http:\/\/127\.0\.0\.1:\d+ answered 401/);
    assert.equal(current('API_CMD'), before);
    const pending = await runToEnd('pass', ['show', 'rg-it/api-cmd.pending'], { env: pass!.env });
    assert.notEqual(pending.code, 0, 'PENDING was cleared by the rollback');
  });

  it('command: a timeout kills the whole process group (grandchildren too) and changes nothing', async () => {
    const before = current('API_HANG');
    const r = await run(['rotate', 'api-hang', '--trust', '--yes']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /did not finish within 1000 ms/);
    const pid = Number(readFileSync(join(project.dir, 'grandchild.pid'), 'utf8'));
    assert.ok(!isRunning(pid), 'the grandchild sleep was killed with the group');
    assert.equal(current('API_HANG'), before);
  });

  it('no planted value appears in any output, the ledger, config files, request URLs or the pass store files', () => {
    assert.equal(verifyLedger(join(project.dir, '.rotation/ledger.jsonl')).ok, true);
    const haystacks: Array<[string, string]> = outputs.map((o, i) => [`cli output #${i}`, o]);
    for (const f of [...filesUnder(join(project.dir, '.rotation')), ...filesUnder(join(project.dir, '.config-home')), ...filesUnder(pass!.env.PASSWORD_STORE_DIR!)]) haystacks.push([f, readFileSync(f, 'latin1')]);
    haystacks.push(['request lines', server.requestLines.join('\n')]);
    assert.ok(haystacks.length > 10);
    for (const value of planted) for (const [where, text] of haystacks) assert.ok(!text.includes(value), `a planted value leaked into ${where}`);
  });
});
