import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ASSISTANTS, detectAssistants, installHooks, type AssistantName, type Scope } from '../../core/filter';
import type { Ctx } from './ctx';

/**
 * "Rotation Guard: Install AI Assistant Hooks…": finds the assistants used here (config folders
 * in the workspace or the home folder), lets the user pick, and installs our hook through the
 * same core code as `rotation-guard hooks install`. The hook runs this extension's own CLI bundle
 * with the `node` on PATH (the assistants themselves run on Node).
 */
export function installAssistantHooksCommand(ctx: Ctx): () => Promise<void> {
  return async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const found = detectAssistants(folder, homedir());
    const items = ASSISTANTS.map((a) => ({ label: a, description: found.includes(a) ? 'found here' : 'not found', picked: found.includes(a), assistant: a }));
    items.sort((x, y) => Number(y.picked) - Number(x.picked));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Install Rotation Guard hooks for which AI assistants?', placeHolder: found.length ? `Found: ${found.join(', ')}` : 'No assistant config found; pick any you use' });
    if (!picked?.length) return;
    const scopes: Array<{ label: string; scope: Scope; description: string }> = [
      ...(folder ? [{ label: 'This project', scope: 'project' as const, description: 'the assistant config in the workspace folder' }] : []),
      { label: 'All my projects', scope: 'global' as const, description: 'the assistant config in your home folder' },
    ];
    const scope = scopes.length === 1 ? scopes[0] : await vscode.window.showQuickPick(scopes, { title: 'Install the hooks where?' });
    if (!scope) return;
    const command = `node "${ctx.extension.asAbsolutePath('dist/cli.js')}"`;
    const done: string[] = [];
    for (const p of picked) {
      try {
        const r = installHooks(p.assistant as AssistantName, scope.scope, folder ?? homedir(), command, homedir());
        done.push(`${p.assistant}: ${r.changed ? 'installed' : 'already installed'} (${vscode.workspace.asRelativePath(r.path)})`);
      } catch (err) {
        ctx.log.warn(`install hooks for ${p.assistant}: ${(err as Error).message}`);
        done.push(`${p.assistant}: not installed — ${(err as Error).message}`);
      }
    }
    ctx.log.info(`AI assistant hooks: ${done.join('; ')}`);
    void vscode.window.showInformationMessage(`Rotation Guard: ${done.join('; ')}. Prompts, file reads, commands and tool calls holding a credential are now blocked before the assistant sees them.`);
  };
}

/** Tooltip lines for a secret's exposures to an assistant (blocked by a hook), newest first. */
export function assistantExposureMarkdown(exposures: ReadonlyArray<{ at: string; detail: string; event?: string }>): string {
  const mine = exposures.filter((e) => e.event === 'exposed-to-assistant').slice(-3).reverse();
  return mine.map((e) => `- **exposed to an AI assistant** ${e.at.slice(0, 16).replace('T', ' ')}: ${e.detail}\n`).join('');
}
