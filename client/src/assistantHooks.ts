import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ASSISTANTS, detectAssistants, type AssistantName, type Scope } from '../../core/filter';
import type { Ctx } from './ctx';

/**
 * "Rotation Guard: Install AI Assistant Hooks…": finds the assistants used here (config folders
 * in the workspace or the home folder), lets the user pick, and runs `rotation-guard hooks
 * install` from this extension's own CLI bundle with the `node` on PATH. That is the Node the
 * assistants start the hook with, and the V8 startup snapshot the install builds for the hook
 * (cli/src/hook/) only starts on the Node that built it; the extension host's own runtime
 * (Electron, code-server's Node) would build one the hook cannot use.
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
    const cli = ctx.extension.asAbsolutePath('dist/cli.js');
    const done: string[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Rotation Guard: installing the assistant hooks' }, async () => {
      for (const p of picked) {
        const r = await runInstall(cli, p.assistant as AssistantName, scope.scope, folder ?? homedir());
        for (const line of r.log) ctx.log.info(`hooks install ${p.assistant}: ${line}`);
        done.push(`${p.assistant}: ${r.summary}`);
      }
    });
    ctx.log.info(`AI assistant hooks: ${done.join('; ')}`);
    void vscode.window.showInformationMessage(`Rotation Guard: ${done.join('; ')}. Prompts, file reads, commands and tool calls holding a credential are now blocked before the assistant sees them.`);
  };
}

/** One `node dist/cli.js hooks install` (argv, no shell); its lines say where it wrote and whether the snapshot was built. */
function runInstall(cli: string, assistant: AssistantName, scope: Scope, cwd: string): Promise<{ summary: string; log: string[] }> {
  return new Promise((resolve) => {
    execFile('node', [cli, 'hooks', 'install', '--assistant', assistant, scope === 'project' ? '--project' : '--global'], { cwd, timeout: 180_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const log = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
      const line = log.find((l) => l.startsWith(`${assistant}: `));
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ summary: 'not installed — Node.js is not on PATH, and the assistants start the hook with it', log });
      if (err || !line) return resolve({ summary: `not installed — ${log.filter((l) => !l.startsWith('hook snapshot')).pop() ?? (err as Error | null)?.message ?? 'no answer'}`, log });
      const where = vscode.workspace.asRelativePath(line.replace(/^[^:]+: (installed in|unchanged) /, ''));
      resolve({ summary: `${/: installed in /.test(line) ? 'installed' : 'already installed'} (${where})`, log });
    });
  });
}

/** Tooltip lines for a secret's exposures to an assistant (blocked by a hook), newest first. */
export function assistantExposureMarkdown(exposures: ReadonlyArray<{ at: string; detail: string; event?: string }>): string {
  const mine = exposures.filter((e) => e.event === 'exposed-to-assistant').slice(-3).reverse();
  return mine.map((e) => `- **exposed to an AI assistant** ${e.at.slice(0, 16).replace('T', ' ')}: ${e.detail}\n`).join('');
}
