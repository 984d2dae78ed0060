/**
 * One entry point for the editor and the CLI: text → parsed policy, every problem with its
 * exact range (syntax, schema, semantic checks, secret state) and each secret's state.
 */
import { isPromptFile as defaultIsPromptFile } from '../../files/file-kinds';
import type { LedgerEntry } from '../../ledger/types';
import { describeRejected, trustedLedgerEntries } from '../../ledger/sign-verify';
import { checkNames } from './checks-names';
import { checkStandards, type CheckContext } from './checks-standards';
import { confinementProblems } from './confine';
import type { Confinement } from '../../files/confine';
import { PolicyCode, shown, StaleCode, type PolicyProblem, type Range } from './codes';
import { formatDuration } from '../model/duration';
import { providerSpec, secretSchema, storeRef, threatModelSchema, type Policy } from '../model/schema';
import { parsePolicySource, type PolicySource } from '../parse/source';
import { computeSecretStates, type SecretState } from '../state/state';
import { validatePolicy } from './validate';

export interface AnalyzeOptions {
  path: string;
  now: Date;
  ledgerEntries?: LedgerEntry[];
  /** Lines of the ledger that could not be read (reported as a warning at the top of the policy). */
  ledgerMalformedLines?: number[];
  /** Why the whole ledger could not be read (a device, over the limit…): reported the same way. */
  ledgerUnreadable?: string;
  /** Workspace files, relative to the policy's folder (forward slashes). */
  listFiles?: () => string[];
  isPromptFile?: (path: string) => boolean;
  /** Whether git ignores a path relative to the policy's folder (see gitIgnoredChecker); undefined: cannot tell. */
  isGitIgnored?: (path: string) => boolean | undefined;
  /** The repository and the places the user allowed (default: from `path` and this process's environment). */
  confinement?: Confinement;
}

export interface AnalyzedSecret extends SecretState {
  /** Range of the secret's id value. */
  range: Range;
}

export interface PolicyAnalysis {
  policy?: Policy;
  problems: PolicyProblem[];
  secrets: AnalyzedSecret[];
}

export function analyzePolicy(text: string, opts: AnalyzeOptions): PolicyAnalysis {
  const source = parsePolicySource(text, opts.path);
  const problems = [...source.problems];
  const { policy, problems: schemaProblems } = validatePolicy(source);
  problems.push(...schemaProblems);
  if (!policy) {
    // Keep states, code lenses and the standards checks of the secrets that are valid while
    // the user fixes another part; names are not cross-checked against a partial policy.
    const partial = partialPolicy(source.value);
    if (!partial) return { problems: sortProblems(problems), secrets: [] };
    const ctx: CheckContext = { policy: partial.policy, source, isPromptFile: opts.isPromptFile ?? defaultIsPromptFile, fileIndex: (i) => partial.indices[i] ?? i };
    checkStandards(ctx, (p) => problems.push(p));
    const secrets = stateOf(partial.policy, opts, source, (i) => partial.indices[i] ?? i, problems);
    return { problems: sortProblems(problems), secrets };
  }

  let files: string[] | undefined;
  const listFiles = opts.listFiles;
  const ctx: CheckContext = {
    policy,
    source,
    isPromptFile: opts.isPromptFile ?? defaultIsPromptFile,
    ...(listFiles ? { listFiles: () => (files ??= listFiles().map((f) => f.replace(/\\/g, '/'))) } : {}),
    ...(opts.isGitIgnored ? { isGitIgnored: opts.isGitIgnored } : {}),
  };
  const emit = (p: PolicyProblem) => problems.push(p);
  checkStandards(ctx, emit);
  checkNames(ctx, emit);
  for (const p of confinementProblems(policy, opts.path, source, opts.confinement)) emit(p);

  if (opts.ledgerMalformedLines?.length) {
    problems.push({
      code: PolicyCode.ledgerMalformed,
      severity: 'warning',
      range: source.keyRange(['secrets']),
      message: `The ledger (.rotation/ledger.jsonl) has ${opts.ledgerMalformedLines.length} unreadable line(s) (${opts.ledgerMalformedLines.slice(0, 5).join(', ')}); states may be incomplete. Run 'rotation-guard ledger verify'.`,
    });
  }

  if (opts.ledgerUnreadable) {
    problems.push({ code: PolicyCode.ledgerMalformed, severity: 'warning', range: source.keyRange(['secrets']), message: `The ledger cannot be read (${opts.ledgerUnreadable}); every state below is unknown. Replace .rotation/ledger.jsonl with the real ledger.` });
  }
  const secrets = stateOf(policy, opts, source, (i) => i, problems);
  return { policy, problems: sortProblems(problems), secrets };
}

function stateOf(policy: Policy, opts: AnalyzeOptions, source: PolicySource, fileIndex: (i: number) => number, problems: PolicyProblem[]): AnalyzedSecret[] {
  // Forged, unlisted or unchained entries must not make a secret look rotated: named and ignored.
  const ledger = trustedLedgerEntries(opts.ledgerEntries ?? [], policy.ledger?.writers);
  if (ledger.rejected.length) problems.push({ code: PolicyCode.ledgerUntrusted, severity: 'error', range: source.keyRange(['secrets']), message: `${describeRejected(ledger.rejected)}. Run 'rotation-guard ledger verify'.` });
  const states = computeSecretStates(policy, ledger.entries, opts.now);
  const secrets = states.map((s, i) => ({ ...s, range: source.valueRange(['secrets', fileIndex(i), 'id']) }));
  for (const s of secrets) {
    const p = stateProblem(s, opts.now);
    if (p) problems.push(p);
  }
  return secrets;
}

/** The valid parts of an invalid policy: entries of each section and secrets that parse on their own. */
function partialPolicy(value: unknown): { policy: Policy; indices: number[] } | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.secrets)) return undefined;
  const section = <T>(raw: unknown, schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } }): Record<string, T> => {
    const out: Record<string, T> = {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [k, x] of Object.entries(raw)) {
        const r = schema.safeParse(x);
        if (r.success) out[k] = r.data;
      }
    }
    return out;
  };
  const secrets: Policy['secrets'] = [];
  const indices: number[] = [];
  v.secrets.forEach((raw, i) => {
    const r = secretSchema.safeParse(raw);
    if (r.success) {
      secrets.push(r.data);
      indices.push(i);
    }
  });
  const policy: Policy = { version: 1, threatModels: section(v.threatModels, threatModelSchema), stores: section(v.stores, storeRef), providers: section(v.providers, providerSpec), secrets };
  return { policy, indices };
}

function stateProblem(s: AnalyzedSecret, now: Date): PolicyProblem | undefined {
  const data = { secretId: s.id, state: s.state, dueAt: s.dueAt, lastRotated: s.lastRotated };
  const dueIn = s.dueAt ? Date.parse(s.dueAt) - now.getTime() : undefined;
  switch (s.state) {
    case 'overdue':
      return { code: StaleCode.overdue, severity: 'error', range: s.range, data, message: `Secret '${shown(s.id)}' is overdue by ${formatDuration(-(dueIn ?? 0))} (due ${s.dueAt}): rotate it now.` };
    case 'due-soon':
      return { code: StaleCode.dueSoon, severity: 'warning', range: s.range, data, message: `Secret '${shown(s.id)}' is due for rotation ${dueIn !== undefined && dueIn < 0 ? `since ${formatDuration(-dueIn)}` : `in ${formatDuration(dueIn ?? 0)}`} (${s.dueAt}).` };
    case 'compromised':
      return { code: StaleCode.compromised, severity: 'error', range: s.range, data, message: `Secret '${shown(s.id)}' was marked compromised at ${s.compromisedAt} and has not been rotated since: rotate it now.` };
    case 'never-rotated':
      return { code: StaleCode.neverRotated, severity: 'info', range: s.range, data, message: `Secret '${shown(s.id)}' has no recorded rotation; its age is unknown (rotate it, or set lastRotated / createdAt).` };
    case 'ok':
      return undefined;
  }
}

function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  return problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
