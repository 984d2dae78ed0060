import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createPolicyStoreRegistry, currentSecretEnv } from '../../../core/rotation';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../rotation/args';
import { loadPolicyForCli } from '../rotation/load';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/**
 * `rotation-guard run [--only IDS] -- CMD ARGS…`: starts CMD with the current secrets in its
 * environment (like `op run` / `doppler run`), so values live in the keychain instead of .env
 * files. Env names come from the policy; the exit code is passed through; signals are forwarded.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['allow-missing'], options: ['only', 'policy'] });
  const [cmd, ...cmdArgs] = a.rest;
  if (!cmd || a.positional.length) throw new UsageError('usage: run [--only ID,ID] [--policy FILE] [--allow-missing] -- CMD ARGS…');
  const { path, policy } = loadPolicyForCli(io.cwd, a.options.get('policy'));
  const only = a.options.get('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const { env, missing } = await currentSecretEnv(policy, createPolicyStoreRegistry(policy, path, io.env), only);
  if (missing.length) {
    io.stderr(`rotation-guard run: no current value for ${missing.join(', ')}${a.flags.has('allow-missing') ? ' (continuing: --allow-missing)' : ''}\n`);
    if (!a.flags.has('allow-missing')) return 2;
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
