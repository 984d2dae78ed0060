import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareDemo } from '../../../scripts/prepare-demo';
import { projectPerTest } from '../../helpers/temp-project';

// The demo (`npm start`) must show exactly the intended problems, and the committed template must
// hold no key-like value. Both are checked with the real CLI bundle that `npm test` just built.
const CLI = path.resolve('dist/cli.js');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

describe('demo template and its preparation (npm start)', function () {
  this.timeout(60_000);
  const now = new Date('2026-06-15T12:00:00Z');
  let root: string;
  let ws: string;
  let env: NodeJS.ProcessEnv;
  let values: string[];

  const tmp = projectPerTest('rg-demo-test-', {}, 'all');
  before(async () => {
    ({ dir: root } = tmp.project);
    ws = path.join(root, 'ws');
    // the fingerprint key lives in XDG_CONFIG_HOME: keep it out of the developer's home
    env = { ...process.env, XDG_CONFIG_HOME: path.join(root, 'xdg') };
    const summary = await prepareDemo({ template: 'demo', dest: ws, now, env });
    assert.ok(summary.markers.includes('FAKE_OPENAI_KEY'));
    const dotenv = readFileSync(path.join(ws, '.env'), 'utf8');
    values = [...dotenv.matchAll(/^[A-Z_]+=(.+)$/gm)].map((m) => m[1]!);
    values.push(...[...readFileSync(path.join(ws, 'litellm/config.yaml'), 'utf8').matchAll(/api_key: (sk-\S+)/g)].map((m) => m[1]!));
  });

  it('the committed template holds no key-like value (scan finds nothing)', () => {
    const r = cli(['scan', '--format', 'json', 'demo'], process.cwd(), env);
    assert.equal(r.code, 0, `scan of demo/ reported findings:\n${r.out}`);
  });

  it('replaces every marker with a fresh value, same marker same value', () => {
    assert.equal(values.length, 5);
    for (const v of values) assert.ok(!v.includes('@@') && v.length >= 20, 'a marker was left or a value is too short');
    const prompt = readFileSync(path.join(ws, 'prompts/system-prompt.md'), 'utf8');
    assert.ok(prompt.includes(values[0]!), 'the system prompt must hold the same OpenAI key as .env');
  });

  it('check reports exactly openai-prod and litellm-master-key overdue, pg-app due soon', () => {
    const r = cli(['check', '--format', 'json', '--now', now.toISOString()], ws, env);
    assert.equal(r.code, 1, 'overdue secrets must fail the check');
    const res = JSON.parse(r.stdout) as { secrets: Array<{ id: string; state: string }>; problems: Array<{ code: string; severity: string; message: string }> };
    const states = Object.fromEntries(res.secrets.map((s) => [s.id, s.state]));
    assert.deepEqual(states, { 'openai-prod': 'overdue', 'anthropic-gateway': 'ok', 'litellm-master-key': 'overdue', 'pg-app': 'due-soon', 'ops-console-password': 'ok' });
    assert.deepEqual(res.problems.map((p) => p.code).sort(), ['stale/due-soon', 'stale/overdue', 'stale/overdue']);
  });

  it('scan finds the planted keys (one inside the pickled response cache) and nothing else, without printing them', () => {
    const r = cli(['scan', '--format', 'json', '.'], ws, env);
    assert.equal(r.code, 1);
    const res = JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string }> };
    assert.deepEqual(res.findings.map((f) => `${f.file} ${f.ruleId}`).sort(), ['cache/batch-responses.pkl secret/anthropic-api-key', 'litellm/config.yaml secret/anthropic-api-key', 'prompts/system-prompt.md secret/openai-api-key']);
    for (const v of values) assert.ok(!r.out.includes(v), 'scan output contains a secret value');
  });

  it('writes a ledger whose hash chain verifies', () => {
    const r = cli(['ledger', 'verify'], ws, env);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /55 entries/);
  });
});
