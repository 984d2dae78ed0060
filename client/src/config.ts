import * as vscode from 'vscode';
import type { ConfigurationMiddleware } from 'vscode-languageclient/node';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { settingsFromReader, withUserMachineSettings, type Settings } from '../../protocol/src/settings';

/** The settings for a resource, read key by key from the schema's own list (protocol/src/settings.ts). */
export function settingsFor(uri?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION, uri);
  return settingsFromReader((key) => c.get(key));
}

/**
 * `rotationGuard.allowedPaths` from the user's (or, remotely, the remote machine's) settings and
 * nowhere else. The setting is machine-scoped, so VS Code already ignores it in workspace
 * settings; reading `globalValue` says so here too, whatever a workspace file holds.
 */
export function userAllowedPaths(): string[] {
  const value = vscode.workspace.getConfiguration(CONFIG_SECTION).inspect<unknown>('allowedPaths')?.globalValue;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Answers the server's `workspace/configuration` with `allowedPaths` from user settings only (userAllowedPaths). */
export const userOnlyMachineSettings: ConfigurationMiddleware['configuration'] = async (params, token, next) => {
  const answers = await next(params, token);
  if (!Array.isArray(answers)) return answers;
  return withUserMachineSettings(params.items, answers, { allowedPaths: userAllowedPaths() }, CONFIG_SECTION);
};
