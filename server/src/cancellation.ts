import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver/node';

/**
 * Cancelled when the request's own token is, or when the user presses Cancel on the `$/progress`
 * the server started for it (a server-created progress carries its own token).
 */
export function cancelledByRequestOrProgress(token: CancellationToken, progress: WorkDoneProgressReporter): CancellationToken {
  return {
    get isCancellationRequested() {
      return token.isCancellationRequested || (progress as { token?: CancellationToken }).token?.isCancellationRequested === true;
    },
    onCancellationRequested: token.onCancellationRequested,
  };
}
