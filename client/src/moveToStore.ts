import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { mask } from '../../core/mask';
import { EnvFileStore } from '../../core/stores/env-file';
import { KeychainStore } from '../../core/stores/keychain';
import { PassStore } from '../../core/stores/pass';
import type { SecretStore } from '../../core/stores/types';
import type { MoveToStoreArgs } from '../../protocol/src/protocol';
import type { Settings } from '../../protocol/src/settings';
import { settingsFor } from './config';
import type { Ctx } from './ctx';
import { SecretStorageStore } from './secretStorageStore';

type StoreChoice = Exclude<Settings['quickFix']['store'], 'ask'>;

async function chooseStore(settings: Settings): Promise<StoreChoice | undefined> {
  if (settings.quickFix.store !== 'ask') return settings.quickFix.store;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'OS keychain', description: 'macOS Keychain, Windows Credential Manager, Secret Service', choice: 'keychain' as const },
      { label: 'VS Code SecretStorage', description: 'encrypted by the editor', choice: 'secretStorage' as const },
      { label: settings.envFile.path, description: 'git-ignored env file in the workspace folder', choice: 'envFile' as const },
    ],
    { title: 'Move the secret to…', placeHolder: 'Where should Rotation Guard keep this value?' },
  );
  return picked?.choice;
}

function storeFor(choice: StoreChoice, ctx: Ctx, folder: string | undefined, settings: Settings, envVar: string): SecretStore {
  switch (choice) {
    case 'keychain':
      return new KeychainStore({ service: 'rotation-guard', account: envVar });
    case 'secretStorage':
      return new SecretStorageStore(ctx.extension.secrets);
    case 'envFile':
      if (!folder) throw new Error('an env file store needs a workspace folder; open the folder that holds this file');
      return new EnvFileStore({ path: join(folder, settings.envFile.path), name: envVar });
    case 'pass':
      return new PassStore({ path: 'rotation-guard/{id}' });
  }
}

/** git check-ignore: 0 ignored, 1 not ignored, 128 not a repository. */
function gitIgnores(folder: string, file: string): boolean | undefined {
  const r = spawnSync('git', ['check-ignore', '-q', '--', relative(folder, file)], { cwd: folder, stdio: 'ignore' });
  return r.status === 0 ? true : r.status === 1 ? false : undefined;
}

/** An env file that git does not ignore is one `git add .` away from a leak: offer to ignore it. */
async function offerGitignore(ctx: Ctx, folder: string, file: string): Promise<void> {
  if (gitIgnores(folder, file) !== false) return;
  const rel = relative(folder, file).replace(/\\/g, '/');
  const choice = await vscode.window.showWarningMessage(`Rotation Guard: ${rel} is not git-ignored, so it could be committed with the secret in it.`, 'Add to .gitignore');
  if (choice !== 'Add to .gitignore') return;
  const gitignore = join(folder, '.gitignore');
  const existing = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  appendFileSync(gitignore, `${existing && !existing.endsWith('\n') ? '\n' : ''}${rel}\n`);
  ctx.log.info(`added ${rel} to .gitignore`);
}

/**
 * The quick fix's second half: read the value from the document (it never travelled in the
 * diagnostic), put it in the chosen store, and only then replace it with the reference.
 */
export function moveToStoreCommand(ctx: Ctx) {
  return async (args: MoveToStoreArgs): Promise<boolean> => {
    const uri = vscode.Uri.parse(args.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.version !== args.version) {
      void vscode.window.showWarningMessage('Rotation Guard: the file changed since this problem was reported; try the quick fix again.');
      return false;
    }
    const range = new vscode.Range(args.range.start.line, args.range.start.character, args.range.end.line, args.range.end.character);
    const value = doc.getText(range);
    const settings = settingsFor(uri);
    const choice = await chooseStore(settings);
    if (!choice) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const envVar = args.data.envVar;
    try {
      const store = storeFor(choice, ctx, folder, settings, envVar);
      await store.set(envVar, 'current', value);
      const edit = new vscode.WorkspaceEdit();
      const { replaceStart: s, replaceEnd: e } = args.data;
      edit.replace(uri, new vscode.Range(s.line, s.character, e.line, e.character), args.data.replacement);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the edit; the value is stored, replace it by hand');
      ctx.log.info(`moved ${args.data.ruleId} value ${mask(value)} to ${store.describe()} as ${envVar}`);
      if (store instanceof EnvFileStore && folder) void offerGitignore(ctx, folder, store.file);
      void vscode.window.showInformationMessage(`Rotation Guard: stored as ${envVar} in ${store.describe()} and replaced with ${args.data.replacement}. Consider rotating it: it was in a file.`);
      return true;
    } catch (err) {
      // Store errors say what to do and never hold the value.
      ctx.log.error(`move to store failed: ${(err as Error).message}`);
      void vscode.window.showErrorMessage(`Rotation Guard: ${(err as Error).message}`);
      return false;
    }
  };
}
