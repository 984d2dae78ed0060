/**
 * Each secret's state from the ledger: a rotation counts once its `finish` step is recorded with
 * outcome `ok`; a `mark-compromised` ok marks the secret compromised until the next finished
 * rotation. `lastRotated` / `createdAt` in the policy seed the age of secrets that existed
 * before the ledger did.
 */
import type { LedgerEntry } from '../../ledger/types';
import { MS, tryParseDuration } from '../model/duration';
import { effectiveInterval, nextCronRun } from './intervals';
import type { Policy, PolicySecret } from '../model/schema';

export type SecretStateName = 'ok' | 'due-soon' | 'overdue' | 'compromised' | 'never-rotated';

export interface SecretState {
  id: string;
  state: SecretStateName;
  /** ISO-8601 of the last finished rotation (or the seed date); null when never rotated. */
  lastRotated: string | null;
  /** ISO-8601 of when the next rotation is due; null without an interval or a start date. */
  dueAt: string | null;
  ageDays: number | null;
  maxAgeDays: number | null;
  /** ISO-8601 of the compromise report, when compromised. */
  compromisedAt: string | null;
}

const DEFAULT_NOTIFY_MS = 7 * MS.d;

export function computeSecretStates(policy: Policy, entries: readonly LedgerEntry[], now: Date): SecretState[] {
  const bySecret = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (!e || typeof e.secretId !== 'string') continue;
    let list = bySecret.get(e.secretId);
    if (!list) bySecret.set(e.secretId, (list = []));
    list.push(e);
  }
  return policy.secrets.map((s) => computeSecretState(s, bySecret.get(s.id) ?? [], now));
}

export function computeSecretState(secret: PolicySecret, entries: readonly LedgerEntry[], now: Date): SecretState {
  // Ledger order is append order; `seq` breaks ties if the caller concatenated files.
  const ordered = [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  let lastFinish: { at: number; idx: number } | undefined;
  let lastMark: { at: number; idx: number } | undefined;
  ordered.forEach((e, idx) => {
    if (e.outcome !== 'ok') return;
    const at = Date.parse(e.at);
    if (!Number.isFinite(at)) return;
    if (e.step === 'finish') lastFinish = { at, idx };
    else if (e.step === 'mark-compromised') lastMark = { at, idx };
  });

  const seeds = [secret.lastRotated, secret.createdAt].map((d) => (d ? Date.parse(d) : NaN)).filter(Number.isFinite);
  const candidates = [...seeds, ...(lastFinish ? [lastFinish.at] : [])];
  const last = candidates.length ? Math.max(...candidates) : undefined;

  const interval = effectiveInterval(secret);
  const maxAgeDays = interval ? round2(interval.ms / MS.d) : null;
  const compromised = lastMark !== undefined && (lastFinish === undefined || lastMark.idx > lastFinish.idx) && (last === undefined || lastMark.at >= last);
  const base = {
    id: secret.id,
    lastRotated: last === undefined ? null : new Date(last).toISOString(),
    ageDays: last === undefined ? null : round2((now.getTime() - last) / MS.d),
    maxAgeDays,
    compromisedAt: compromised && lastMark ? new Date(lastMark.at).toISOString() : null,
  };
  const due = last === undefined || !interval ? undefined : dueTime(secret, last, interval.ms);
  const dueAt = due === undefined ? null : new Date(due).toISOString();
  if (compromised) return { ...base, state: 'compromised', dueAt };
  if (last === undefined) return { ...base, state: 'never-rotated', dueAt: null };
  if (due === undefined) return { ...base, state: 'ok', dueAt: null };

  const window = (secret.rotationWindow ? tryParseDuration(secret.rotationWindow) : undefined) ?? 0;
  const notify = (secret.notifyBefore ? tryParseDuration(secret.notifyBefore) : undefined) ?? Math.min(DEFAULT_NOTIFY_MS, (interval?.ms ?? 0) / 4);
  const t = now.getTime();
  const state = t > due + window ? 'overdue' : t >= due - notify ? 'due-soon' : 'ok';
  return { ...base, state, dueAt };
}

function dueTime(secret: PolicySecret, last: number, intervalMs: number): number | undefined {
  if (secret.schedule && !secret.maxAge) return nextCronRun(secret.schedule, new Date(last))?.getTime();
  return last + intervalMs;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
