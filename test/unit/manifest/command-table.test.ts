import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { COMMAND_TABLE } from '../../../protocol/src/commands';
import { Commands, ServerCommands } from '../../../protocol/src/protocol';

// The one table of palette commands (rust-analyzer's enabled/disabled): every command the
// manifest contributes is in it, and the ones that need the language server say so.
describe('command table (protocol/src/commands.ts)', () => {
  it('has every contributed command, each saying what it does', () => {
    const contributed = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.deepEqual(Object.keys(COMMAND_TABLE).sort(), [...new Set(contributed)].sort());
    for (const [id, row] of Object.entries(COMMAND_TABLE)) assert.ok(row.does.length > 10, `${id} says what it does`);
  });

  it('marks the commands the server carries out as disabled while it is down, and the rotation commands as enabled', () => {
    const disabled = Object.entries(COMMAND_TABLE).filter(([, r]) => r.whileServerDown === 'disabled').map(([id]) => id).sort();
    assert.deepEqual(disabled, [Commands.createPolicy, Commands.enforceNow, Commands.installAssistantHooks, Commands.moveToStore, Commands.scanGitHistory, Commands.scanWorkspace, Commands.verifyLedger].sort());
    assert.equal(COMMAND_TABLE[Commands.rotateNow].whileServerDown, 'enabled');
    // the server commands the disabled ones call exist
    assert.ok(ServerCommands.createPolicy && ServerCommands.enforce && ServerCommands.scanGitHistory && ServerCommands.scanWorkspace && ServerCommands.moveToStore && ServerCommands.installAssistantHooks);
  });
});
