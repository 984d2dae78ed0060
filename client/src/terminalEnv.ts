import * as vscode from 'vscode';
import { loadPolicyFile } from '../../core/policy';
import { childSecretIds, createPolicyStoreRegistry, currentSecretEnv } from '../../core/rotation';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { userAllowedPaths } from './config';
import type { Ctx } from './ctx';
import { findPolicies } from './policies';
import { secretStorageFactory } from './secretStorageStore';

/**
 * Opt-in (`rotationGuard.terminal.injectSecrets`): new integrated terminals get each policy
 * secret's current value under its env var names, refreshed after every rotation, so code run
 * from the terminal always uses the new credential. Never persisted to disk by VS Code.
 */
export async function refreshTerminalEnv(ctx: Ctx): Promise<number> {
  const collection = ctx.extension.environmentVariableCollection;
  collection.persistent = false;
  collection.clear();
  if (!vscode.workspace.getConfiguration(CONFIG_SECTION).get<boolean>('terminal.injectSecrets')) return 0;
  if (!vscode.workspace.isTrusted) {
    ctx.log.warn('terminal secrets: not injected into terminals of an untrusted workspace');
    return 0;
  }
  const policies = await findPolicies();
  let count = 0;
  for (const uri of policies) {
    try {
      // Inside the try: a policy naming a path outside its repository (or an unreadable ledger) skips that policy only.
      const loaded = loadPolicyFile(uri.fsPath);
      if (!loaded.policy) continue;
      const stores = createPolicyStoreRegistry(loaded.policy, uri.fsPath, process.env, { 'secret-storage': secretStorageFactory(ctx.extension.secrets) }, userAllowedPaths());
      // The rule `run` follows: only secrets an app reads by env var, never an admin connection.
      const { env, missing } = await currentSecretEnv(loaded.policy, stores, childSecretIds(loaded.policy));
      for (const [name, value] of Object.entries(env)) {
        collection.replace(name, value);
        count++;
      }
      if (missing.length) ctx.log.info(`terminal secrets: no current value for ${missing.join(', ')}`);
    } catch (err) {
      ctx.log.warn(`terminal secrets from ${vscode.workspace.asRelativePath(uri)}: ${(err as Error).message}`);
    }
  }
  collection.description = `Rotation Guard: ${count} current secret(s) from the rotation policy`;
  ctx.log.info(`terminal secrets: ${count} variable(s) set for new terminals`);
  return count;
}
