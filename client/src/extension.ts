import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from '../../protocol/src/protocol';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { SecretsView } from './secretsView';
import { refreshTerminalEnv } from './terminalEnv';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ ctx: Ctx }> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log);
  ctx = new Ctx(context, log);
  const view = new SecretsView(ctx);
  context.subscriptions.push(vscode.window.registerTreeDataProvider('rotationGuard.secrets', view));
  context.subscriptions.push(...registerCommands(ctx, view));
  await ctx.start();
  view.refresh();
  const refreshEnv = () => void refreshTerminalEnv(ctx!).catch((err: unknown) => log.warn(`terminal secrets: ${(err as Error).message}`));
  refreshEnv();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rotationGuard.terminal.injectSecrets')) refreshEnv();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refreshEnv),
  );
  log.info('Rotation Guard activated');
  return { ctx };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
