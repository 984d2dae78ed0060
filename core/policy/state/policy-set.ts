/**
 * The workspace's policies, their secrets and states: one set that the language server, the CLI
 * and `enforce` read instead of each finding, loading and indexing the policy files itself.
 */
import { pathToFileURL } from 'node:url';
import { confinementFor } from '../../files/confine';
import { readTextAtMost, TOO_LARGE } from '../../files/read-at-most';
import type { LedgerEntry } from '../../ledger/types';
import { trustedPolicyLedger } from '../../ledger/trusted';
import { analyzePolicy, type AnalyzedSecret, type PolicyAnalysis } from '../check/analyze';
import type { PolicyProblem } from '../check/codes';
import { findPolicyFilesIn } from '../parse/find-policy-file';
import { ledgerForAnalysis } from './policy-ledger';
import { envVarsOf, findSecret, resolveStores } from './resolve';
import type { Policy, PolicySecret } from '../model/schema';
import { LIMITS } from '../parse/source';

/** Why a policy cannot be acted on, and where (0-based, the first blocking error). */
export interface PolicyLoadError {
  message: string;
  line: number;
  character: number;
  /** Every blocking problem (empty when the file could not be read). */
  problems: PolicyProblem[];
  /** The file could not be read: the errno code (ENOENT, EACCES…) or the reason. */
  unreadable?: string;
}

/** One policy file as read (the editor's unsaved text when it is open). */
export interface SetPolicy {
  path: string;
  uri: string;
  text: string;
  analysis: PolicyAnalysis;
  policy?: Policy;
  ledgerEntries: LedgerEntry[];
  /** Set when the policy cannot be acted on; its secrets with a valid part still have states. */
  error?: PolicyLoadError;
}

/** One policy secret as every shell shows it: never its value. */
export interface SetSecret {
  id: string;
  policyPath: string;
  policyUri: string;
  state: AnalyzedSecret;
  spec: PolicySecret;
  envVars: string[];
  /** `name (type)` of each store, in order. */
  stores: string[];
  /** This secret's ledger entries, oldest first. */
  entries: LedgerEntry[];
}

export interface PolicySetSnapshot {
  policies: SetPolicy[];
  all: SetSecret[];
  byEnvVar: Map<string, SetSecret>;
  names: ReadonlySet<string>;
}

export interface PolicySetSource {
  folders: () => readonly string[];
  /** An open editor's text of a policy (unsaved edits count) and its version. */
  openText?: (path: string) => { text: string; version: number } | undefined;
  /** The analysis (the server passes its cached, workspace-aware one); default: the policy with its ledger. */
  analyze?: (text: string, path: string, version: number, now: Date) => PolicyAnalysis;
  /** The URI shells use for a path (the server's own form); default `file://`. */
  uriOf?: (path: string) => string;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** States age with the clock: the set is rebuilt at least this often even when nothing changed. */
  maxAgeMs?: number;
}

/** Which problems stop a command: `strict` (unattended `enforce`) refuses any error but the states it exists to act on. */
export function blockingProblems(problems: readonly PolicyProblem[], strict = false): PolicyProblem[] {
  return problems.filter((p) => p.severity === 'error' && (!strict || (!p.code.startsWith('stale/') && p.code !== 'policy/ledger-untrusted')));
}

function loadError(analysis: PolicyAnalysis, strict: boolean): PolicyLoadError | undefined {
  const problems = blockingProblems(analysis.problems, strict);
  if (analysis.policy && (!strict || !problems.length)) return undefined;
  const first = problems[0];
  return {
    message: first ? `line ${first.range.start.line + 1}: ${first.message}` : 'it could not be read as a policy',
    line: first?.range.start.line ?? 0,
    character: first?.range.start.character ?? 0,
    problems,
  };
}

/** The policy's text, bounded whatever stat says; past the bound, a stand-in the analysis rejects (policy/input-limit). */
function readPolicyText(path: string): { text: string; tooLarge: boolean } {
  try {
    return { text: readTextAtMost(path, LIMITS.maxBytes * 4), tooLarge: false };
  } catch (err) {
    if (err !== TOO_LARGE) throw err;
    return { text: 'x'.repeat(LIMITS.maxBytes + 1), tooLarge: true };
  }
}

export interface LoadPolicyOptions {
  now?: Date;
  env?: NodeJS.ProcessEnv;
  /** Places outside the repository the user allowed besides the allowed-paths file (the editor's machine-scoped setting). */
  allowedPaths?: readonly string[];
  /** Refuse any error but stale states (commands that act unattended). */
  strict?: boolean;
  analyze?: PolicySetSource['analyze'];
  openText?: PolicySetSource['openText'];
  uriOf?: (path: string) => string;
}

/** One policy: read, analysed with its ledger, and why it cannot be acted on if it cannot. Never throws. */
export function loadPolicy(path: string, o: LoadPolicyOptions = {}): SetPolicy {
  const uri = (o.uriOf ?? defaultUri)(path);
  const now = o.now ?? new Date();
  const ledger = ledgerForAnalysis(path);
  let text: string;
  let version = -1;
  let tooLarge = false;
  try {
    const open = o.openText?.(path);
    if (open) ({ text, version } = open);
    else ({ text, tooLarge } = readPolicyText(path));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { path, uri, text: '', analysis: { problems: [], secrets: [] }, ledgerEntries: [], error: { message: `cannot read ${path}: ${why}`, line: 0, character: 0, problems: [], unreadable: why } };
  }
  const analysis = o.analyze
    ? o.analyze(text, path, version, now)
    : analyzePolicy(text, {
        path,
        now,
        ledgerEntries: ledger.entries,
        ledgerMalformedLines: ledger.malformedLines,
        ...(ledger.unreadable ? { ledgerUnreadable: ledger.unreadable } : {}),
        confinement: confinementFor(path, o.env, o.allowedPaths),
      });
  const error = loadError(analysis, o.strict ?? false);
  // The analysis sees every line (it reports the untrusted ones); what the workspace acts on — the
  // secrets' histories, the known values the editor flags, the exposure judge — is only the
  // entries a trusted writer signed on an unbroken chain: a cloned repository's ledger is input.
  // A policy that does not parse still names its writers, read as the hook reads them.
  const writers = analysis.policy ? (analysis.policy.ledger?.writers ?? null) : undefined;
  const trusted = trustedPolicyLedger(path, { writers, policyText: text, entries: ledger.entries }).entries;
  return { path, uri, text: tooLarge ? '' : text, analysis, ...(analysis.policy ? { policy: analysis.policy } : {}), ledgerEntries: trusted, ...(error ? { error } : {}) };
}

/** A policy a command can act on, or the message that says why not (`<path> has errors … — line N: …`). */
export function policyOrError(loaded: SetPolicy, label = loaded.path): { policy: Policy; text: string } | { error: string } {
  if (loaded.policy && !loaded.error) return { policy: loaded.policy, text: loaded.text };
  const e = loaded.error!;
  return { error: e.unreadable === undefined ? `${label} has errors, so nothing was done — ${e.message}` : e.message };
}

/** The secrets of one loaded policy (none when it does not parse). */
export function secretsOf(p: SetPolicy): SetSecret[] {
  const policy = p.policy;
  if (!policy) return [];
  return p.analysis.secrets.flatMap((state) => {
    const spec = findSecret(policy, state.id);
    if (!spec) return [];
    const stores = resolveStores(policy, spec).map((st) => `${st.name} (${st.ref.type})`);
    return [{ id: state.id, policyPath: p.path, policyUri: p.uri, state, spec, envVars: envVarsOf(policy, spec), stores, entries: p.ledgerEntries.filter((e) => e.secretId === state.id) }];
  });
}

const defaultUri = (path: string) => pathToFileURL(path).href;
const DEFAULT_MAX_AGE_MS = 60_000;

/**
 * The workspace's policies, loaded once and kept until `invalidate()` (a policy, ledger or folder
 * changed) or an open policy's version changes. Cheap to ask on every keystroke.
 */
export class PolicySet {
  private files?: string[];
  private cached?: { key: string; at: number; snapshot: PolicySetSnapshot };

  constructor(private readonly source: PolicySetSource) {}

  invalidate(): void {
    this.files = undefined;
    this.cached = undefined;
  }

  private paths(): string[] {
    this.files ??= [...new Set(this.source.folders().flatMap((f) => findPolicyFilesIn(f).files))];
    return this.files;
  }

  get(): PolicySetSnapshot {
    const files = this.paths();
    const key = files.map((p) => `${p}@${this.source.openText?.(p)?.version ?? 'disk'}`).join('|');
    const t = Date.now();
    if (this.cached && this.cached.key === key && t - this.cached.at < (this.source.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) return this.cached.snapshot;
    const snapshot = this.build(files);
    this.cached = { key, at: t, snapshot };
    return snapshot;
  }

  /** A policy of the set, or any other policy file by path (a command may name one outside the folders). */
  policy(path: string): SetPolicy {
    return this.get().policies.find((p) => p.path === path) ?? this.load(path);
  }

  /** The secret `id` of the policy at `policyPath`, or of the first policy that has one. */
  secret(id: string, policyPath?: string): SetSecret | undefined {
    return this.get().all.find((s) => s.id === id && (policyPath === undefined || s.policyPath === policyPath));
  }

  /** One policy read afresh (at another time than the set's clock, for instance), through the set's source. */
  load(path: string, now: Date = this.source.now?.() ?? new Date()): SetPolicy {
    const s = this.source;
    return loadPolicy(path, { now, ...(s.env ? { env: s.env } : {}), ...(s.analyze ? { analyze: s.analyze } : {}), ...(s.openText ? { openText: s.openText } : {}), ...(s.uriOf ? { uriOf: s.uriOf } : {}) });
  }

  private build(files: string[]): PolicySetSnapshot {
    const now = this.source.now?.() ?? new Date();
    const policies = files.map((p) => this.load(p, now));
    const all = policies.flatMap(secretsOf);
    const byEnvVar = new Map<string, SetSecret>();
    for (const s of all) for (const v of s.envVars) if (!byEnvVar.has(v)) byEnvVar.set(v, s);
    return { policies, all, byEnvVar, names: new Set(byEnvVar.keys()) };
  }
}
