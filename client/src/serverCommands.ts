import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, type Middleware } from 'vscode-languageclient/node';
import { Commands, ServerCommands, type CreatePolicyResult, type EnforceResult, type MoveToStoreArgs, type MoveToStoreResult, type ScanGitHistoryResult, type SecretRef, type ServerCommandArgs, type VerifyLedgerResult, type InstallAssistantHooksResult } from '../../protocol/src/protocol';
import { storeForMove } from './storePicker';

/**
 * What running a server command needs from the client's lifecycle (Ctx has it). Named here, not
 * imported from ctx.ts, because ctx.ts installs this file's middleware: no import cycle.
 */
export interface ServerAccess {
  readonly log: vscode.LogOutputChannel;
  /** The running client (once a start in progress has finished), or undefined after telling the user the server is down. */
  readyClient(): Promise<LanguageClient | undefined>;
}

/**
 * The language server carries out its commands in any editor (workspace/executeCommand). In VS
 * Code the client adds what only it has, never needed for the command to work:
 * - rotate / mark compromised run as the palette commands do (progress notification, the
 *   password box a manual provider needs, SecretStorage, the trust confirmation);
 * - "Move secret to store" asks for the store with a Quick Pick instead of the server's
 *   three-button notification; after it put the value under a policy secret, the user is offered
 *   to rotate it at once: the value sat in a file that may be in git history, logs or a model's context.
 */
export function serverCommandMiddleware(log: vscode.LogOutputChannel, refresh: () => void): NonNullable<Middleware['executeCommand']> {
  return async (command, args, next) => {
    const ref = args[0] as SecretRef | undefined;
    switch (command) {
      case ServerCommands.rotateNow:
        return vscode.commands.executeCommand(Commands.rotateNow, { policy: vscode.Uri.parse(ref!.policyUri).fsPath, secretId: ref!.id });
      case ServerCommands.markCompromised:
        return vscode.commands.executeCommand(Commands.markCompromised, { policy: vscode.Uri.parse(ref!.policyUri).fsPath, secretId: ref!.id });
      case ServerCommands.moveToStore: {
        const given = args[0] as MoveToStoreArgs;
        // The store from a Quick Pick (storePicker.ts); Escape sends nothing.
        const store = await storeForMove(given);
        if (!store) return { moved: false, reason: 'cancelled' } satisfies MoveToStoreResult;
        // One notification: the server's outcome with the Rotate now button, shown here.
        const a = { ...given, store, announce: false } satisfies MoveToStoreArgs;
        const result = (await next(command, [a, ...args.slice(1)])) as MoveToStoreResult | undefined;
        refresh();
        if (result?.moved && result.secretId && result.policyUri) {
          log.info(`moved ${a.data.ruleId} to secret ${result.secretId}; offering to rotate it`);
          const policy = vscode.Uri.parse(result.policyUri).fsPath;
          const secretId = result.secretId;
          // offered, not awaited: the quick fix is done whatever the answer
          void vscode.window
            .showWarningMessage(`Rotation Guard: ${result.message ?? `${secretId} is out of the file and in the policy.`} The value sat in a file that may be in git history, logs or a model's context — rotate it now?`, 'Rotate now')
            .then((choice) => choice === 'Rotate now' && vscode.commands.executeCommand(Commands.rotateNow, { policy, secretId }));
        } else if (result && !result.moved && result.reason && result.reason !== 'cancelled' && result.reason !== 'stale') {
          void vscode.window.showErrorMessage(`Rotation Guard: ${result.reason}`);
        }
        return result;
      }
      default:
        return next(command, args);
    }
  };
}

interface ServerCommandResults {
  [ServerCommands.enforce]: EnforceResult;
  [ServerCommands.scanGitHistory]: ScanGitHistoryResult;
  [ServerCommands.createPolicy]: CreatePolicyResult;
  [ServerCommands.verifyLedger]: VerifyLedgerResult;
  [ServerCommands.installAssistantHooks]: InstallAssistantHooksResult;
}

/** Runs a server command (workspace/executeCommand) directly; undefined, after saying so, while the server is down. */
export async function serverCommand<K extends keyof ServerCommandResults>(server: ServerAccess, command: K, args: ServerCommandArgs[K]): Promise<ServerCommandResults[K] | undefined> {
  const client = await server.readyClient();
  if (!client) return undefined;
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] })) as ServerCommandResults[K];
}
