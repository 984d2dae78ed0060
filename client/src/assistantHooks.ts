import * as vscode from 'vscode';
import { ServerCommands } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { serverCommand } from './serverCommands';

/**
 * "Rotation Guard: Install AI Assistant Hooks…": the server says which assistants are used here
 * and installs the hooks (`rotationGuard.server.installAssistantHooks`); here the user picks them
 * and the place, and sees the outcome.
 */
export function installAssistantHooksCommand(ctx: Ctx): () => Promise<void> {
  return async () => {
    const folderUri = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    const known = await serverCommand(ctx, ServerCommands.installAssistantHooks, { folderUri });
    if (!known) return;
    const found = known.assistants.filter((a) => a.found).map((a) => a.name);
    const items = known.assistants.map((a) => ({ label: a.name, description: a.found ? 'found here' : 'not found', picked: a.found })).sort((x, y) => Number(y.picked) - Number(x.picked));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Install Rotation Guard hooks for which AI assistants?', placeHolder: found.length ? `Found: ${found.join(', ')}` : 'No assistant config found; pick any you use' });
    if (!picked?.length) return;
    const scopes = [
      ...(folderUri ? [{ label: 'This project', scope: 'project' as const, description: 'the assistant config in the workspace folder' }] : []),
      { label: 'All my projects', scope: 'global' as const, description: 'the assistant config in your home folder' },
    ];
    const scope = scopes.length === 1 ? scopes[0] : await vscode.window.showQuickPick(scopes, { title: 'Install the hooks where?' });
    if (!scope) return;
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: installing the assistant hooks' }, () =>
      serverCommand(ctx, ServerCommands.installAssistantHooks, { folderUri, assistants: picked.map((p) => p.label), scope: scope.scope }),
    );
    if (!r) return;
    const done = r.installed.map((i) => `${i.assistant}: ${i.summary}`).join('; ');
    ctx.log.info(`AI assistant hooks: ${done}`);
    void vscode.window.showInformationMessage(`Rotation Guard: ${done}. Prompts, file reads, commands and tool calls holding a credential are now blocked before the assistant sees them.`);
  };
}

/** Tooltip lines for a secret's exposures to an assistant (blocked by a hook), newest first. */
export function assistantExposureMarkdown(exposures: ReadonlyArray<{ at: string; detail: string; event?: string }>): string {
  const mine = exposures.filter((e) => e.event === 'exposed-to-assistant').slice(-3).reverse();
  return mine.map((e) => `- **exposed to an AI assistant** ${e.at.slice(0, 16).replace('T', ' ')}: ${e.detail}\n`).join('');
}
