import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fake } from '../../helpers/fake-keys';
import { tempProject } from '../../helpers/temp-project';

// `hooks install` as a real process, then the command it wrote run as the assistant would (through
// the shell, payload on stdin), with the built bundles (dist/cli.js → dist/cli-hook.js).
const CLI = resolve('dist/cli.js');

function sh(command: string, input: string, cwd: string) {
  return spawnSync('sh', ['-c', command], { input, cwd, encoding: 'utf8', env: { ...process.env, HOME: cwd } });
}

describe('installed hooks run as the assistant runs them (real processes)', function () {
  this.timeout(120000);

  it('Claude Code: the installed UserPromptSubmit command blocks a key and lets an ordinary prompt through', () => {
    const root = tempProject('rg-hookproc-').dir;
    const inst = spawnSync(process.execPath, [CLI, 'hooks', 'install', '--assistant', 'claude-code', '--project'], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: root } });
    assert.equal(inst.status, 0, inst.stderr);
    const cfg = JSON.parse(readFileSync(join(root, '.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
    const command = cfg.hooks.UserPromptSubmit![0]!.hooks[0]!.command;
    assert.ok(command.includes('dist/cli.js'), command);
    const key = fake.groq();
    const blocked = sh(command, JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: root, prompt: `use ${key}` }), root);
    assert.equal(blocked.status, 0, blocked.stderr);
    assert.equal((JSON.parse(blocked.stdout) as { decision: string }).decision, 'block');
    assert.ok(!blocked.stdout.includes(key) && !blocked.stderr.includes(key));
    const ok = sh(command, JSON.stringify({ hook_event_name: 'UserPromptSubmit', cwd: root, prompt: 'refactor the parser' }), root);
    assert.equal(ok.status, 0);
    assert.equal(ok.stdout, '');
  });

  it('Windsurf: the installed pre_run_command blocks with exit 2; a broken payload is blocked too (fail closed)', () => {
    const root = tempProject('rg-hookproc-').dir;
    const inst = spawnSync(process.execPath, [CLI, 'hooks', 'install', '--assistant', 'windsurf'], { cwd: root, encoding: 'utf8', env: { ...process.env, HOME: root } });
    assert.equal(inst.status, 0, inst.stderr);
    const cfg = JSON.parse(readFileSync(join(root, '.windsurf', 'hooks.json'), 'utf8')) as { hooks: Record<string, Array<{ command: string }>> };
    const command = cfg.hooks.pre_run_command![0]!.command;
    const r = sh(command, JSON.stringify({ agent_action_name: 'pre_run_command', tool_info: { command_line: `TOKEN=${fake.githubPat()} make`, cwd: root } }), root);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /credential/);
    const broken = sh(command, 'not json', root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /could not check this action/);
  });
});
