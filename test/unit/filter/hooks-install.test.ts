import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSISTANTS, detectAssistants, installHooks, MARK, uninstallHooks } from '../../../core/filter/hooks/index';
import { tempProject } from '../../helpers/temp-project';

// Someone else's hook in each assistant's config, in that assistant's documented layout.
const OTHERS: Record<string, [string, string]> = {
  'claude-code': ['.claude/settings.json', JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './lint.sh' }] }] } })],
  codex: ['.codex/hooks.json', JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: './notify.sh' }] }] } })],
  'gemini-cli': ['.gemini/settings.json', JSON.stringify({ theme: 'dark', hooks: { BeforeTool: [{ matcher: 'write_file', hooks: [{ type: 'command', command: './fmt.sh' }] }] } })],
  cursor: ['.cursor/hooks.json', JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: './format.sh' }], beforeShellExecution: [{ command: './audit.sh' }] } })],
  copilot: ['.github/hooks/team.json', JSON.stringify({ version: 1, hooks: { sessionStart: [{ type: 'command', bash: './start.sh' }] } })],
  windsurf: ['.windsurf/hooks.json', JSON.stringify({ hooks: { post_write_code: [{ command: './lint.sh', show_output: true }] } })],
  cline: ['.clinerules/hooks/TaskStart', '#!/bin/sh\necho started\n'],
};

describe('rotation-guard hooks install / uninstall', () => {
  for (const a of ASSISTANTS) {
    it(`${a}: installs idempotently beside other hooks, and uninstall removes only ours`, () => {
      const root = tempProject('rg-install-').dir;
      const home = tempProject('rg-home-').dir;
      const [file, text] = OTHERS[a]!;
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
      const first = installHooks(a, 'project', root, '"/usr/bin/node" "/opt/rg/dist/cli.js"', home);
      assert.equal(first.changed, true);
      const after = readTree(first.path);
      assert.ok(after.includes(MARK) && after.includes(`hook ${a} --event`), 'our command is written');
      const second = installHooks(a, 'project', root, '"/usr/bin/node" "/opt/rg/dist/cli.js"', home);
      assert.equal(second.changed, false, 'a second install changes nothing');
      assert.equal(readTree(first.path), after);
      const removed = uninstallHooks(a, 'project', root, home);
      assert.equal(removed.changed, true);
      assert.ok(!readTree(first.path).includes(MARK), 'nothing of ours is left');
      assert.equal(readFileSync(join(root, file), 'utf8').replace(/\s/g, ''), a === 'cline' || a === 'copilot' ? text.replace(/\s/g, '') : JSON.stringify(JSON.parse(text)).replace(/\s/g, ''), 'the other hooks are as they were');
      assert.equal(uninstallHooks(a, 'project', root, home).changed, false);
    });
  }

  it('installs in the home folder with --global, and refuses a config that is not JSON', () => {
    const root = tempProject('rg-install-').dir;
    const home = tempProject('rg-home-').dir;
    const r = installHooks('claude-code', 'global', root, 'rotation-guard', home);
    assert.equal(r.path, join(home, '.claude', 'settings.json'));
    assert.ok(!existsSync(join(root, '.claude')));
    mkdirSync(join(root, '.cursor'));
    writeFileSync(join(root, '.cursor', 'hooks.json'), '{ "version": 1, ');
    assert.throws(() => installHooks('cursor', 'project', root, 'rotation-guard', home), /not valid JSON/);
    assert.equal(readFileSync(join(root, '.cursor', 'hooks.json'), 'utf8'), '{ "version": 1, ', 'a broken config is left alone');
  });

  it('Cline scripts are executable and a script that is not ours is never overwritten', () => {
    const root = tempProject('rg-install-').dir;
    const r = installHooks('cline', 'project', root, 'rotation-guard', root);
    assert.equal(statSync(join(r.path, 'PreToolUse')).mode & 0o111, 0o111);
    writeFileSync(join(r.path, 'UserPromptSubmit'), '#!/bin/sh\necho mine\n');
    assert.throws(() => installHooks('cline', 'project', root, 'other-cmd', root), /not ours/);
  });

  it('detects the assistants whose config folders exist', () => {
    const root = tempProject('rg-detect-').dir;
    const home = tempProject('rg-home-').dir;
    mkdirSync(join(root, '.cursor'));
    mkdirSync(join(home, '.gemini'));
    assert.deepEqual(detectAssistants(root, home).sort(), ['cursor', 'gemini-cli']);
  });
});

function readTree(path: string): string {
  if (!existsSync(path)) return '';
  if (statSync(path).isDirectory()) return ['UserPromptSubmit', 'PreToolUse', 'PostToolUse'].map((e) => (existsSync(join(path, e)) ? readFileSync(join(path, e), 'utf8') : '')).join('\n');
  return readFileSync(path, 'utf8');
}
