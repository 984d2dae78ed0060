import { spawn, type ChildProcess } from 'node:child_process';
import { statSync, watch, type FSWatcher } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import type { Policy } from '../../../core/policy';
import { ledgerPathFor, trustedPolicyLedger } from '../../../core/ledger';
import { currentSecretEnv, openRotations, rotate, type NextAction, type RotationTrust, type StoreRegistry } from '../../../core/rotation';
import { ChildEnvFile } from './child-env-file';
import { inCliWords } from './next-words';
import { makeDirs } from '../../../core/files';

export type NotifyMode = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'restart' };

export interface WatchOptions {
  cmd: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  policy: Policy;
  policyPath: string;
  policyText: string;
  secretIds: string[];
  stores: StoreRegistry;
  /** Read at each settlement: the policy may be confirmed (`rotate --trust`) after `run` started. */
  trust: () => RotationTrust;
  fingerprintKey: Uint8Array;
  mode: NotifyMode;
  /** Quiet time after the last ledger change before the child is told (one signal per burst). */
  debounceMs: number;
  /** --restart: how long the child may take to exit after SIGTERM before SIGKILL. */
  stopTimeoutMs: number;
  /** Fallback poll of the ledger (fs.watch can miss events on some file systems). */
  pollMs?: number;
  /** Progress lines (never values). */
  log: (line: string) => void;
  /** The initial environment (already checked for missing values by the caller). */
  initial: Record<string, string>;
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGQUIT'];
const PASS_SIGNALS: NodeJS.Signals[] = ['SIGHUP', 'SIGUSR1', 'SIGUSR2'];

const exitCodeOf = (code: number | null, signal: NodeJS.Signals | null) => code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
const sameEnv = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/**
 * `run --watch`: starts the child with its secrets, watches the ledger, finishes pending rotations
 * of those secrets (the rotation service's finish-pending: expired grace → revoke, interrupted → resume or roll
 * back), and when the values the child holds change, tells it — a signal (it re-reads
 * ROTATION_GUARD_ENV_FILE) or a graceful restart with the new environment. The child's exit code
 * is returned; SIGINT/SIGTERM/SIGQUIT stop everything.
 */
export function superviseWithWatch(o: WatchOptions): Promise<number> {
  const ledgerPath = ledgerPathFor(o.policyPath);
  makeDirs(dirname(ledgerPath));
  // A line appended by hand must not look like an open rotation to finish.
  const trustedEntries = () => trustedPolicyLedger(o.policyPath, { writers: o.policy.ledger?.writers ?? null }).entries;
  const envFile = new ChildEnvFile(o.env);
  let current = o.initial;
  envFile.write(current);
  const rotating = o.secretIds.filter((id) => !!o.policy.secrets.find((s) => s.id === id)?.rotation);

  let child: ChildProcess | undefined;
  let stopping = false;
  let restarting = false;
  let finished = false;
  let debounce: NodeJS.Timeout | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  let lastLedgerSize = -1;
  let busy = false;
  let again = false;
  let resolveRun: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveRun = r));

  const start = () => {
    child = spawn(o.cmd, o.args, { cwd: o.cwd, env: { ...o.env, ...current, ROTATION_GUARD_ENV_FILE: envFile.path }, stdio: 'inherit' });
    const me = child;
    me.on('error', (err: NodeJS.ErrnoException) => {
      o.log(`cannot start ${o.cmd}: ${err.code ?? err.message}`);
      finish(127);
    });
    me.on('exit', (code, signal) => {
      if (restarting && me === child) return; // the restart starts the next one
      finish(exitCodeOf(code, signal));
    });
  };

  const waitExit = (cp: ChildProcess, ms: number) =>
    new Promise<boolean>((r) => {
      if (cp.exitCode !== null || cp.signalCode !== null) return r(true);
      const t = setTimeout(() => r(false), ms);
      cp.once('exit', () => {
        clearTimeout(t);
        r(true);
      });
    });

  const restart = async () => {
    const old = child!;
    restarting = true;
    old.kill('SIGTERM');
    if (!(await waitExit(old, o.stopTimeoutMs))) {
      o.log(`${o.cmd} did not exit within ${o.stopTimeoutMs} ms of SIGTERM; sending SIGKILL`);
      old.kill('SIGKILL');
      await waitExit(old, 10000);
    }
    restarting = false;
    // Stopped while restarting: the old child's exit is the run's exit (its handler skipped it).
    if (stopping) finish(exitCodeOf(old.exitCode, old.signalCode));
    else if (!finished) start();
  };

  /** Finish pending rotations, re-read the values, and tell the child if they changed. */
  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      await settle();
      const { env, missing } = await currentSecretEnv(o.policy, o.stores, o.secretIds);
      if (missing.length || stopping || finished) return;
      if (sameEnv(env, current)) return;
      current = env;
      envFile.write(current);
      const changed = o.secretIds.join(', ');
      if (o.mode.kind === 'signal') {
        o.log(`${changed}: new value; sending ${o.mode.signal} to ${o.cmd} (re-read ROTATION_GUARD_ENV_FILE)`);
        child?.kill(o.mode.signal);
      } else {
        o.log(`${changed}: new value; restarting ${o.cmd}`);
        await restart();
      }
    } catch (err) {
      logOnce(`watch: ${(err as Error).message}${inCliWords((err as { next?: NextAction }).next)}`);
    } finally {
      busy = false;
      if (again && !finished) {
        again = false;
        schedule();
      }
    }
  };

  const settle = async () => {
    const open = openRotations(trustedEntries()).filter((r) => rotating.includes(r.secretId));
    for (const r of open) {
      const outcome = await rotate({ policy: o.policy, policyPath: o.policyPath, policyText: o.policyText, secretId: r.secretId, mode: 'finish-pending', stores: o.stores, trust: o.trust(), env: o.env, fingerprintKey: o.fingerprintKey });
      if (outcome.code === 'grace-running' && outcome.revokeDueAt) {
        clearTimeout(graceTimer);
        graceTimer = setTimeout(schedule, Math.max(Date.parse(outcome.revokeDueAt) - Date.now(), 0) + 20);
      } else if (outcome.code !== 'busy' && outcome.code !== 'nothing-pending') {
        o.log(`${r.secretId}: ${outcome.message}${inCliWords(outcome.next, r.secretId)}`);
      }
    }
  };

  let lastProblem = '';
  const logOnce = (line: string) => {
    if (line !== lastProblem) o.log(line);
    lastProblem = line;
  };

  const schedule = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void refresh(), o.debounceMs);
  };

  const ledgerSize = () => {
    try {
      return statSync(ledgerPath).size;
    } catch {
      return 0;
    }
  };
  const onLedgerEvent = () => {
    const size = ledgerSize();
    if (size === lastLedgerSize) return;
    lastLedgerSize = size;
    schedule();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(ledgerPath), onLedgerEvent);
    watcher.on('error', () => undefined);
  } catch {
    /* the poll below still works */
  }
  lastLedgerSize = ledgerSize();
  // Poll for missed events, and now and then retry an open rotation whose owner may have died
  // (its lock was held by a live process the last time we looked).
  let ticks = 0;
  const poll = setInterval(() => {
    onLedgerEvent();
    if (++ticks % 5 === 0 && openRotations(trustedEntries()).some((r) => rotating.includes(r.secretId))) schedule();
  }, o.pollMs ?? 1000);

  const handlers = [
    ...STOP_SIGNALS.map((sig) => [sig, () => stop(sig)] as const),
    ...PASS_SIGNALS.map((sig) => [sig, () => child?.kill(sig)] as const),
  ];
  for (const [sig, h] of handlers) process.on(sig, h);

  function stop(sig: NodeJS.Signals): void {
    stopping = true;
    clearTimeout(debounce);
    child?.kill(sig);
    const cp = child;
    if (cp) void waitExit(cp, o.stopTimeoutMs).then((exited) => !exited && cp.kill('SIGKILL'));
  }

  function finish(code: number): void {
    if (finished) return;
    finished = true;
    clearTimeout(debounce);
    clearTimeout(graceTimer);
    clearInterval(poll);
    watcher?.close();
    for (const [sig, h] of handlers) process.off(sig, h);
    envFile.remove();
    resolveRun(code);
  }

  // Finish what an earlier crash or an expired grace period left, before the child starts.
  void (async () => {
    try {
      if (rotating.length) {
        await settle();
        const { env, missing } = await currentSecretEnv(o.policy, o.stores, o.secretIds);
        if (!missing.length) {
          current = env;
          envFile.write(current);
        }
      }
    } catch (err) {
      o.log(`watch: ${(err as Error).message}`);
    }
    start();
  })();
  return done;
}
