import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { settingsFromReader, type Settings } from '../../protocol/src/settings';

/** The settings for a resource, read key by key from the schema's own list (protocol/src/settings.ts). */
export function settingsFor(uri?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  return settingsFromReader((key) => c.get(key));
}
