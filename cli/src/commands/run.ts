import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { loadFingerprintKey } from '../../../core/values';
import { parseDuration } from '../../../core/policy';
import { childSecretIds, createPolicyStoreRegistry, currentSecretEnv, trustFor } from '../../../core/rotation';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';
import { loadPolicyForCli } from '../rotation/load';
import { superviseWithWatch, type NotifyMode } from '../rotation/watch';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
const USAGE = 'usage: run [--only ID,ID] [--policy FILE] [--allow-missing] [--watch [--signal SIG | --restart] [--debounce 500ms] [--stop-timeout 10s]] -- CMD ARGS…';

/** `500ms`, or a policy duration (`2s`, `1m`). */
function millis(text: string, flag: string): number {
  const m = /^(\d+)ms$/.exec(text);
  if (m) return Number(m[1]);
  try {
    return parseDuration(text);
  } catch {
    throw new UsageError(`--${flag} takes a duration such as 500ms, 2s or 1m`);
  }
}

/**
 * `rotation-guard run [--only IDS] -- CMD ARGS…`: starts CMD with the current secrets in its
 * environment (like `op run` / `doppler run`), so values live in the keychain instead of .env
 * files. The child gets only what the policy says it uses (`references.env`, plus
 * `references.userEnv` for the active user), never an admin connection a provider uses unless
 * `--only` names it. The exit code is passed through; signals are forwarded.
 * `--watch`: see superviseWithWatch (signal or restart when a secret rotates).
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['allow-missing', 'watch', 'restart'], options: ['only', 'policy', 'signal', 'debounce', 'stop-timeout'] });
  const [cmd, ...cmdArgs] = a.rest;
  if (!cmd || a.positional.length) throw new UsageError(USAGE);
  const watching = a.flags.has('watch');
  if (!watching && (a.flags.has('restart') || a.options.has('signal'))) throw new UsageError('--signal and --restart need --watch');
  if (a.flags.has('restart') && a.options.has('signal')) throw new UsageError('--signal and --restart exclude each other');
  let mode: NotifyMode = { kind: 'signal', signal: 'SIGHUP' };
  if (a.flags.has('restart')) mode = { kind: 'restart' };
  else if (a.options.has('signal')) {
    const name = a.options.get('signal')!.toUpperCase();
    const sig = (name.startsWith('SIG') ? name : `SIG${name}`) as NodeJS.Signals;
    if (!(sig in constants.signals) || sig === 'SIGKILL' || sig === 'SIGSTOP') throw new UsageError(`--signal: unknown or uncatchable signal "${a.options.get('signal')}" (e.g. SIGHUP, SIGUSR1)`);
    mode = { kind: 'signal', signal: sig };
  }
  const { path, policy, text } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const only = a.options.get('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const ids = childSecretIds(policy, only);
  const stores = createPolicyStoreRegistry(policy, path, io.env);
  const { env, missing } = await currentSecretEnv(policy, stores, ids);
  if (missing.length) {
    io.stderr(`rotation-guard run: no current value for ${missing.join(', ')}${a.flags.has('allow-missing') ? ' (continuing: --allow-missing)' : ''}\n`);
    if (!a.flags.has('allow-missing')) return 2;
  }
  if (watching) {
    return superviseWithWatch({
      cmd,
      args: cmdArgs,
      cwd: io.cwd,
      env: io.env,
      policy,
      policyPath: path,
      policyText: text,
      secretIds: ids.filter((id) => !missing.includes(id)),
      stores,
      trust: () => trustFor(path, true, io.env),
      fingerprintKey: loadFingerprintKey(io.env),
      mode,
      debounceMs: a.options.has('debounce') ? millis(a.options.get('debounce')!, 'debounce') : 500,
      stopTimeoutMs: a.options.has('stop-timeout') ? millis(a.options.get('stop-timeout')!, 'stop-timeout') : 10000,
      log: (line) => io.stderr(`rotation-guard run: ${line}\n`),
      initial: env,
    });
  }
  return new Promise<number>((resolvePromise) => {
    const child = spawn(cmd, cmdArgs, { cwd: io.cwd, env: { ...io.env, ...env }, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => () => {
      try {
        child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    const handlers = FORWARDED.map((sig) => [sig, forward(sig)] as const);
    for (const [sig, h] of handlers) process.on(sig, h);
    const cleanup = () => handlers.forEach(([sig, h]) => process.off(sig, h));
    child.on('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      io.stderr(`rotation-guard run: cannot start ${cmd}: ${err.code ?? err.message}\n`);
      resolvePromise(127);
    });
    child.on('exit', (code, signal) => {
      cleanup();
      resolvePromise(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}
