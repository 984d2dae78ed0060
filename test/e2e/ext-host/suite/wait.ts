import * as vscode from 'vscode';

/** Bounded poll of a condition that has no event (a file written by another process). */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs a command that opens a quick pick / input box and cancels it as a user pressing Escape
 * would. The box has no "shown" event, so closing is retried until the command settles.
 */
export async function runAndCancel<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  let settled = false;
  const p = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  await until(`${command} to settle after Escape`, async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    return settled;
  });
  return p;
}

/** Runs a command that opens an input box and accepts it with what is typed so far (empty). */
export async function runAndAccept<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  let settled = false;
  const p = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  await until(`${command} to settle after Enter`, async () => {
    if (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      // a follow-up notification ("Rotate now?") is dismissed as a user closing it
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    return settled;
  });
  return p;
}
