import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { draftsFrom, policyFromFindings, type FoundCredential } from '../../core/actions';
import { loadPolicyFile } from '../../core/policy';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';

/**
 * `rotation-guard scan --format json .` with the bundled CLI and the editor's own Node (Electron runs
 * it as Node through ELECTRON_RUN_AS_NODE). The CLI never prints a value.
 */
function scanWithCli(ctx: Ctx, cwd: string, token: vscode.CancellationToken): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = ctx.extension.asAbsolutePath('dist/cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'scan', '--format', 'json', '.'], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    token.onCancellationRequested(() => child.kill('SIGTERM'));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Create Policy from Findings: scan with the CLI (works with the server down), write, open. */
export function createPolicyCommand(ctx: Ctx, refresh: () => void) {
  return async (): Promise<vscode.Uri | undefined> => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) {
      void vscode.window.showWarningMessage('Rotation Guard: open a folder first; the policy is created at its root.');
      return undefined;
    }
    const existing = await findPolicies();
    const target = join(folder, 'rotation-policy.yaml');
    if (existing.length || existsSync(target)) {
      const uri = existing[0] ?? vscode.Uri.file(target);
      void vscode.window.showInformationMessage(`Rotation Guard: ${vscode.workspace.asRelativePath(uri)} already exists; opened it instead of overwriting it.`);
      await vscode.window.showTextDocument(uri, { preview: false });
      return uri;
    }
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: scanning for credentials', cancellable: true }, (_p, token) =>
      scanWithCli(ctx, folder, token),
    );
    if (r.code !== 0 && r.code !== 1) {
      void vscode.window.showErrorMessage(`Rotation Guard: the scan failed (exit ${r.code}) — ${r.stderr.trim().split('\n')[0] ?? ''}`);
      return undefined;
    }
    const drafts = draftsFrom((JSON.parse(r.stdout) as { findings: FoundCredential[] }).findings);
    const text = policyFromFindings(drafts, { service: `rotation-guard-${basename(folder)}` });
    writeFileSync(target, text, { flag: 'wx' });
    // core's tests hold it to no errors; a slip shows up in the log rather than silently.
    const errors = loadPolicyFile(target).problems.filter((p) => p.severity === 'error');
    if (errors.length) ctx.log.warn(`the created policy has problems: ${errors.map((p) => p.message).join('; ')}`);
    await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
    refresh();
    void vscode.window
      .showInformationMessage(`Rotation Guard: rotation-policy.yaml created with ${drafts.length} secret(s) from the findings. Next: move each value out of its file (quick fix) and rotate it.`, 'Show Secrets')
      .then((a) => a && vscode.commands.executeCommand('rotationGuard.secrets.focus'));
    return vscode.Uri.file(target);
  };
}

