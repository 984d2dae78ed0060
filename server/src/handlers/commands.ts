// `workspace/executeCommand`: the server's own actions (commands.ts), so they work in any client.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { ServerCommands, type CreatePolicyResult, type ServerCommandId } from '../../../protocol/src/protocol';
import { serverCommandHandlers } from '../commands';
import { pathToUri } from '../paths';
import { workspaceCommands } from '../session/workspaceCommands';
import type { ServerState } from '../state';
import { runWorkspacePass } from '../scanInWorker';
import { runScan } from './workspace';

/** Commands whose one argument may be left out (each of its fields has a default). */
const OPTIONAL_ARGUMENT = new Set<string>([ServerCommands.scanWorkspace, ServerCommands.scanGitHistory, ServerCommands.createPolicy]);

/** Create Policy from Findings in a client that shows nothing itself: the outcome, and the policy opened where the client can. */
function announceCreatedPolicy(state: ServerState, r: CreatePolicyResult): void {
  const message = `Rotation Guard: ${r.message}`;
  if (r.created && r.problems?.length) void state.connection.window.showWarningMessage(`${message} It has problems: ${r.problems.join('; ')}`);
  else if (r.created || r.reason === 'exists') void state.connection.window.showInformationMessage(message);
  else if (r.reason !== 'cancelled') void state.connection.window.showWarningMessage(message);
  if (r.policyUri && state.client.showDocument) void state.connection.window.showDocument({ uri: r.policyUri, takeFocus: true }).catch((err: Error) => state.log(`opening ${r.policyUri}: ${err.message}`));
}

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
    workspace: workspaceCommands({
      folders: () => state.workspaceFolders,
      env: state.env,
      workspaceTrusted: () => state.workspaceTrusted,
      knownSecrets: () => state.knownSecrets,
      minConfidence: async (f) => (await state.settings.get(pathToUri(f))).minConfidence,
      allowedPaths: async (uri) => (await state.settings.get(uri)).allowedPaths,
      progress: () => state.progress(),
      refresh: () => state.refresh(),
      log: state.log,
      createPolicy: {
        policies: () => state.secretIndex.get().policies.map((p) => p.path),
        pass: (folder, on, token) => runWorkspacePass(state, [folder], on, token, { readOpenFromDisk: true }),
        announce: (r) => announceCreatedPolicy(state, r),
      },
    }),
  });
  state.connection.onExecuteCommand(async (params) => {
    const handler = handlers[params.command as ServerCommandId] as ((a: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new ResponseError(ErrorCodes.InvalidParams, `unknown command ${params.command} (known: ${Object.values(ServerCommands).join(', ')})`);
    const arg = params.arguments?.[0];
    if (!OPTIONAL_ARGUMENT.has(params.command) && (!arg || typeof arg !== 'object')) throw new ResponseError(ErrorCodes.InvalidParams, `${params.command} takes one object argument`);
    return handler(arg ?? {});
  });
}
