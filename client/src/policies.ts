import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { isPolicyFileName, loadPolicy, policyOrError, POLICY_FILE_GLOB, POLICY_SEARCH_EXCLUDE, type Policy } from '../../core/policy';
import { Commands } from '../../protocol/src/protocol';
import { userAllowedPaths } from './config';

/**
 * The workspace's policy files, however many there are. `findFiles` is the search; open policy
 * editors are added (an unsaved new policy is not on disk yet, and a policy opened from outside
 * the workspace counts too). The glob comes from the one table (core/policy/model/policy-file-names.ts):
 * the file search hands globs to ripgrep, which rejects nested brace groups — the cause of the
 * old "no rotation-policy.yaml in this workspace" from the palette.
 */
export async function findPolicies(): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const u of await vscode.workspace.findFiles(POLICY_FILE_GLOB, POLICY_SEARCH_EXCLUDE, 50)) found.set(u.toString(), u);
  // an editor may still show a policy deleted on disk: only files that exist count
  for (const d of vscode.workspace.textDocuments) {
    if (d.uri.scheme === 'file' && isPolicyFileName(d.uri.fsPath) && existsSync(d.uri.fsPath)) found.set(d.uri.toString(), d.uri);
  }
  return [...found.values()].sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

/** Offers to create a policy when there is none (the walkthrough's command). */
export function sayNoPolicy(): void {
  void vscode.window
    .showWarningMessage('Rotation Guard: this workspace has no rotation policy (rotation-policy.yaml or *.rotation.yaml).', 'Create Policy from Findings')
    .then((a) => a && vscode.commands.executeCommand(Commands.createPolicy));
}

/**
 * The policy a command acts on: the one in the active editor, the only one, or the user's pick.
 * Undefined when there is none (after saying so) or the pick was cancelled.
 */
export async function pickPolicy(title = 'Which rotation policy?'): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && isPolicyFileName(active.fsPath)) return active;
  const found = await findPolicies();
  if (found.length <= 1) {
    if (!found.length) sayNoPolicy();
    return found[0];
  }
  const picked = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title, placeHolder: `${found.length} policy files in this workspace` },
  );
  return picked?.uri;
}

export interface LoadedForCommand {
  uri: vscode.Uri;
  policy: Policy;
  text: string;
}

/**
 * Loads a policy for a command (core's loadPolicy, as the server and the CLI do). A policy with
 * errors is not acted on: the message names the first error and offers to open it at that line.
 */
export function loadForCommand(uri: vscode.Uri): LoadedForCommand | undefined {
  const loaded = loadPolicy(uri.fsPath, { allowedPaths: userAllowedPaths() });
  const usable = policyOrError(loaded, vscode.workspace.asRelativePath(uri));
  if (!('error' in usable)) return { uri, policy: usable.policy, text: usable.text };
  const at = loaded.error ?? { line: 0, character: 0 };
  void vscode.window.showErrorMessage(`Rotation Guard: ${usable.error}`, 'Open Policy').then((a) => {
    if (a) void vscode.window.showTextDocument(uri, { selection: new vscode.Range(at.line, at.character, at.line, at.character) });
  });
  return undefined;
}
