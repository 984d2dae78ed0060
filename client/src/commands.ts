import * as vscode from 'vscode';
import { COMMAND_TABLE } from '../../protocol/src/commands';
import { Commands, RefreshNotification, ScanWorkspaceRequest, ServerCommands, type CommandId, type MoveToStoreArgs } from '../../protocol/src/protocol';
import { installAssistantHooksCommand } from './assistantHooks';
import { createPolicyCommand } from './createPolicy';
import type { Ctx } from './ctx';
import { showStatusCommand, type Dashboard } from './dashboard';
import { policyCommands } from './policyCommands';
import { rotationCommands } from './rotationCommands';
import type { SecretsView } from './secretsView';
import { refreshTerminalEnv } from './terminalEnv';

export function registerCommands(ctx: Ctx, view: SecretsView, dashboard: Dashboard): vscode.Disposable[] {
  // once the user has scanned the workspace, closed files carry diagnostics the server does not
  // revalidate on refresh (a policy's "overdue" after its secret was rotated): rescan quietly
  let scanned = false;
  const refreshAll = () => {
    void ctx.client?.sendNotification(RefreshNotification.type, {});
    if (scanned && ctx.client?.isRunning()) {
      void ctx.client.sendRequest(ScanWorkspaceRequest.type, {}).catch((err: unknown) => ctx.log.warn(`rescan after a change: ${(err as Error).message}`));
    }
    view.refresh();
    void refreshTerminalEnv(ctx).catch((err: unknown) => ctx.log.warn(`terminal secrets: ${(err as Error).message}`));
  };
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [Commands.showOutput]: () => ctx.log.show(),
    [Commands.restartServer]: async () => {
      await ctx.restart();
      view.refresh();
    },
    // the old client-side quick fix stored values outside any policy; it now runs the server's
    // move through the policy (the same command the quick fix carries)
    [Commands.moveToStore]: (args: MoveToStoreArgs) => vscode.commands.executeCommand(ServerCommands.moveToStore, args),
    [Commands.scanWorkspace]: async () => {
      const client = await ctx.readyClient();
      if (!client) return undefined;
      const res = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: scanning the workspace', cancellable: true },
        (_p, token) => client.sendRequest(ScanWorkspaceRequest.type, {}, token),
      );
      scanned = true;
      void vscode.window.showInformationMessage(`Rotation Guard: ${res.filesScanned} files scanned, ${res.incidents} problem${res.incidents === 1 ? '' : 's'} (${res.findings} locations)${res.skipped ? `, ${res.skipped} skipped (see output)` : ''}.`);
      if (res.findings) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return res;
    },
    [Commands.createPolicy]: createPolicyCommand(ctx, refreshAll),
    [Commands.installAssistantHooks]: installAssistantHooksCommand(ctx),
    ...showStatusCommand(dashboard),
    ...policyCommands(ctx, refreshAll),
    ...rotationCommands(ctx, refreshAll),
  };
  // From the protocol's table: a command that needs the server waits for a start in progress, and says so while it is down (readyClient) instead of running.
  return (Object.keys(COMMAND_TABLE) as CommandId[]).map((id) => {
    const fn = handlers[id] as ((...args: unknown[]) => unknown) | undefined;
    if (!fn) throw new Error(`no handler for the command ${id}`);
    return vscode.commands.registerCommand(id, COMMAND_TABLE[id].whileServerDown === 'disabled' ? async (...args: unknown[]) => ((await ctx.readyClient()) ? fn(...args) : undefined) : fn);
  });
}
