import type { LedgerEntry, RotationStep } from '../ledger/types';

/** A rotation that began and has neither a `finish` nor a `rollback` with outcome ok. */
export interface OpenRotation {
  secretId: string;
  rotationId: string;
  entries: LedgerEntry[];
  started: Set<RotationStep>;
  ok: Set<RotationStep>;
  newFingerprint?: string;
  oldFingerprint?: string;
  newUser?: string;
  versionId?: string;
  beganAt: string;
  /** When promote was recorded ok: the grace period before revocation counts from here. */
  promotedAt?: string;
  lastStep: RotationStep;
  lastOutcome: LedgerEntry['outcome'];
}

export function openRotations(entries: LedgerEntry[]): OpenRotation[] {
  const byId = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (!e.rotationId) continue;
    const list = byId.get(e.rotationId) ?? [];
    list.push(e);
    byId.set(e.rotationId, list);
  }
  const open: OpenRotation[] = [];
  for (const [rotationId, list] of byId) {
    if (list.some((e) => (e.step === 'finish' || e.step === 'rollback') && e.outcome === 'ok')) continue;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const r: OpenRotation = {
      secretId: first.secretId,
      rotationId,
      entries: list,
      started: new Set(),
      ok: new Set(),
      beganAt: first.at,
      lastStep: last.step,
      lastOutcome: last.outcome,
    };
    for (const e of list) {
      r.started.add(e.step);
      if (e.outcome === 'ok' || e.outcome === 'skipped') r.ok.add(e.step);
      if (e.newFingerprint) r.newFingerprint = e.newFingerprint;
      if (e.step === 'begin' && e.oldFingerprint) r.oldFingerprint = e.oldFingerprint;
      if (e.user && e.step !== 'begin') r.newUser = e.user;
      if (e.versionId) r.versionId = e.versionId;
      if (e.step === 'promote' && e.outcome === 'ok') r.promotedAt = e.at;
    }
    open.push(r);
  }
  return open;
}

/** The account holding the current value (alternating-users): the last promoted `user`. */
export function activeUser(entries: LedgerEntry[], secretId: string, excludeRotationId?: string): string | undefined {
  let user: string | undefined;
  for (const e of entries) {
    if (e.secretId === secretId && e.step === 'promote' && e.outcome === 'ok' && e.user && e.rotationId !== excludeRotationId) user = e.user;
  }
  return user;
}
