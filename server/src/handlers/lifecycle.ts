// initialize (capabilities), the client's folders and settings, and the notifications that make
// the server reload what it knows (watched files, refresh).
import { DidChangeConfigurationNotification, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { RefreshNotification, ServerCommands } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';
import type { ServerState } from '../state';

export function registerLifecycle(state: ServerState): void {
  const { connection, settings } = state;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    settings.setClientSupportsConfiguration(!!caps.workspace?.configuration);
    settings.fromInitializationOptions(params.initializationOptions);
    state.client = {
      workspaceFolders: !!caps.workspace?.workspaceFolders,
      pullDiagnostics: !!caps.textDocument?.diagnostic,
      diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
      workDoneProgress: !!caps.window?.workDoneProgress,
      showDocument: !!caps.window?.showDocument?.support,
    };
    state.workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted === true;
    state.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (state.workspaceFolders.length === 0 && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) state.workspaceFolders = [root];
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(state.client.pullDiagnostics ? { diagnosticProvider: { identifier: 'rotation-guard', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'rotation-guard', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    // The getter throws when the client cannot send folder changes, so only ask for them if it can.
    if (state.client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        state.workspaceFolders = state.workspaceFolders.filter((f) => !removed.has(f));
        for (const f of e.added) {
          const p = uriToPath(f.uri);
          if (p) state.workspaceFolders.push(p);
        }
        void state.refresh();
      });
    }
    await state.refreshAllowedPaths();
    await state.refreshKnownSecrets();
    state.revalidateAll();
  });

  connection.onDidChangeConfiguration(async (params) => {
    settings.changed(params);
    await state.refreshAllowedPaths();
    state.workspacePull.invalidateAll();
    state.revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    state.workspacePull.wake(); // at once: refresh() ends with invalidateAll after it reloads the ledgers
    void state.refresh();
  });
  connection.onNotification(RefreshNotification.type, () => void state.refresh());

  // A held workspace pull ends (ServerCancelled) before the client's exit, so nothing waits on it.
  connection.onShutdown(() => state.workspacePull.dispose());
}
