import { spawn } from 'node:child_process';
import { ProviderError } from './types';

export interface CommandRun {
  code: number | null;
  stdout: string;
  /** Never put into messages unscrubbed: a user command may echo what it was given. */
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a user command without a shell, in its own process group so a timeout kills everything it
 * started. Secrets go in through stdin or the environment, never argv (argv is world-readable in
 * /proc).
 */
export function runUserCommand(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs: number }): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const cp = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-cp.pid!, 'SIGKILL');
      } catch {
        /* exited meanwhile */
      }
    }, opts.timeoutMs);
    cp.stdout.on('data', (d: Buffer) => {
      if (stdout.length < 1 << 20) stdout += d.toString('utf8');
    });
    cp.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 1 << 16) stderr += d.toString('utf8');
    });
    cp.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ProviderError('provider/command-start', `cannot start ${command}: ${err.code ?? err.message}`));
    });
    cp.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    cp.stdin.on('error', () => undefined);
    cp.stdin.end(opts.stdin ?? '');
  });
}
