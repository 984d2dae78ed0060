import * as vscode from 'vscode';
import { POLICY_FILE_GLOB } from '../../core/policy';
import { Commands, OUTPUT_CHANNEL_NAME } from '../../protocol/src/protocol';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { Dashboard } from './dashboard';
import { EditorTriggers } from './editorTriggers';
import { offerResumeAtStart } from './resumeOnStart';
import { SecretsView } from './secretsView';
import { refreshTerminalEnv } from './terminalEnv';

let ctx: Ctx | undefined;

/** What tests (and other extensions) get from activate(). */
export interface RotationGuardApi {
  ctx: Ctx;
  view: SecretsView;
  dashboard: Dashboard;
  triggers: EditorTriggers;
  /** Resolves once the start-up checks (interrupted rotations) have run. */
  started: Promise<{ resumeOffered: number }>;
  /** The start-up check again (what the next window start does), for tests. */
  checkInterrupted: () => Promise<number>;
}

export async function activate(context: vscode.ExtensionContext): Promise<RotationGuardApi> {
  const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(log);
  ctx = new Ctx(context, log);
  const view = new SecretsView(ctx);
  const dashboard = new Dashboard(view);
  context.subscriptions.push(view, dashboard, vscode.window.registerTreeDataProvider('rotationGuard.secrets', view));
  context.subscriptions.push(...registerCommands(ctx, view, dashboard));
  // the view, status bar and dashboard follow the policies and their ledgers on disk
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{.rotation/ledger.jsonl,${POLICY_FILE_GLOB.slice(3)}}`);
  context.subscriptions.push(watcher, watcher.onDidChange(() => view.refresh()), watcher.onDidCreate(() => view.refresh()), watcher.onDidDelete(() => view.refresh()));
  // the Secrets view is the server's answer: asked again whenever the server (re)starts
  context.subscriptions.push(ctx.onDidChangeRunning(() => view.refresh()));
  view.refresh();
  const triggers = new EditorTriggers(ctx, () => vscode.commands.executeCommand(Commands.refreshSecrets));
  context.subscriptions.push(triggers);
  await ctx.start();
  const refreshEnv = () => void refreshTerminalEnv(ctx!).catch((err: unknown) => log.warn(`terminal secrets: ${(err as Error).message}`));
  refreshEnv();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rotationGuard.terminal.injectSecrets')) refreshEnv();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      refreshEnv();
      view.refresh();
      // the server learns trust at start-up (initializationOptions)
      void ctx!.restart().catch((err: unknown) => log.warn(`restarting the server after trust was granted: ${(err as Error).message}`));
    }),
  );
  const started = offerResumeAtStart(ctx).then(
    (resumeOffered) => ({ resumeOffered }),
    (err: unknown) => {
      log.warn(`checking for interrupted rotations: ${(err as Error).message}`);
      return { resumeOffered: 0 };
    },
  );
  log.info('Rotation Guard activated');
  return { ctx, view, dashboard, triggers, started, checkInterrupted: () => offerResumeAtStart(ctx!) };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
