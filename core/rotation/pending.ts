import { ledgerPathFor, readLedger } from '../ledger/read';
import { RotationBusyError, RotationInProgressError, rotateSecret, type RotateOptions, type RotationResult } from './engine';
import { resolvePlan } from './plan';
import { openRotations } from './recovery';

export type PendingStatus =
  /** No rotation of the secret is open. */
  | 'none'
  /** An interrupted rotation was continued to the end, or an expired grace period's revocation was done. */
  | 'finished'
  /** An interrupted rotation could not go forward and was rolled back: the old value is current. */
  | 'rolled-back'
  /** Promoted; the grace period has not expired yet (`revokeDueAt`). Nothing was changed. */
  | 'grace-running'
  /** Another live process is rotating the secret right now. Nothing was changed. */
  | 'busy'
  /** Continuing or rolling back failed; `result` says why. */
  | 'failed';

export interface PendingOutcome {
  secretId: string;
  status: PendingStatus;
  message: string;
  /** The engine's result when it ran (finished, rolled-back, failed). */
  result?: RotationResult;
  /** The open rotation was promoted and only waited for its grace period. */
  wasAwaitingRevoke?: boolean;
  /** grace-running: when the old value may be revoked and the next rotation start. */
  revokeDueAt?: string;
}

export type PendingOptions = Omit<RotateOptions, 'resume' | 'rollback' | 'dryRun'>;

/**
 * Finishes what is pending for one secret before a new rotation starts — called by `rotate`,
 * `run --watch` and `enforce`, so no person has to run `--resume`:
 * - nothing open → `none`;
 * - promoted and its grace period expired → revoke the old value, check it fails, finish;
 * - promoted and the grace period still running → `grace-running` with `revokeDueAt` (changes nothing);
 * - interrupted (its process died: the secret's rotation lock is free) → resumed, or rolled back
 *   when it cannot go forward (the engine's `resume` rules);
 * - a live process holds the rotation lock → `busy` (changes nothing).
 * Values never appear in the outcome.
 */
export async function finishPendingRotation(o: PendingOptions): Promise<PendingOutcome> {
  const secretId = o.secretId;
  const open = openRotations(readLedger(ledgerPathFor(o.policyPath)).entries).find((r) => r.secretId === secretId);
  if (!open) return { secretId, status: 'none', message: `no rotation of "${secretId}" is pending` };
  const wasAwaitingRevoke = !!open.promotedAt;
  if (open.promotedAt) {
    const { graceMs } = resolvePlan(o.policy, secretId);
    const due = Date.parse(open.promotedAt) + graceMs;
    const now = (o.now ?? (() => new Date()))().getTime();
    if (now < due) {
      const revokeDueAt = new Date(due).toISOString();
      return { secretId, status: 'grace-running', wasAwaitingRevoke, revokeDueAt, message: `"${secretId}" was promoted at ${open.promotedAt}; its old value stays valid until ${revokeDueAt} (grace period), the next rotation can start then` };
    }
  }
  let result: RotationResult;
  try {
    result = await rotateSecret({ ...o, resume: true });
  } catch (err) {
    if (err instanceof RotationBusyError) return { secretId, status: 'busy', message: err.message };
    throw err;
  }
  const what = wasAwaitingRevoke ? 'the grace period had expired: revocation of the old value' : `interrupted rotation ${open.rotationId} (last step ${open.lastStep} ${open.lastOutcome})`;
  switch (result.status) {
    case 'rotated':
      return { secretId, status: 'finished', wasAwaitingRevoke, result, message: `finished ${what}` };
    case 'rolled-back':
      return { secretId, status: 'rolled-back', wasAwaitingRevoke, result, message: `rolled back ${what}: ${result.message}` };
    case 'awaiting-revoke':
      return { secretId, status: 'grace-running', wasAwaitingRevoke: true, result, message: result.message };
    case 'nothing-to-resume':
      return { secretId, status: 'none', message: result.message };
    default:
      return { secretId, status: 'failed', wasAwaitingRevoke, result, message: `could not finish ${what}: ${result.message}` };
  }
}

/** The previous rotation's grace period has not expired: the next rotation may start at `revokeDueAt`. */
export class GraceRunningError extends RotationInProgressError {
  override readonly code: string = 'rotation/grace-running';
  constructor(
    message: string,
    readonly revokeDueAt: string,
  ) {
    super(message);
  }
}

/**
 * A new rotation, after `finishPendingRotation`. An interrupted rotation that could be finished
 * counts as the rotation asked for; after a rollback or a finished grace period a new one starts.
 * While a grace period runs: wait for it (`waitForGrace`, which also waits up to 2 minutes for
 * another process that holds the rotation lock) or throw `GraceRunningError` with the time.
 */
export async function rotateAfterPending(o: PendingOptions & { waitForGrace?: boolean }): Promise<RotationResult> {
  const log = o.log ?? (() => undefined);
  const busyDeadline = Date.now() + 120000;
  for (;;) {
    const pending = await finishPendingRotation(o);
    if (pending.status !== 'none') log(`${o.secretId}: ${pending.message}`);
    switch (pending.status) {
      case 'busy':
        // With --wait, another process finishing the previous rotation (run --watch at the end
        // of a grace period) is waited for too, like any lock; without it, exit with the reason.
        if (!o.waitForGrace || Date.now() > busyDeadline) throw new RotationBusyError(pending.message);
        await new Promise((r) => setTimeout(r, 100));
        continue;
      case 'grace-running': {
        if (!o.waitForGrace) throw new GraceRunningError(`${pending.message}; run again after that time, or with --wait`, pending.revokeDueAt!);
        const ms = Date.parse(pending.revokeDueAt!) - (o.now ?? (() => new Date()))().getTime();
        await new Promise((r) => setTimeout(r, Math.max(ms, 0) + 5));
        continue;
      }
      case 'failed':
        return pending.result!;
      case 'finished':
        if (!pending.wasAwaitingRevoke) return { ...pending.result!, message: `${pending.message}: ${pending.result!.message}` };
        break;
      default:
        break;
    }
    return rotateSecret({ ...o, resume: false, rollback: false, dryRun: false });
  }
}
