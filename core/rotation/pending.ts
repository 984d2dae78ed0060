import { RotationBusyError, RotationInProgressError, type RotateOptions, type RotationResult } from './engine';
import { rotate, type RotateMode, type RotationHost } from './service';

export type PendingStatus = 'none' | 'finished' | 'rolled-back' | 'grace-running' | 'busy' | 'failed';

export interface PendingOutcome {
  secretId: string;
  status: PendingStatus;
  message: string;
  result?: RotationResult;
  wasAwaitingRevoke?: boolean;
  revokeDueAt?: string;
}

export type PendingOptions = Omit<RotateOptions, 'resume' | 'rollback' | 'dryRun'>;

const target = (o: PendingOptions, mode: RotateMode, wait?: boolean) => {
  const { log: _log, prompt: _prompt, onEntry: _onEntry, ...t } = o;
  return { ...t, mode, wait };
};
const hostOf = (o: PendingOptions): RotationHost => ({ prompt: o.prompt, event: (e) => e.kind === 'log' && o.log?.(e.message) });

/** The rotation service's `finish-pending` mode in the older shape (kept for the engine's own tests and benches). */
export async function finishPendingRotation(o: PendingOptions): Promise<PendingOutcome> {
  const r = await rotate(target(o, 'finish-pending'), hostOf(o));
  return { secretId: r.secretId, status: r.code === 'nothing-pending' ? 'none' : (r.code as PendingStatus), message: r.message, result: r.result, wasAwaitingRevoke: r.wasAwaitingRevoke, revokeDueAt: r.revokeDueAt };
}

/** The previous rotation's grace period has not expired: the next rotation may start at `revokeDueAt`. */
export class GraceRunningError extends RotationInProgressError {
  override readonly code: string = 'rotation/grace-running';
  constructor(
    message: string,
    readonly revokeDueAt: string,
  ) {
    super(message, 'wait');
  }
}

/** The rotation service's `rotate` mode; a running grace period or a busy lock throws, as `rotate` without --wait exits. */
export async function rotateAfterPending(o: PendingOptions & { waitForGrace?: boolean }): Promise<RotationResult> {
  const r = await rotate(target(o, 'rotate', o.waitForGrace), hostOf(o));
  if (r.code === 'busy') throw new RotationBusyError(r.message);
  if (r.code === 'grace-running') throw new GraceRunningError(r.message, r.revokeDueAt ?? '');
  return r.result!;
}
