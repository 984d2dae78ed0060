import type { ChildProcess } from 'node:child_process';
/** Signals the group `leader` leads unless its number names another process by now; whether a signal was sent. */
export function signalGroup(leader: ChildProcess | number | undefined, signal?: NodeJS.Signals): boolean;
export interface DaemonWatch {
  /** Called before stopping the daemon on purpose: its exit is then expected. */
  stopping(): void;
  /** The line written when it exited unexpectedly, or undefined. */
  exited(): string | undefined;
}
export function watchDaemon(child: ChildProcess, name: string): DaemonWatch;
