import * as vscode from 'vscode';
import { SecretsStateRequest } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';

/** One secret as the Secrets view, the status bar and the dashboard show it (the server's SecretsStateRequest row). */
export interface SecretRow extends Omit<SecretsStateRequest.SecretState, 'policyUri'> {
  policyUri: vscode.Uri;
  policyLabel: string;
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
  /** Set while the language server is not running: the rows are the last it sent. */
  stale?: string;
}

const EMPTY: SecretsSnapshot = { secrets: [], broken: [], policies: 0 };

/**
 * Asks the language server, which owns the workspace's policies, ledgers and this session's
 * sightings. While it is down the last answer stands (marked stale), so the view, the status bar
 * and the dashboard keep what they showed.
 */
export async function requestSecrets(ctx: Ctx, last: SecretsSnapshot | undefined): Promise<SecretsSnapshot> {
  const client = ctx.client;
  if (!client?.isRunning()) return { ...(last ?? EMPTY), stale: 'the language server is not running: the last known states' };
  const r = await client.sendRequest(SecretsStateRequest.type, {});
  const label = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri);
  return {
    secrets: r.secrets.map((s) => {
      const policyUri = vscode.Uri.parse(s.policyUri);
      return { ...s, policyUri, policyLabel: label(policyUri) };
    }),
    broken: r.broken.map((b) => {
      const policyUri = vscode.Uri.parse(b.policyUri);
      return { ...b, policyUri, policyLabel: label(policyUri) };
    }),
    policies: r.policies,
  };
}

/** Secrets that need someone now: overdue, or compromised/exposed and not rotated since. */
export function needingAction(rows: SecretRow[]): SecretRow[] {
  return rows.filter((r) => r.state === 'overdue' || r.state === 'compromised' || r.exposedIn);
}

export function ageText(r: Pick<SecretRow, 'lastRotated'>, now = Date.now()): string {
  if (!r.lastRotated) return 'never rotated';
  const days = Math.floor((now - Date.parse(r.lastRotated)) / 86_400_000);
  return `${days}d old`;
}

export function dueText(r: Pick<SecretRow, 'dueAt'>, now = Date.now()): string {
  if (!r.dueAt) return 'no due date';
  const days = Math.round((Date.parse(r.dueAt) - now) / 86_400_000);
  return days < 0 ? `${-days}d overdue` : days === 0 ? 'due today' : `due in ${days}d`;
}
