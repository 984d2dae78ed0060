import { dirname, resolve } from 'node:path';
import { scanBytes, type KnownSecrets } from '../detect/index';
import { readWorkspaceFile, walkWorkspace } from '../files/walk';
import { keyedFingerprint } from '../values/fingerprint';
import { GitHistoryError, scanGitHistory } from '../git-history';
import { knownValuesFromLedger } from '../ledger/known-values';
import type { LedgerEntry } from '../ledger/types';
import type { Policy } from '../policy/model/schema';
import { resolveStores } from '../rotation/plan';
import { currentValueOf } from '../rotation/values';
import type { StoreRegistry } from '../stores/registry';
import type { Sighting, StoreFingerprint } from './types';

/**
 * The facts the trigger engine needs, read from the stores, the workspace and git. Values are
 * fingerprinted the moment they are read and never leave this module.
 */

const STORE_TIMEOUT_MS = 30_000;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The keyed fingerprint of each secret's current value, or why its stores could not be read. */
export async function readStoreFingerprints(policy: Policy, stores: StoreRegistry, key: Uint8Array, ids: readonly string[], timeoutMs = STORE_TIMEOUT_MS): Promise<Map<string, StoreFingerprint>> {
  const out = new Map<string, StoreFingerprint>();
  for (const id of ids) {
    const secret = policy.secrets.find((s) => s.id === id);
    if (!secret) continue;
    let timer: NodeJS.Timeout | undefined;
    try {
      const read = currentValueOf(resolveStores(policy, secret).map((s) => stores.open(s.ref)), id);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`its stores did not answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      });
      const value = await Promise.race([read, timeout]);
      out.set(id, { fingerprint: value === null ? null : keyedFingerprint(value, key) });
    } catch (err) {
      // Store errors are written to never hold a value (StoreError); pass on message and code.
      out.set(id, { error: (err as Error).message, code: (err as { code?: string }).code });
    } finally {
      clearTimeout(timer);
    }
  }
  return out;
}

/** Current values (from the stores, else the ledger) and retired values (the ledger), for the scans. */
export function knownSecretsFor(entries: readonly LedgerEntry[], storeFps: ReadonlyMap<string, StoreFingerprint>, key: Uint8Array): KnownSecrets {
  const known = knownValuesFromLedger(entries);
  for (const [secretId, fp] of storeFps) {
    if ('fingerprint' in fp && fp.fingerprint) {
      known.current.set(fp.fingerprint, { secretId });
      known.retired.delete(fp.fingerprint);
    }
  }
  return { key, ...known };
}

/** Files that hold a secret by design: its env-file stores, relative to the policy folder. */
export function storeFilesOf(policy: Policy): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const secret of policy.secrets) {
    const files: string[] = [];
    for (const name of secret.stores) {
      const ref = policy.stores[name];
      if (ref?.type === 'env-file' && typeof ref.path === 'string') files.push(ref.path.replaceAll('{id}', secret.id).replace(/^\.\//, '').split('\\').join('/'));
    }
    out.set(secret.id, files);
  }
  return out;
}

/** Known values in the workspace files beside the policy (the one workspace walk, as `scan`; the ledger folder left out). */
export async function workspaceSightings(policyPath: string, known: KnownSecrets): Promise<Sighting[]> {
  const root = dirname(resolve(policyPath));
  const out: Sighting[] = [];
  // Too large, unreadable or gone: not a place a value can be seen.
  const walk = await walkWorkspace(root, { maxBytes: MAX_FILE_BYTES, exclude: (rel) => rel.startsWith('.rotation/') });
  for (const { path, rel } of walk.files) {
    const buf = readWorkspaceFile(path, MAX_FILE_BYTES);
    if (!buf) continue;
    // The same table as `rotation-guard scan` and the editor (core/detect/scan-bytes.ts): a value
    // recorded in a shelve or SQLite cache is an exposure as much as one in a text file.
    const scanned = scanBytes(buf, { path, knownSecrets: known });
    if (scanned.kind === 'skipped') continue;
    for (const f of scanned.findings) {
      if (!f.secretId || !f.valueFingerprint) continue;
      const fingerprint = f.valueFingerprint;
      const at = scanned.kind === 'binary-container' ? { line: 0, byteOffset: f.start } : { line: f.line };
      out.push({ secretId: f.secretId, fingerprint, source: 'file', file: rel, ...at });
    }
  }
  return out;
}

/** Known values in the lines the repository's commits added. Outside a repository: no sightings, and a note. */
export async function scanHistory(policyPath: string, known: KnownSecrets): Promise<{ sightings: Sighting[]; note?: string }> {
  try {
    const r = await scanGitHistory({ dir: dirname(resolve(policyPath)), knownSecrets: known });
    const sightings: Sighting[] = [];
    for (const f of r.findings) {
      if (!f.secretId || !f.valueFingerprint) continue;
      sightings.push({ secretId: f.secretId, fingerprint: f.valueFingerprint, source: 'git-history', file: f.file, line: f.line, commit: f.commit, authorDate: f.authorDate });
    }
    const note = r.shallow ? 'git history: a shallow clone; only the commits present were searched (fetch with depth 0 for all of them)' : undefined;
    return { sightings, note };
  } catch (err) {
    if (err instanceof GitHistoryError && err.code === 'git/not-a-repository') return { sightings: [], note: 'git history: not searched (the policy is not in a git repository)' };
    throw err;
  }
}
