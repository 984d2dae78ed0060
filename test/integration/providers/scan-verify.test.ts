import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeOpenAiKey } from '../../helpers/fake-keys';
import { AnthropicStandIn } from '../../helpers/standins/anthropic';
import { OpenAiStandIn } from '../../helpers/standins/openai';
import { StandInServer } from '../../helpers/standins/server';
import { runToEnd } from '../../helpers/system/processes';
import { projectPerTest } from '../../helpers/temp-project';

const CLI = resolve(__dirname, '../../../../dist/cli.js');

// The read-only calls: https://platform.openai.com/docs/api-reference/models/list , https://platform.claude.com/docs/en/api/models/list
describe('scan --verify: found keys checked with their own service (stand-ins for OpenAI and Anthropic)', function () {
  this.timeout(30000);
  let openai: OpenAiStandIn;
  let anthropic: AnthropicStandIn;
  let elsewhere: StandInServer;
  let dir: string;

  before(async () => {
    openai = await new OpenAiStandIn().start();
    anthropic = await new AnthropicStandIn().start();
    elsewhere = await new StandInServer().start();
  });
  after(async () => {
    await Promise.all([openai.stop(), anthropic.stop(), elsewhere.stop()]);
  });
  const tmp = projectPerTest('rg-scan-verify-');
  beforeEach(() => ({ dir } = tmp.project));

  // Not spawnSync: the stand-ins answer from this process's event loop.
  const scan = async (args: string[]) => {
    const r = await runToEnd(process.execPath, [CLI, 'scan', '--format', 'json', ...args, '.'], {
      cwd: dir,
      env: { ...process.env, XDG_CACHE_HOME: join(dir, '.cache-home'), ROTATION_GUARD_OPENAI_BASE_URL: openai.url, ROTATION_GUARD_ANTHROPIC_BASE_URL: anthropic.url },
      timeoutMs: 20000,
    });
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };

  it('stand-in: a live key is said to be live and listed first; a revoked one is refused; each key is sent once, only to its own service', async () => {
    const live = openai.seedUserKey();
    const revoked = fakeOpenAiKey();
    const claude = anthropic.issueKey();
    // A file that names another host gets nothing sent there.
    writeFileSync(join(dir, 'a-old.env'), `OPENAI_BASE_URL=${elsewhere.url}\nOPENAI_API_KEY=${revoked}\n`);
    writeFileSync(join(dir, 'b-app.py'), `client = OpenAI(api_key="${live}")\nclaude = Anthropic(api_key="${claude}")\nagain = "${live}"\n`);
    const r = await scan(['--verify']);
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string; message: string; fingerprint: string }>; live: { checked: number; live: number; refused: number; results: Array<{ status: string; host: string }> } };
    assert.ok(!r.stdout.includes(live) && !r.stdout.includes(claude) && !r.stderr.includes(live), 'no key in the output');
    assert.match(out.findings[0]!.message, /^LIVE: /, 'a live finding ranks first');
    assert.equal(out.live.live, 2, JSON.stringify(out.live));
    assert.equal(out.live.refused, 1);
    assert.ok(out.findings.some((f) => f.file === 'a-old.env' && /refuses this key/.test(f.message)));
    const asked = openai.log.filter((l) => l.path === '/v1/models').length;
    assert.equal(asked, 2, 'the live key seen twice was asked once; the revoked one once');
    assert.equal(anthropic.log.filter((l) => l.path === '/v1/models').length, 1);
    assert.equal(elsewhere.log.length, 0, 'nothing went to a host a file names');

    // A second run within the cache window asks nobody.
    const r2 = await scan(['--verify']);
    assert.equal(r2.status, 1);
    assert.equal(openai.log.filter((l) => l.path === '/v1/models').length, asked, 'answered from the fingerprint cache');
  });

  it('stand-in: without --verify nothing is sent anywhere', async () => {
    const before = openai.log.length + anthropic.log.length;
    writeFileSync(join(dir, 'app.py'), `k = "${openai.seedUserKey()}"\n`);
    const r = await scan([]);
    assert.equal(r.status, 1);
    assert.equal(openai.log.length + anthropic.log.length, before);
    assert.ok(!/LIVE/.test(r.stdout));
  });

  it('--verify with --git-history is a usage error (exit 2), not a silent no-op', async () => {
    const r = await runToEnd(process.execPath, [CLI, 'scan', '--verify', '--git-history', '.'], { cwd: dir, env: process.env, timeoutMs: 20000 });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--verify checks the keys in files/);
  });
});
