import * as vscode from 'vscode';
import { POLICY_FILE_GLOB, POLICY_SEARCH_EXCLUDE } from '../../core/policy/policy-file-names';

/** Policy files in the workspace; the user picks when there are several. */
export async function pickPolicy(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(POLICY_FILE_GLOB, POLICY_SEARCH_EXCLUDE, 20);
  if (found.length <= 1) {
    if (!found.length) void vscode.window.showWarningMessage('Rotation Guard: no rotation-policy.yaml in this workspace.');
    return found[0];
  }
  const picked = await vscode.window.showQuickPick(found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Which policy?' });
  return picked?.uri;
}
