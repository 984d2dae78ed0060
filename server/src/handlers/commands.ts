// `workspace/executeCommand`: the server's own actions (commands.ts), so they work in any client.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { ServerCommands, type ServerCommandId } from '../../../protocol/src/protocol';
import { serverCommandHandlers } from '../commands';
import { pathToUri } from '../paths';
import { workspaceCommands } from '../session/workspaceCommands';
import type { ServerState } from '../state';
import { runScan } from './workspace';

export function registerCommands(state: ServerState): void {
  const handlers = serverCommandHandlers({
    connection: state.connection,
    documents: state.documents,
    settings: state.settings,
    folders: () => state.workspaceFolders,
    refresh: () => state.refresh(),
    scanWorkspace: () => runScan(state, {}, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) }),
    log: state.log,
    env: state.env,
    workspaceTrusted: () => state.workspaceTrusted,
    progress: () => state.progress(),
    rememberLive: (fp, status) => void state.liveVerdicts.set(fp, status),
    exposureRecorded: (id, fp, uri) => state.exposures.recorded(id, fp, uri),
    workspace: workspaceCommands({ folders: () => state.workspaceFolders, env: state.env, workspaceTrusted: () => state.workspaceTrusted, knownSecrets: () => state.knownSecrets, minConfidence: async (f) => (await state.settings.get(pathToUri(f))).minConfidence, progress: () => state.progress(), refresh: () => state.refresh(), log: state.log }),
  });
  state.connection.onExecuteCommand(async (params) => {
    const handler = handlers[params.command as ServerCommandId] as ((a: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command} (known: ${Object.values(ServerCommands).join(', ')})`);
    const arg = params.arguments?.[0];
    if (params.command !== ServerCommands.scanWorkspace && params.command !== ServerCommands.scanGitHistory && (!arg || typeof arg !== 'object')) throw new ResponseError(ErrorCodes.InvalidParams, `${params.command} takes one object argument`);
    return handler(arg ?? {});
  });
}
