import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { verifyLedger } from '../../server/src/core/ledger/verify';
import { Commands, RefreshNotification, ScanWorkspaceRequest } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { moveToStoreCommand } from './moveToStore';
import type { SecretsView } from './secretsView';
import { rotationCommands } from './rotationCommands';

/** Policy files in the workspace; the user picks when there are several. */
export async function pickPolicy(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/{rotation-policy.{yaml,yml,json},*.rotation.{yaml,yml,json}}', '**/node_modules/**', 20);
  if (found.length <= 1) {
    if (!found.length) void vscode.window.showWarningMessage('Rotation Guard: no rotation-policy.yaml in this workspace.');
    return found[0];
  }
  const picked = await vscode.window.showQuickPick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Which policy?' });
  return picked?.uri;
}

export function registerCommands(ctx: Ctx, view: SecretsView): vscode.Disposable[] {
  const refreshAll = () => {
    void ctx.client?.sendNotification(RefreshNotification.method, {});
    view.refresh();
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
