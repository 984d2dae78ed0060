import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { ServerCommands, type InstallAssistantHooksArgs, type InstallAssistantHooksResult } from '../../protocol/src/protocol';
import { fileUri, startServer } from '../helpers/lsp-server';
import { withTempProject } from '../helpers/temp-project';

// Install AI Assistant Hooks is the server's command (the VS Code palette shows its Quick Picks;
// any LSP client can run it): over real JSON-RPC with the spawned server, which runs its own
// dist/cli.js `hooks install` with the node on PATH.
describe('language server over JSON-RPC: Install AI Assistant Hooks', function () {
  this.timeout(180000);

  it('says which assistants are found here, installs the picked one in the project naming this dist/, keeps the other hook, and a second run changes nothing', async () => {
    const other = { matcher: 'Bash', hooks: [{ type: 'command', command: 'other-tool check' }] };
    await withTempProject('rg-lsp-hooks-', { files: { '.claude/settings.json': JSON.stringify({ hooks: { PreToolUse: [other] } }) } }, async (p) => {
      const server = await startServer({ rootPath: p.dir });
      try {
        const run = (args: InstallAssistantHooksArgs) => server.conn.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.installAssistantHooks, arguments: [args] }) as Promise<InstallAssistantHooksResult>;
        const folderUri = fileUri(p.dir);
        const known = await run({ folderUri });
        assert.deepEqual(known.assistants.filter((a) => a.found).map((a) => a.name), ['claude-code']);
        assert.ok(known.assistants.length >= 7, 'every assistant is offered');
        assert.deepEqual(known.installed, [], 'nothing is installed without a pick');

        const first = await run({ folderUri, assistants: ['claude-code', 'no-such-assistant'], scope: 'project' });
        assert.deepEqual(first.installed, [{ assistant: 'claude-code', ok: true, summary: `installed (${['.claude', 'settings.json'].join('/')})` }]);
        const cfg = JSON.parse(readFileSync(p.path('.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
        assert.deepEqual(cfg.hooks.PreToolUse![0], other, "the other tool's hook is kept first");
        const ours = cfg.hooks.UserPromptSubmit![0]!.hooks[0]!.command;
        assert.ok(ours.includes(resolve('dist', 'hook-launch.sh')) || ours.includes(resolve('dist', 'cli.js')), `the hook runs this server's own dist/: ${ours}`);

        const again = await run({ folderUri, assistants: ['claude-code'] });
        assert.deepEqual(again.installed, [{ assistant: 'claude-code', ok: true, summary: 'already installed (.claude/settings.json)' }]);
      } finally {
        await server.stop();
      }
    });
  });
});
