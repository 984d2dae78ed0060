import { readFileSync } from 'node:fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findPolicyFilesIn, envVarsOf, findSecret, resolveStores, type AnalyzedSecret, type PolicyAnalysis } from '../../core/policy';
import { pathToUri } from './paths';

/** One policy secret as the editor shows it at the places that use it: never its value. */
export interface IndexedSecret {
  id: string;
  policyUri: string;
  policyPath: string;
  state: AnalyzedSecret;
  envVars: string[];
  /** `name (type)` of each store, in order. */
  stores: string[];
}

export interface SecretIndexSnapshot {
  all: IndexedSecret[];
  byEnvVar: Map<string, IndexedSecret>;
  names: ReadonlySet<string>;
  /** Each policy file with its analysis, for navigation. */
  policies: Array<{ path: string; uri: string; text: string; analysis: PolicyAnalysis }>;
}

export interface SecretIndexDeps {
  folders: () => string[];
  openDoc: (uri: string) => TextDocument | undefined;
  analyze: (text: string, path: string, version: number, now: Date) => PolicyAnalysis;
  now: () => Date;
  log: (msg: string) => void;
}

/** States age by the clock too: rebuild at least this often even when nothing changed. */
const MAX_AGE_MS = 60_000;

/**
 * The workspace's policy secrets by env var name, built from every policy file (the open buffer
 * when a policy is open) and kept until a policy, ledger or the folder list changes. Cheap to ask
 * on every keystroke: the key is the list of open policy versions.
 */
export class SecretIndex {
  private policyFiles?: string[];
  private cached?: { key: string; at: number; snapshot: SecretIndexSnapshot };

  constructor(private readonly deps: SecretIndexDeps) {}

  invalidate(): void {
    this.policyFiles = undefined;
    this.cached = undefined;
  }

  private files(): string[] {
    this.policyFiles ??= this.deps.folders().flatMap((f) => findPolicyFilesIn(f).files);
    return this.policyFiles;
  }

  get(): SecretIndexSnapshot {
    const files = this.files();
    const key = files.map((p) => `${p}@${this.deps.openDoc(pathToUri(p))?.version ?? 'disk'}`).join('|');
    const t = Date.now();
    if (this.cached && this.cached.key === key && t - this.cached.at < MAX_AGE_MS) return this.cached.snapshot;
    const snapshot = this.build(files);
    this.cached = { key, at: t, snapshot };
    return snapshot;
  }

  private build(files: string[]): SecretIndexSnapshot {
    const now = this.deps.now();
    const all: IndexedSecret[] = [];
    const policies: SecretIndexSnapshot['policies'] = [];
    for (const path of files) {
      const uri = pathToUri(path);
      const open = this.deps.openDoc(uri);
      let text: string;
      try {
        text = open ? open.getText() : readFileSync(path, 'utf8');
      } catch (err) {
        this.deps.log(`policy index: cannot read ${path}: ${(err as Error).message}`);
        continue;
      }
      const analysis = this.deps.analyze(text, path, open ? open.version : -1, now);
      policies.push({ path, uri, text, analysis });
      const policy = analysis.policy;
      if (!policy) continue;
      for (const state of analysis.secrets) {
        const secret = findSecret(policy, state.id);
        if (!secret) continue;
        const envVars = envVarsOf(policy, secret);
        const storeNames = resolveStores(policy, secret).map((st) => `${st.name} (${st.ref.type})`);
        all.push({ id: state.id, policyUri: uri, policyPath: path, state, envVars, stores: storeNames });
      }
    }
    const byEnvVar = new Map<string, IndexedSecret>();
    for (const s of all) for (const v of s.envVars) if (!byEnvVar.has(v)) byEnvVar.set(v, s);
    return { all, byEnvVar, names: new Set(byEnvVar.keys()), policies };
  }
}
