import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readEnvValue } from '../../../core/stores/env-format';
import { startDemoStandIns, type DemoStandIns } from '../../../scripts/demo-standins';
import { runToEnd } from '../../helpers/system/processes';
import { tempProject } from '../../helpers/temp-project';

const CLI = resolve(__dirname, '../../../../dist/cli.js');

// The demo's stand-ins follow https://platform.openai.com/docs/api-reference/project-service-accounts
// and https://openrouter.ai/docs/api/api-reference/api-keys (the test stand-ins, labelled).
describe('npm start: the labelled OpenAI and OpenRouter demo stand-ins and their policy', function () {
  this.timeout(60000);
  let dir: string;
  let s: DemoStandIns;
  before(async () => {
    dir = tempProject('rg-demo-llm-').dir;
    s = await startDemoStandIns(dir);
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stand-in: both demo keys rotate through the whole loop with the CLI; answers say they come from a stand-in; the admin keys are git-ignored and never in output', async () => {
    const env = { ...process.env, XDG_CONFIG_HOME: join(dir, '.config'), ...s.env };
    const res = await fetch(`${s.urls.openai}/v1/models`);
    assert.equal(res.headers.get('x-rotation-guard-demo'), 'rotation-guard demo stand-in');
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\.env\.llm-admin$/m);
    const admin = readFileSync(join(dir, '.env.llm-admin'), 'utf8');
    for (const id of ['openai-demo-bot', 'openrouter-demo-bot']) {
      const before = readFileSync(join(dir, '.env.llm-demo'), 'utf8');
      const r = await runToEnd(process.execPath, [CLI, 'rotate', id, '--trust', '--yes', '--policy', 'llm-demo.rotation.yaml'], { cwd: dir, env, timeoutMs: 30000 });
      assert.match(r.stdout, new RegExp(`${id}: rotated`), r.stdout + r.stderr);
      assert.notEqual(readFileSync(join(dir, '.env.llm-demo'), 'utf8'), before);
      for (const v of [readEnvValue(admin, 'OPENAI_DEMO_ADMIN')!, readEnvValue(admin, 'OPENROUTER_DEMO_MANAGEMENT')!]) assert.ok(!(r.stdout + r.stderr).includes(v));
    }
    const check = await runToEnd(process.execPath, [CLI, 'check', '--policy', 'llm-demo.rotation.yaml'], { cwd: dir, env, timeoutMs: 30000 });
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });
});
