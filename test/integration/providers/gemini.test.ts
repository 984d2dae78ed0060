import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvValue, writeEnvValue } from '../../../core/stores/env-format';
import { startGeminiStandIn, type GeminiStandIn } from '../../helpers/standins/gemini';
import { cli, makeProject, type TestProject } from '../rotation/project';
import { rotateInProcess } from './in-process';
import { KILL_ROUNDS, PAUSE_POINTS, killAndResume, newStats, type KillStats } from './kill-resume';
import { machineSecret, policyYaml } from '../../helpers/policy';

/**
 * The gemini provider through the real CLI against the Google stand-in
 * (test/helpers/standins/gemini.ts: OAuth JWT bearer token endpoint, API Keys API v2, models.list),
 * reached through ROTATION_GUARD_GEMINI_BASE_URL by google-auth-library and fetch.
 * https://cloud.google.com/api-keys/docs/reference/rest/v2/projects.locations.keys/create
 * https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests
 */
function policy(project: string): string {
  return policyYaml({
    version: 1,
    stores: { dotenv: { type: 'env-file', path: '.env.local' }, 'admin-env': { type: 'env-file', path: '.env.admin' } },
    providers: { gemini: { type: 'gemini', project, adminConnection: 'gemini-admin', displayName: 'support-bot' } },
    secrets: [
      machineSecret('gemini-admin', { kind: 'private-key', maxAge: '90d', stores: ['admin-env'], references: { env: ['GEMINI_ADMIN_SERVICE_ACCOUNT'] } }),
      machineSecret('gemini-app', { stores: ['dotenv'], rotation: { provider: 'gemini' }, verification: { type: 'provider' }, references: { env: ['GEMINI_API_KEY'] } }),
    ],
  });
}

function makeGeminiProject(g: GeminiStandIn, serviceAccount = g.serviceAccount): { project: TestProject; initial: string } {
  const initial = g.addKey().keyString;
  const project = makeProject(policy(g.project), { ...process.env, ROTATION_GUARD_GEMINI_BASE_URL: g.url });
  writeFileSync(join(project.dir, '.env.admin'), writeEnvValue('', 'GEMINI_ADMIN_SERVICE_ACCOUNT', JSON.stringify(serviceAccount)));
  writeFileSync(join(project.dir, '.env.local'), writeEnvValue('', 'GEMINI_API_KEY', initial));
  return { project, initial };
}

const current = (p: TestProject): string | null => readEnvValue(readFileSync(join(p.dir, '.env.local'), 'utf8'), 'GEMINI_API_KEY');

describe('gemini provider against the Google stand-in (google-auth-library JWT flow, API Keys API v2; CLI)', function () {
  this.timeout(120000);
  let g: GeminiStandIn;
  const killStats: Record<string, KillStats> = {};

  beforeEach(async () => {
    g = await startGeminiStandIn();
  });
  afterEach(async () => g.close());
  after(() => {
    for (const [name, s] of Object.entries(killStats)) console.log(`      [kill-resume ${name}] ${JSON.stringify(s)}`);
  });

  it('stand-in: one rotation creates a restricted key (polled operation, getKeyString), checks it, switches, deletes the old key and proves it refused', async () => {
    g.pollsBeforeDone = 3;
    g.maxPageSize = 1;
    for (let i = 0; i < 2; i++) g.addKey(['maps-backend.googleapis.com']); // other teams' keys: pagination, and never touched
    const { project, initial } = makeGeminiProject(g);
    try {
      const r = await cli(project, ['rotate', 'gemini-app', '--trust', '--yes']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const now = current(project)!;
      assert.notEqual(now, initial);
      const live = g.liveKeys();
      const mine = live.find((k) => k.keyString === now);
      assert.ok(mine, 'the stored key is live at the issuer');
      assert.deepEqual(mine.services, ['generativelanguage.googleapis.com'], 'restricted to the Generative Language API');
      assert.match(mine.displayName, /^support-bot /);
      assert.ok(!live.some((k) => k.keyString === initial), 'the old key is deleted');
      assert.equal(live.length, 3, 'the two other keys are untouched');
      assert.ok(g.requests.some((q) => q.path.startsWith('/v2/operations/') && q.status === 200), 'the create operation was polled');
      assert.ok(g.requests.some((q) => q.path === '/v1beta/models' && q.status === 400), 'the old key was shown refused (API_KEY_INVALID)');
      assert.ok(g.requests.some((q) => q.path === '/token' && q.status === 200), 'a token was issued for a correctly signed JWT');
      for (const v of [now, initial, g.serviceAccount.private_key.split('\n')[1]!]) assert.ok(!(r.stdout + r.stderr).includes(v), 'no key in the output');
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: a service account key the token endpoint does not know is refused ("Invalid JWT Signature") and nothing changes', async () => {
    const other = await startGeminiStandIn();
    const { project, initial } = makeGeminiProject(g, { ...g.serviceAccount, private_key: other.serviceAccount.private_key });
    await other.close();
    try {
      const r = await cli(project, ['rotate', 'gemini-app', '--trust', '--yes']);
      assert.notEqual(r.code, 0);
      assert.match(r.stdout + r.stderr, /could not get an access token/);
      assert.equal(current(project), initial);
      assert.equal(g.liveKeys().length, 1, 'no key created');
      assert.ok(g.requests.some((q) => q.path === '/token' && q.status === 400));
    } finally {
      project.cleanup();
    }
  });

  it('stand-in: 429 from the API Keys API is retried after Retry-After, and a rotation in process prints its wall time (speed is a benchmark figure, not a test)', async () => {
    const { project } = makeGeminiProject(g);
    try {
      g.throttleNext = 1;
      const cold = await rotateInProcess(project.policyPath, 'gemini-app', project.env);
      assert.equal(cold.result.status, 'rotated', cold.result.message);
      assert.ok(g.requests.some((q) => q.status === 429), 'one call was throttled');
      const warm = await rotateInProcess(project.policyPath, 'gemini-app', project.env);
      assert.equal(warm.result.status, 'rotated', warm.result.message);
      console.log(`      [timing] in process: gemini cold ${cold.ms.toFixed(0)} ms (library load and one 429 included), warm ${warm.ms.toFixed(0)} ms`);
      assert.equal(g.liveKeys().length, 1, 'one key left at the issuer');
    } finally {
      project.cleanup();
    }
  });

  it(`stand-in: gemini killed at each of ${PAUSE_POINTS.length} points ×${KILL_ROUNDS} then continued: a working key is always held, and no key valid at the issuer is left outside the stores`, async function () {
    this.timeout(PAUSE_POINTS.length * KILL_ROUNDS * 30000);
    const { project } = makeGeminiProject(g);
    const stats = (killStats.gemini = newStats());
    try {
      const validAtIssuer = () => g.liveKeys().map((k) => k.keyString);
      for (let round = 0; round < KILL_ROUNDS; round++) {
        for (const [i, point] of PAUSE_POINTS.entries()) await killAndResume({ project, secretId: 'gemini-app', envVar: 'GEMINI_API_KEY', validAtIssuer }, point, round + i, stats);
      }
      assert.equal(stats.withoutWorkingKey, 0);
      assert.equal(stats.orphansAfterResume, 0);
    } finally {
      project.cleanup();
    }
  });
});
