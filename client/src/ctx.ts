import * as vscode from 'vscode';
import { POLICY_FILE_GLOB } from '../../core/policy';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, CONFIG_SECTION, ExposureNotification, StatusNotification } from '../../protocol/src/protocol';
import { userOnlyMachineSettings } from './config';
import { serverCommandMiddleware, type ServerAccess } from './serverCommands';

/** Owns the language client's lifecycle; commands get this and degrade when the server is down. */
export class Ctx implements ServerAccess {
  client: LanguageClient | undefined;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly exposureEmitter = new vscode.EventEmitter<ExposureNotification.Params>();
  /** The server judged a sighting of a secret's current value (it is recorded in the ledger already). */
  readonly onExposure = this.exposureEmitter.event;
  private readonly runningEmitter = new vscode.EventEmitter<boolean>();
  /** The language server started (true) or stopped (false). */
  readonly onDidChangeRunning = this.runningEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext, readonly log: vscode.LogOutputChannel) {
    this.statusItem = vscode.window.createStatusBarItem('rotationGuard.status', vscode.StatusBarAlignment.Left, 10);
    this.statusItem.name = 'Rotation Guard';
    this.statusItem.command = 'rotationGuard.showOutput';
    this.setStatus('warn', 'starting…', 0);
    this.statusItem.show();
    extension.subscriptions.push(this.statusItem, this.exposureEmitter, this.runningEmitter);
  }

  setStatus(state: StatusNotification.Params['state'], message: string, findings: number): void {
    const icon = state === 'ok' ? '$(shield)' : state === 'warn' ? '$(warning)' : '$(error)';
    this.statusItem.text = findings ? `${icon} Rotation Guard: ${findings}` : `${icon} Rotation Guard`;
    this.statusItem.tooltip = `Rotation Guard — ${message}`;
    this.statusItem.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  /** The start in progress, if any: a server command run meanwhile waits for it instead of failing. */
  private starting: Promise<void> | undefined;

  async start(): Promise<void> {
    const started = this.startClient();
    this.starting = started;
    try {
      await started;
    } finally {
      if (this.starting === started) this.starting = undefined;
    }
  }

  private async startClient(): Promise<void> {
    const serverModule = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }],
      outputChannel: this.log,
      traceOutputChannel: this.log,
      synchronize: {
        configurationSection: CONFIG_SECTION,
        fileEvents: vscode.workspace.createFileSystemWatcher(`**/{.rotation/ledger.jsonl,${POLICY_FILE_GLOB.slice(3)}}`),
      },
      // Keep the server alive through a few crashes, then surface it instead of looping.
      connectionOptions: { maxRestartCount: 4 },
      // the server refuses command/http/postgres providers unless told the workspace is trusted
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
      middleware: {
        executeCommand: serverCommandMiddleware(this.log, () => void vscode.commands.executeCommand(Commands.refreshSecrets)),
        // the machine-scoped allowedPaths travels from user settings only, never a workspace's
        workspace: { configuration: userOnlyMachineSettings },
      },
    };
    this.client = new LanguageClient('rotationGuard', 'Rotation Guard', serverOptions, clientOptions);
    this.client.onNotification(StatusNotification.type, (p) => this.setStatus(p.state, p.message, p.findings));
    this.client.onNotification(ExposureNotification.type, (p) => this.exposureEmitter.fire(p));
    try {
      await this.client.start();
      this.setStatus('ok', 'ready', 0);
      this.runningEmitter.fire(true);
    } catch (err) {
      this.setStatus('error', `language server failed to start: ${(err as Error).message}`, 0);
      this.log.error(`language server failed to start: ${(err as Error).stack ?? String(err)}`);
      this.client = undefined;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop().catch((err: unknown) => this.log.warn(`stopping the server: ${String(err)}`));
    this.runningEmitter.fire(false);
  }

  /** The running client once a start in progress has finished (a command run at window start), or a clear message and undefined. */
  async readyClient(): Promise<LanguageClient | undefined> {
    await this.starting;
    return this.requireClient();
  }

  /** The running client, or a clear message and undefined. */
  requireClient(): LanguageClient | undefined {
    if (this.client?.isRunning()) return this.client;
    void vscode.window.showErrorMessage('Rotation Guard: the language server is not running. Run "Rotation Guard: Restart Language Server" or see the output.', 'Show Output').then((a) => {
      if (a) this.log.show();
    });
    return undefined;
  }
}
