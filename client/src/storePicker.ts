import * as vscode from 'vscode';
import { SERVER_STORE_CHOICES, type MoveToStoreArgs, type StoreChoice } from '../../protocol/src/protocol';
import { settingsFor } from './config';

/**
 * The store for "Move secret to store", asked in VS Code's own way. The server would ask with
 * `window/showMessageRequest`, which VS Code shows as a notification with three buttons in the
 * corner (easy to miss, and it stays behind while the user looks elsewhere). So when the
 * `quickFix.store` setting leaves the choice open, the client asks with a Quick Pick first and
 * passes `store`, and the server does not ask. Undefined when the user pressed Escape: nothing is
 * sent, nothing changes.
 */
export async function storeForMove(args: MoveToStoreArgs): Promise<StoreChoice | undefined> {
  if (args.store) return args.store;
  const settings = settingsFor(vscode.Uri.parse(args.uri));
  const configured = SERVER_STORE_CHOICES.find((c) => c.id === settings.quickFix.store);
  if (configured) return configured.id;
  const items = SERVER_STORE_CHOICES.map((c) => ({ label: c.title(settings.envFile.path), detail: c.detail, id: c.id }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Rotation Guard: move the ${args.data.envVar} value to…`,
    placeHolder: 'The value goes into this store, under a new policy secret; the file gets a reference to it',
    matchOnDetail: true,
  });
  return picked?.id;
}
