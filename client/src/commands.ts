import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { verifyLedger } from '../../core/ledger/verify';
import { Commands, RefreshNotification, ScanWorkspaceRequest } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { moveToStoreCommand } from './moveToStore';
import type { SecretsView } from './secretsView';
import { rotationCommands } from './rotationCommands';
import { pickPolicy } from './pickPolicy';
import { refreshTerminalEnv } from './terminalEnv';

export function registerCommands(ctx: Ctx, view: SecretsView): vscode.Disposable[] {
  const refreshAll = () => {
    void ctx.client?.sendNotification(RefreshNotification.method, {});
    view.refresh();
    void refreshTerminalEnv(ctx).catch((err: unknown) => ctx.log.warn(`terminal secrets: ${(err as Error).message}`));
  };
  const handlers: Record<string, (...args: never[]) => unknown> = {
    [Commands.showOutput]: () => ctx.log.show(),
    [Commands.restartServer]: async () => {
      await ctx.restart();
      view.refresh();
    },
    [Commands.refreshSecrets]: refreshAll,
    [Commands.moveToStore]: moveToStoreCommand(ctx),
    [Commands.scanWorkspace]: async () => {
      const client = ctx.requireClient();
      if (!client) return undefined;
      const res = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: scanning the workspace', cancellable: true },
        (_p, token) => client.sendRequest<ScanWorkspaceRequest.Result>(ScanWorkspaceRequest.method, {} satisfies ScanWorkspaceRequest.Params, token),
      );
      void vscode.window.showInformationMessage(`Rotation Guard: ${res.filesScanned} files scanned, ${res.findings} problems${res.skipped ? `, ${res.skipped} skipped (see output)` : ''}.`);
      if (res.findings) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return res;
    },
    [Commands.verifyLedger]: async () => {
      const policy = await pickPolicy();
      if (!policy) return undefined;
      const ledger = join(dirname(policy.fsPath), '.rotation', 'ledger.jsonl');
      const result = verifyLedger(ledger);
      if (result.ok) void vscode.window.showInformationMessage(`Rotation Guard: ledger intact (${result.entries} entries, hash chain valid).`);
      else void vscode.window.showErrorMessage(`Rotation Guard: ledger check FAILED at line ${result.firstBadLine}: ${result.reason}`);
      return result;
    },
    ...rotationCommands(ctx, refreshAll),
  };
  return Object.entries(handlers).map(([id, fn]) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
}
