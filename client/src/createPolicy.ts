import * as vscode from 'vscode';
import { ServerCommands } from '../../protocol/src/protocol';
import { serverCommand, type ServerAccess } from './serverCommands';

/**
 * Create Policy from Findings: the server scans the first folder and writes the policy
 * (`rotationGuard.server.createPolicy`, with its own progress); here the outcome is shown and the
 * policy opened. Disabled while the server is down (COMMAND_TABLE).
 */
export function createPolicyCommand(server: ServerAccess, refresh: () => void) {
  return async (): Promise<vscode.Uri | undefined> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder) {
      void vscode.window.showWarningMessage('Rotation Guard: open a folder first; the policy is created at its root.');
      return undefined;
    }
    const r = await serverCommand(server, ServerCommands.createPolicy, { folderUri: folder.toString(), announce: false });
    if (!r) return undefined;
    const uri = r.policyUri ? vscode.Uri.parse(r.policyUri) : undefined;
    if (r.problems?.length) server.log.warn(`the created policy has problems: ${r.problems.join('; ')}`);
    if (!r.created) {
      if (r.reason === 'cancelled') return undefined;
      void (r.reason === 'exists' ? vscode.window.showInformationMessage(`Rotation Guard: ${r.message} Opened it instead.`) : vscode.window.showWarningMessage(`Rotation Guard: ${r.message}`));
      if (uri) await vscode.window.showTextDocument(uri, { preview: false });
      return uri;
    }
    await vscode.window.showTextDocument(uri!, { preview: false });
    refresh();
    void vscode.window.showInformationMessage(`Rotation Guard: ${r.message}`, 'Show Secrets').then((a) => a && vscode.commands.executeCommand('rotationGuard.secrets.focus'));
    return uri;
  };
}
