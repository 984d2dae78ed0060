import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { resolveSettings, type Settings } from '../../protocol/src/settings';

export function settingsFor(uri?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  return resolveSettings({
    enable: c.get('enable'),
    quickFix: { store: c.get('quickFix.store') },
    envFile: { path: c.get('envFile.path') },
    exclude: c.get('exclude'),
    maxFileSizeKB: c.get('maxFileSizeKB'),
    terminal: { injectSecrets: c.get('terminal.injectSecrets') },
    trace: { server: c.get('trace.server') },
  });
}
