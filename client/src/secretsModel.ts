import * as vscode from 'vscode';
import type { LedgerEntry } from '../../core/ledger';
import { loadPolicyFile, type SecretState } from '../../core/policy';
import { findPolicies } from './policies';

/** One secret as the Secrets view, the status bar and the dashboard show it. */
export interface SecretRow extends SecretState {
  policyUri: vscode.Uri;
  policyLabel: string;
  /** 0-based line of the secret's `id:` in the policy file. */
  line: number;
  kind: string;
  provider: string | undefined;
  stores: string[];
  lastEvent: { at: string; step: string; outcome: string } | undefined;
  /** Finished rotations and compromise/exposure reports, oldest first, for the timeline. */
  rotations: string[];
  exposures: Array<{ at: string; detail: string; event?: string }>;
  /** Where its current value was seen in a file this session (editor triggers), if anywhere. */
  exposedIn?: string;
}

export interface PolicyProblemRow {
  policyUri: vscode.Uri;
  policyLabel: string;
  message: string;
  line: number;
}

export interface SecretsSnapshot {
  secrets: SecretRow[];
  broken: PolicyProblemRow[];
  policies: number;
}

/** Exposure-like ledger steps: compromise reports, and any exposure the engine records. */
function isExposure(e: LedgerEntry): boolean {
  return e.outcome === 'ok' && (e.step === 'mark-compromised' || (e.step as string).startsWith('expos'));
}

/**
 * Reads every policy and its ledger straight from disk through the core (no language server
 * needed, so the view and the status bar keep working when the server is down).
 */
export async function loadSecrets(now = new Date(), exposedIn: ReadonlyMap<string, string> = new Map()): Promise<SecretsSnapshot> {
  const out: SecretsSnapshot = { secrets: [], broken: [], policies: 0 };
  for (const uri of await findPolicies()) {
    out.policies++;
    const policyLabel = vscode.workspace.asRelativePath(uri);
    let loaded: ReturnType<typeof loadPolicyFile>;
    try {
      loaded = loadPolicyFile(uri.fsPath, { now });
    } catch (err) {
      out.broken.push({ policyUri: uri, policyLabel, message: (err as Error).message, line: 0 });
      continue;
    }
    if (!loaded.policy) {
      const first = loaded.problems.find((p) => p.severity === 'error');
      out.broken.push({ policyUri: uri, policyLabel, message: first?.message ?? 'the policy could not be read', line: first?.range.start.line ?? 0 });
      continue;
    }
    // The analysis has read the ledger and computed each secret's state and the range of its id.
    const entries = loaded.ledgerEntries;
    for (const { range, ...state } of loaded.analysis.secrets) {
      const secret = loaded.policy.secrets.find((s) => s.id === state.id)!;
      const mine = entries.filter((e) => e.secretId === state.id);
      const last = mine[mine.length - 1];
      out.secrets.push({
        ...state,
        policyUri: uri,
        policyLabel,
        line: range.start.line,
        kind: secret.kind,
        provider: secret.rotation?.provider,
        stores: secret.stores,
        lastEvent: last ? { at: last.at, step: last.step, outcome: last.outcome } : undefined,
        rotations: mine.filter((e) => e.step === 'finish' && e.outcome === 'ok').map((e) => e.at),
        exposures: mine.filter(isExposure).map((e) => ({ at: e.at, detail: e.detail ?? e.step, ...(e.event ? { event: e.event } : {}) })),
        ...(exposedIn.has(state.id) ? { exposedIn: exposedIn.get(state.id) } : {}),
      });
    }
  }
  return out;
}

/** Secrets that need someone now: overdue, or compromised/exposed and not rotated since. */
export function needingAction(rows: SecretRow[]): SecretRow[] {
  return rows.filter((r) => r.state === 'overdue' || r.state === 'compromised' || r.exposedIn);
}

export function ageText(r: SecretState, now = Date.now()): string {
  if (!r.lastRotated) return 'never rotated';
  const days = Math.floor((now - Date.parse(r.lastRotated)) / 86_400_000);
  return `${days}d old`;
}

export function dueText(r: SecretState, now = Date.now()): string {
  if (!r.dueAt) return 'no due date';
  const days = Math.round((Date.parse(r.dueAt) - now) / 86_400_000);
  return days < 0 ? `${-days}d overdue` : days === 0 ? 'due today' : `due in ${days}d`;
}
