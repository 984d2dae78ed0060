import type { CliIO } from '../io';

/**
 * Set by the launcher (launch.sh) when the resident hook server took the payload and then gave
 * no answer: standard input is spent, so the hook started as a process cannot decide on it. It
 * blocks instead (the assistant's fail-closed shape), with this reason: reading the payload
 * fails, which the hook answers as it answers any error.
 */
export const ABORTED_ENV = 'ROTATION_GUARD_HOOK_ABORTED';
const REASON = 'the resident hook server took the payload and gave no answer';

export function abortedIO(io: CliIO): CliIO {
  if (!io.env[ABORTED_ENV]) return io;
  return { ...io, readStdin: () => Promise.reject(new Error(REASON)) };
}
