import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { fakeOpenAiKey } from '../helpers/fake-keys';
import { manualPolicyYaml } from '../helpers/manual-policy';
import { SERVER } from '../helpers/lsp-server';
import { startPass, type SystemPass } from '../helpers/system/pass';
import { requireSystem, runToEnd } from '../helpers/system/processes';
import { projectPerTest } from '../helpers/temp-project';

const LUA = resolve('test/lsp/neovim/move-secret.lua');
const ROTATE_LUA = resolve('test/lsp/neovim/rotate-by-hand.lua');
const HANDLER = resolve('editors/neovim/rotation-guard.lua');
const HARNESS = resolve('test/lsp/neovim/harness.lua');

/** Runs Neovim headless with only our Lua file (no user config, no plugins), bounded in time. */
function runNeovim(env: NodeJS.ProcessEnv, lua = LUA): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return runToEnd('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${lua}`], { env, timeoutMs: 60000 });
}

/** Every file under `dir`, read as text (for a sweep that no value was left anywhere). */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath ?? e.path, e.name), 'latin1'))
    .join('\n');
}

describe('language server driven by Neovim (headless, its own LSP client)', function () {
  this.timeout(120000);
  let pass: SystemPass | undefined;
  let dir: string;

  before(async function () {
    await requireSystem(this, 'neovim (apt install neovim)', async () => {
      const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
      if (v.status !== 0) throw new Error('nvim not found');
    });
    pass = await requireSystem(this, 'pass + gnupg', startPass);
  });
  after(async () => {
    await pass?.stop();
  });
  const tmp = projectPerTest('rg-nvim-');
  beforeEach(() => {
    ({ dir } = tmp.project);
  });

  /** Runs move-secret.lua on a LiteLLM config holding `key`; returns Neovim's trace once the buffer was written. */
  async function moveInNeovim(key: string, extraEnv: Record<string, string>): Promise<string> {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, `model_list:\n  - model_name: gpt\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: ${key}\n`);
    const log = join(dir, 'nvim.log');
    const home = join(dir, 'home');
    const env = { ...pass!.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), XDG_DATA_HOME: join(home, '.data'), RG_ROOT: dir, RG_FILE: file, RG_SERVER: SERVER, RG_HARNESS: HARNESS, RG_LOG: log, ...extraEnv };
    const r = await runNeovim(env);
    const trace = existsSync(log) ? readFileSync(log, 'utf8') : '';
    assert.ok(!trace.includes('FAIL'), `neovim: ${trace}\nstderr: ${r.stderr.slice(-500)}`);
    assert.match(trace, /written/, `neovim did not finish: ${trace} ${r.stderr.slice(-500)}`);
    return trace;
  }

  /** The file has the LiteLLM reference, pass holds `key` under the policy's new secret, the ledger does not. */
  async function assertMovedToPass(key: string): Promise<void> {
    const file = join(dir, 'config.yaml');
    // The edited file: the value replaced by the LiteLLM reference syntax, nothing else changed.
    const edited = readFileSync(file, 'utf8');
    assert.ok(!edited.includes(key), 'the key is gone from the file');
    assert.ok(edited.split('\n').includes('      api_key: os.environ/OPENAI_API_KEY'), edited);
    assert.match(edited, /^ {6}model: openai\/gpt-4o$/m);
    // The moved value, read back from pass under the entry the policy's store names.
    const policy = parse(readFileSync(join(dir, 'rotation-policy.yaml'), 'utf8'));
    assert.deepEqual(policy.secrets[0].stores, ['pass']);
    assert.equal(policy.stores.pass.path, 'rotation-guard/{id}');
    const shown = await runToEnd('pass', ['show', `rotation-guard/${policy.secrets[0].id}`], { env: pass!.env });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout.split('\n')[0], key);
    assert.ok(!readFileSync(join(dir, '.rotation', 'ledger.jsonl'), 'utf8').includes(key));
  }

  it('runs "Move secret" from the code-action menu: the value goes to pass under a new policy secret and the file gets the reference', async () => {
    const key = fakeOpenAiKey();
    const trace = await moveInNeovim(key, { RG_CHOICE: 'pass' });
    assert.match(trace, /asked: Move the OPENAI_API_KEY value to/);
    await assertMovedToPass(key);
  });

  it('honours the README\'s settings on a Neovim that cannot answer workspace/configuration (0.7): no store question, the value goes to pass', async () => {
    // The settings table exactly as the README writes it; Neovim 0.7 gets it to the server only through init_options.
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const settings = /^local settings = (\{.*\})$/m.exec(readme)?.[1] ?? '';
    assert.ok(settings.includes("store = 'pass'"), 'the README\'s Neovim block sets quickFix.store to pass');
    const key = fakeOpenAiKey();
    const trace = await moveInNeovim(key, { RG_CHOICE: 'none', RG_SETTINGS: settings });
    assert.doesNotMatch(trace, /asked: Move the /, 'the store question was asked');
    await assertMovedToPass(key);
  });

  it('rotates a secret rotated by hand from its code lens: the server answers needs-value, the shipped handler asks (hidden) and sends it again', async () => {
    const oldKey = fakeOpenAiKey();
    const newKey = fakeOpenAiKey();
    const policyPath = join(dir, 'rotation-policy.yaml');
    writeFileSync(join(dir, '.env.local'), `OPENAI_API_KEY=${oldKey}\n`, { mode: 0o600 });
    writeFileSync(policyPath, manualPolicyYaml());
    const log = join(dir, 'nvim.log');
    const home = join(dir, 'home');
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.state'), XDG_DATA_HOME: join(home, '.data'), XDG_CACHE_HOME: join(home, '.cache'), RG_ROOT: dir, RG_POLICY: policyPath, RG_SERVER: SERVER, RG_HANDLER: HANDLER, RG_HARNESS: HARNESS, RG_NEW_VALUE: newKey, RG_LOG: log };
    const r = await runNeovim(env, ROTATE_LUA);
    const trace = existsSync(log) ? readFileSync(log, 'utf8') : '';
    assert.ok(!trace.includes('FAIL'), `neovim: ${trace}\nstderr: ${r.stderr.slice(-500)}`);
    assert.match(trace, /lens: .* -> rotationGuard\.server\.rotateNow/);
    // Asked once, with the key page named, and then the rotation's own outcome.
    assert.equal(trace.match(/^asked: /gm)?.length, 1, trace);
    assert.match(trace, /asked: 'openai-key' is rotated by hand: create a new key at https:\/\/platform\.openai\.com\/api-keys/);
    assert.match(trace, /notified\(\d\): Rotation Guard: openai-key: rotated "openai-key"/, trace);
    assert.equal(readFileSync(join(dir, '.env.local'), 'utf8'), `OPENAI_API_KEY=${newKey}\n`);
    // The needs-value answer started nothing: the ledger holds one rotation, and it finished.
    const entries = readFileSync(join(dir, '.rotation', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step: string; outcome: string; rotationId?: string });
    assert.equal(new Set(entries.map((e) => e.rotationId).filter(Boolean)).size, 1, JSON.stringify(entries.map((e) => `${e.step}:${e.outcome}`)));
    assert.ok(entries.some((e) => e.step === 'finish' && e.outcome === 'ok'));
    assert.ok(!entries.some((e) => e.outcome === 'failed'));
    // Neither value in the ledger, Neovim's own files (its LSP log among them) or the trace.
    for (const [where, text] of [['ledger and stages', allText(join(dir, '.rotation'))], ['neovim home', existsSync(home) ? allText(home) : ''], ['trace', trace]] as const) {
      assert.ok(!text.includes(newKey) && !text.includes(oldKey), `a value in the ${where}`);
    }
  });
});
