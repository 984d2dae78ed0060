import * as vscode from 'vscode';
import { Commands, ServerCommands } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';
import { serverCommand } from './serverCommands';
import { pickPolicy } from './policies';
import { SecretItem } from './secretsView';

async function revealSecret(uri: vscode.Uri, line: number): Promise<void> {
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: false });
}

export function policyCommands(ctx: Ctx, refresh: () => void): Record<string, (...args: never[]) => unknown> {
  return {
    [Commands.openPolicy]: async () => {
      const uri = await pickPolicy('Open which policy?');
      if (uri) await vscode.window.showTextDocument(uri, { preview: false });
      return uri;
    },
    [Commands.revealInPolicy]: async (item?: SecretItem) => {
      if (!(item instanceof SecretItem)) return vscode.commands.executeCommand(Commands.openPolicy);
      await revealSecret(item.secret.policyUri, item.secret.line);
      return item.secret.policyUri;
    },
    [Commands.verifyLedger]: async () => {
      const policy = await pickPolicy('Verify the ledger of which policy?');
      if (!policy) return undefined;
      // the server checks it as `rotation-guard ledger verify` does (the policy's ledger.writers decide whose signatures count)
      const result = await serverCommand(ctx, ServerCommands.verifyLedger, { policyUri: policy.toString() });
      if (!result) return undefined;
      if (result.ok) void vscode.window.showInformationMessage(`Rotation Guard: ledger intact (${result.entries} entries, hash chain valid, signatures trusted).`);
      else void vscode.window.showErrorMessage(`Rotation Guard: ledger check FAILED at line ${result.firstBadLine}: ${result.reason}`);
      return result;
    },
    [Commands.scanGitHistory]: async (arg?: { folder?: string }) => {
      const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      const folder = arg?.folder ?? (several ? (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Scan the git history of which folder?' }))?.uri.fsPath : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
      if (!folder) return void vscode.window.showWarningMessage('Rotation Guard: open a folder to scan its git history.');
      // the server scans and shows its own progress ($/progress)
      const res = await serverCommand(ctx, ServerCommands.scanGitHistory, { folderUri: vscode.Uri.file(folder).toString() });
      if (!res) return undefined;
      if (res.error) return void vscode.window.showErrorMessage(`Rotation Guard: git history scan failed — ${res.error}`);
      const msg = res.findings.length ? `Rotation Guard: ${res.findings.length} credential(s) found in git history — rotate them: removing a commit does not un-leak a value.` : 'Rotation Guard: no credentials found in git history.';
      void (res.findings.length ? vscode.window.showWarningMessage(msg, 'Show Output') : vscode.window.showInformationMessage(msg)).then((a) => a && ctx.log.show());
      return res;
    },
    [Commands.enforceNow]: async (arg?: { policy?: string }) => {
      const policy = arg?.policy ? vscode.Uri.file(arg.policy) : await pickPolicy('Enforce which policy?');
      if (!policy) return undefined;
      const r = await serverCommand(ctx, ServerCommands.enforce, { policyUri: policy.toString() });
      if (!r) return undefined;
      for (const line of r.lines) ctx.log.info(`enforce: ${line}`);
      refresh();
      if (r.exitCode === 0) void vscode.window.showInformationMessage('Rotation Guard: policy enforced — every secret is compliant.');
      else void vscode.window.showWarningMessage(`Rotation Guard: enforce finished with work for a person (exit ${r.exitCode}) — ${(r.lines[r.lines.length - 1] ?? '').slice(0, 300)}`, 'Show Output').then((a) => a && ctx.log.show());
      return r.exitCode;
    },
    [Commands.refreshSecrets]: refresh,
  };
}
