/**
 * "Move this value to a secret store", editor-independent: the language server runs it for every
 * LSP client, and the VS Code client can run it too (adding SecretStorage through `extraStores`).
 * The value goes through the policy: the secret is added to the policy (created from a template
 * when the workspace has none) with its kind, owner, store, references and an exposed-in-file
 * trigger; the value is written through the policy's store registry, so it lands where the
 * policy says it is; the ledger records the store and the exposure (file:line and a keyed
 * fingerprint, never the value). The caller replaces the value in the file afterwards.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { keyedFingerprint } from '../values/fingerprint';
import { loadFingerprintKey } from '../values/fingerprint-key';
import { appendLedgerEntry } from '../ledger/append';
import { compromiseEntry, storeEntry } from '../ledger/entries';
import { ledgerPathFor } from '../ledger/read';
import { POLICY_FILE_PREFERRED } from '../policy/model/policy-file-names';
import type { Policy, StoreRef } from '../policy/model/schema';
import { isJsonPath, parsePolicySource } from '../policy/parse/source';
import { validatePolicy } from '../policy/check/validate';
import { createPolicyStoreRegistry } from '../rotation/api';
import type { StoreFactory } from '../stores/registry';
import { addSecretToPolicy, newPolicyText } from './policy-edit';

/** The stores a value can be moved to; `secretStorage` only where the host registers it (VS Code). */
export type MoveDestination = 'envFile' | 'keychain' | 'pass' | 'secretStorage';

/** How each destination is written into a policy, and the store name it gets there. */
export function storeRefFor(dest: MoveDestination, envFilePath: string): { name: string; ref: StoreRef } {
  switch (dest) {
    case 'envFile':
      return { name: 'dotenv', ref: { type: 'env-file', path: envFilePath } as StoreRef };
    case 'keychain':
      return { name: 'keychain', ref: { type: 'keychain', service: 'rotation-guard' } as StoreRef };
    case 'pass':
      return { name: 'pass', ref: { type: 'pass', path: 'rotation-guard/{id}' } as StoreRef };
    case 'secretStorage':
      return { name: 'vscode', ref: { type: 'secret-storage' } as StoreRef };
  }
}

export const DESTINATION_TITLES: Record<MoveDestination, string> = {
  envFile: 'an env file',
  keychain: 'the OS keychain',
  pass: 'pass',
  secretStorage: 'VS Code SecretStorage',
};

export class MoveError extends Error {}

export interface MoveToStoreInput {
  /** The workspace folder of the file: where a new policy is created, and what the env-file path is relative to. */
  folder: string;
  /** The policy to add the secret to; by default the folder's own (rotation-policy.yaml, …), created when missing. */
  policyPath?: string;
  /** The file the value was found in (absolute) and its 0-based line. */
  file: string;
  line: number;
  value: string;
  envVar: string;
  ruleId: string;
  destination: MoveDestination;
  /** The env file, relative to `folder` (the `envFile.path` setting). */
  envFilePath: string;
  /** The policy's current text: the editor's buffer when it is open, else the file (undefined: none yet). */
  readPolicy: (path: string) => string | undefined;
  /** Persists the new policy text (the server applies an edit to an open buffer, else writes the file). */
  writePolicy: (path: string, text: string, created: boolean) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  extraStores?: Record<string, StoreFactory>;
  /** Places outside the repository the user allowed besides the allowed-paths file (the editor's machine-scoped setting). */
  allowedPaths?: readonly string[];
  now?: Date;
  fingerprintKey?: Uint8Array;
  who?: string;
}

export interface MoveToStoreResult {
  policyPath: string;
  createdPolicy: boolean;
  secretId: string;
  storeName: string;
  addedSecret: boolean;
  /** Where the value now is, for a message (e.g. `env file .env.local`). */
  storeDescription: string;
  fingerprint: string;
}

function defaultPolicyPath(folder: string): { path: string; exists: boolean } {
  for (const name of POLICY_FILE_PREFERRED) if (existsSync(join(folder, name))) return { path: join(folder, name), exists: true };
  return { path: join(folder, POLICY_FILE_PREFERRED[0]), exists: false };
}

function parse(text: string, path: string): Policy {
  const { policy, problems } = validatePolicy(parsePolicySource(text, path));
  if (!policy) {
    const first = problems.find((p) => p.severity === 'error');
    throw new MoveError(`the policy ${path} has errors; fix them first${first ? ` (line ${first.range.start.line + 1}: ${first.message})` : ''}. Nothing was moved.`);
  }
  return policy;
}

export async function moveToStore(o: MoveToStoreInput): Promise<MoveToStoreResult> {
  const target = o.policyPath ? { path: o.policyPath, exists: o.readPolicy(o.policyPath) !== undefined } : defaultPolicyPath(o.folder);
  const before = target.exists ? o.readPolicy(target.path) : undefined;
  const createdPolicy = before === undefined;
  const text = before ?? newPolicyText(isJsonPath(target.path));
  const { name, ref } = storeRefFor(o.destination, relative(target.path.replace(/[\\/][^\\/]*$/, ''), join(o.folder, o.envFilePath)).split(/[\\/]/).join('/'));
  // Plan and validate everything before anything is written: a policy that would not parse stops here.
  const change = addSecretToPolicy(text, target.path, parse(text, target.path), { store: ref, storeName: name, envVar: o.envVar, ruleId: o.ruleId, file: o.file }, createdPolicy);
  const policy = parse(change.text, target.path);
  const stores = createPolicyStoreRegistry(policy, target.path, o.env ?? process.env, o.extraStores, o.allowedPaths);
  const storeRef = policy.stores[change.storeName] as StoreRef;
  const store = stores.open(storeRef);
  const key = o.fingerprintKey ?? loadFingerprintKey(o.env);
  // The value first (a store that refuses leaves the policy and the file untouched), then the policy, then the record.
  await store.set(change.secretId, 'current', o.value);
  await o.writePolicy(target.path, change.text, createdPolicy);
  const at = o.now ?? new Date();
  const relFile = relative(o.folder, o.file).split(/[\\/]/).join('/');
  const fingerprint = keyedFingerprint(o.value, key);
  // The same `store` step the rotation API records, for this one store: the value is now current.
  const who = o.who !== undefined ? { who: o.who } : {};
  await appendLedgerEntry(ledgerPathFor(target.path), storeEntry({ secretId: change.secretId, fingerprint, detail: `stored in ${change.storeName} (moved out of ${relFile}:${o.line + 1})`, at, ...who }));
  await appendLedgerEntry(ledgerPathFor(target.path), compromiseEntry({ secretId: change.secretId, fingerprint, detail: `exposed in ${relFile}:${o.line + 1} (${o.ruleId}); moved to ${change.storeName}`, at, ...who }));
  return { policyPath: target.path, createdPolicy, secretId: change.secretId, storeName: change.storeName, addedSecret: change.addedSecret, storeDescription: store.describe(), fingerprint };
}
