import type { LedgerEntry } from '../ledger/types';
import { MS } from '../policy/model/duration';
import { effectiveInterval } from '../policy/state/intervals';
import type { PolicySecret } from '../policy/model/schema';
import type { SecretState } from '../policy/state/state';
import type { EnforcementEvent, EventKind, Sighting, StoreFingerprint } from './types';

/** The ledger facts about one secret that decide which events are still open. */
export interface SecretHistory {
  /** `seq` and time of the last finished rotation. */
  lastFinish?: { seq: number; at: number };
  /** Fingerprint → when a finished rotation retired it. */
  retiredAt: Map<string, number>;
  /** `mark-compromised` entries after the last finished rotation. */
  openMarks: LedgerEntry[];
}

export function secretHistory(entries: readonly LedgerEntry[]): SecretHistory {
  const h: SecretHistory = { retiredAt: new Map(), openMarks: [] };
  const began = new Map<string, string>();
  for (const e of entries) {
    if (e.outcome !== 'ok') continue;
    // The replaced value's fingerprint is on `begin`; it is retired once `finish` is recorded.
    if (e.step === 'begin' && e.rotationId && e.oldFingerprint) began.set(e.rotationId, e.oldFingerprint);
    if (e.step === 'finish') {
      h.lastFinish = { seq: e.seq, at: Date.parse(e.at) };
      const old = e.oldFingerprint ?? (e.rotationId ? began.get(e.rotationId) : undefined);
      if (old) h.retiredAt.set(old, Date.parse(e.at));
      h.openMarks = [];
    } else if (e.step === 'mark-compromised') {
      h.openMarks.push(e);
    }
  }
  return h;
}

/** The action the secret's first trigger for `on` names; `notify` (defaulted) when it has none. */
export function triggerAction(secret: PolicySecret, on: Exclude<EventKind, 'due' | 'interrupted' | 'store-unreadable'>): { action: 'rotate-now' | 'notify'; defaulted?: boolean } {
  const t = secret.triggers?.find((x) => x.on === on);
  return t ? { action: t.action } : { action: 'notify', defaulted: true };
}

const where = (s: Sighting): string => {
  if (s.source === 'git-history') return `commit ${s.commit} ${s.file}:${s.line}`;
  return s.byteOffset === undefined ? `${s.file}:${s.line}` : `${s.file} (binary) at byte ${s.byteOffset}`;
};

/**
 * Events from what the scans saw. The current value anywhere but its own store's file is an
 * exposure. A retired value in a workspace file is `revoked-value-seen`; in history it is the
 * same event, but one a rotation has already answered when the commit predates the retirement
 * (the value left in history is what the rotation was for), so it does not fire again.
 */
export function sightingEvents(secret: PolicySecret, current: StoreFingerprint | undefined, history: SecretHistory, sightings: readonly Sighting[], ownFiles: readonly string[]): EnforcementEvent[] {
  const out: EnforcementEvent[] = [];
  const currentFp = current && 'fingerprint' in current ? current.fingerprint : null;
  const seen = new Set<string>();
  for (const s of sightings) {
    if (s.secretId !== secret.id) continue;
    if (s.source === 'file' && ownFiles.includes(s.file)) continue;
    const isCurrent = currentFp !== null && s.fingerprint === currentFp;
    const retired = history.retiredAt.get(s.fingerprint);
    if (!isCurrent && retired === undefined) continue; // an unknown value: the scan's other findings cover it
    const kind: EventKind = isCurrent ? (s.source === 'git-history' ? 'exposed-in-git-history' : 'exposed-in-file') : 'revoked-value-seen';
    const key = `${kind}\0${s.fingerprint}\0${s.source}`;
    if (seen.has(key)) continue; // one event per value and source; the first place seen is named
    seen.add(key);
    const t = triggerAction(secret, kind as 'exposed-in-file');
    const seenAt = { source: s.source, file: s.file, line: s.line, ...(s.byteOffset !== undefined ? { byteOffset: s.byteOffset } : {}) };
    const ev: EnforcementEvent = { kind, action: t.action, reason: `trigger ${kind} ${where(s)}`, seenAt, ...(t.defaulted ? { defaulted: true } : {}) };
    if (!isCurrent && s.source === 'git-history' && retired !== undefined && s.authorDate && Date.parse(s.authorDate) <= retired) {
      ev.answered = `the rotation of ${new Date(retired).toISOString()} retired this value after the commit`;
    }
    out.push(ev);
  }
  return out;
}

/** Compromise reports and recorded exposures after the last finished rotation. */
export function markEvents(secret: PolicySecret, history: SecretHistory): EnforcementEvent[] {
  const out: EnforcementEvent[] = [];
  for (const m of history.openMarks) {
    const kind = m.event ?? 'anomaly';
    const t = triggerAction(secret, kind);
    const text = kind === 'anomaly' ? `trigger anomaly reported ${m.at} by ${m.who}${m.detail ? `: ${m.detail}` : ''}` : `trigger ${kind} recorded ${m.at}${m.detail ? ` (${m.detail})` : ''}`;
    out.push({ kind, action: t.action, reason: text, ...(t.defaulted ? { defaulted: true } : {}) });
  }
  return out;
}

/** Due by age or schedule: the policy's state says when; a secret with an interval and no date is due at once. */
export function dueEvent(secret: PolicySecret, state: SecretState, now: Date): EnforcementEvent | undefined {
  if (!effectiveInterval(secret)) return undefined;
  if (state.state === 'never-rotated') return { kind: 'due', action: 'rotate-now', reason: 'due: never rotated' };
  if (!state.dueAt) return undefined;
  const late = now.getTime() - Date.parse(state.dueAt);
  if (late < 0) return undefined;
  return { kind: 'due', action: 'rotate-now', reason: late < MS.m ? 'due: due now' : `due: overdue by ${formatAge(late)}` };
}

export function formatAge(ms: number): string {
  if (ms >= MS.d) return `${Math.floor(ms / MS.d)}d`;
  if (ms >= MS.h) return `${Math.floor(ms / MS.h)}h`;
  return `${Math.max(1, Math.floor(ms / MS.m))}m`;
}
