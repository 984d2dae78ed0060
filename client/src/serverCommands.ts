import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { Commands, ServerCommands, type MoveToStoreArgs, type SecretRef } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';

interface MoveResult {
  moved: boolean;
  secretId?: string;
  policyUri?: string;
}

/**
 * The language server carries out its commands in any editor (workspace/executeCommand). In VS
 * Code the client adds what only it has, never needed for the command to work:
 * - rotate / mark compromised run as the palette commands do (progress notification, the
 *   password box a manual provider needs, SecretStorage, the trust confirmation);
 * - after "Move secret to store" put the value under a policy secret, the user is offered to
 *   rotate it at once: the value sat in a file that may be in git history, logs or a model's context.
 */
export function serverCommandMiddleware(ctx: Ctx, refresh: () => void): NonNullable<Middleware['executeCommand']> {
  return async (command, args, next) => {
    const ref = args[0] as SecretRef | undefined;
    switch (command) {
      case ServerCommands.rotateNow:
        return vscode.commands.executeCommand(Commands.rotateNow, { policy: vscode.Uri.parse(ref!.policyUri).fsPath, secretId: ref!.id });
      case ServerCommands.markCompromised:
        return vscode.commands.executeCommand(Commands.markCompromised, { policy: vscode.Uri.parse(ref!.policyUri).fsPath, secretId: ref!.id });
      case ServerCommands.moveToStore: {
        const result = (await next(command, args)) as MoveResult | undefined;
        refresh();
        if (result?.moved && result.secretId && result.policyUri) {
          const a = args[0] as MoveToStoreArgs;
          ctx.log.info(`moved ${a.data.ruleId} to secret ${result.secretId}; offering to rotate it`);
          const policy = vscode.Uri.parse(result.policyUri).fsPath;
          const secretId = result.secretId;
          // offered, not awaited: the quick fix is done whatever the answer
          void vscode.window
            .showWarningMessage(`Rotation Guard: ${secretId} is out of the file and in the policy. Its value was in a file that may be in git history, logs or a model's context — rotate it now?`, 'Rotate now')
            .then((choice) => choice === 'Rotate now' && vscode.commands.executeCommand(Commands.rotateNow, { policy, secretId }));
        }
        return result;
      }
      default:
        return next(command, args);
    }
  };
}
