import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { ledgerPathFor, verifyLedger } from '../../core/ledger';
import { loadPolicyFile } from '../../core/policy';
import { Commands } from '../../protocol/src/protocol';
import { cliLacks, runCli } from './cliRunner';
import type { Ctx } from './ctx';
import { pickPolicy } from './policies';
import { SecretItem } from './secretsView';

async function revealSecret(uri: vscode.Uri, line: number): Promise<void> {
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: false });
}

/** The workspace folder a command runs the CLI in: the policy's folder, else the first folder. */
function cliFolder(policy?: vscode.Uri): string | undefined {
  return policy ? dirname(policy.fsPath) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function sayMissingCli(what: string): void {
  void vscode.window.showWarningMessage(`Rotation Guard: ${what} is not in this build of the rotation-guard CLI yet; nothing was run.`);
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
      // the policy's ledger.writers decide whose signatures count, as in `rotation-guard ledger verify`
      const result = verifyLedger(ledgerPathFor(policy.fsPath), undefined, { writers: loadPolicyFile(policy.fsPath).policy?.ledger?.writers });
      if (result.ok) void vscode.window.showInformationMessage(`Rotation Guard: ledger intact (${result.entries} entries, hash chain valid, signatures trusted).`);
      else void vscode.window.showErrorMessage(`Rotation Guard: ledger check FAILED at line ${result.firstBadLine}: ${result.reason}`);
      return result;
    },
    [Commands.scanGitHistory]: async (arg?: { folder?: string }) => {
      const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      const folder = arg?.folder ?? (several ? (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Scan the git history of which folder?' }))?.uri.fsPath : cliFolder());
      if (!folder) return void vscode.window.showWarningMessage('Rotation Guard: open a folder to scan its git history.');
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: scanning git history', cancellable: true }, (_p, token) =>
        runCli(ctx, ['scan', '--git-history', '--format', 'json', '.'], folder, token),
      );
      if (cliLacks(r)) return sayMissingCli('`scan --git-history`');
      if (r.code === 2) return void vscode.window.showErrorMessage(`Rotation Guard: git history scan failed — ${r.stderr.trim().split('\n')[0]}`);
      const res = JSON.parse(r.stdout) as { findings: Array<{ file: string; line: number; ruleId: string; commit?: string; authorDate?: string }> };
      for (const f of res.findings) ctx.log.info(`git history: ${f.ruleId} in ${f.file}:${f.line}${f.commit ? ` (commit ${f.commit.slice(0, 12)}${f.authorDate ? `, ${f.authorDate.slice(0, 10)}` : ''})` : ''}`);
      const msg = res.findings.length ? `Rotation Guard: ${res.findings.length} credential(s) found in git history — rotate them: removing a commit does not un-leak a value.` : 'Rotation Guard: no credentials found in git history.';
      void (res.findings.length ? vscode.window.showWarningMessage(msg, 'Show Output') : vscode.window.showInformationMessage(msg)).then((a) => a && ctx.log.show());
      return res;
    },
    [Commands.enforceNow]: async (arg?: { policy?: string }) => {
      const policy = arg?.policy ? vscode.Uri.file(arg.policy) : await pickPolicy('Enforce which policy?');
      if (!policy) return undefined;
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: enforcing the policy', cancellable: true }, (_p, token) =>
        runCli(ctx, ['enforce', '--policy', policy.fsPath, '--format', 'text'], cliFolder(policy)!, token),
      );
      if (cliLacks(r)) return sayMissingCli('`enforce`');
      for (const line of r.stdout.split('\n').filter(Boolean)) ctx.log.info(`enforce: ${line}`);
      refresh();
      if (r.code === 0) void vscode.window.showInformationMessage('Rotation Guard: policy enforced — every secret is compliant.');
      else void vscode.window.showWarningMessage(`Rotation Guard: enforce finished with work for a person (exit ${r.code}) — ${(r.stdout.trim().split('\n').pop() ?? r.stderr.trim()).slice(0, 300)}`, 'Show Output').then((a) => a && ctx.log.show());
      return r.code;
    },
    [Commands.refreshSecrets]: refresh,
  };
}
