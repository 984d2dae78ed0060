import { spawn } from 'node:child_process';
import type { Ctx } from './ctx';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI (dist/cli.js) in a child process with the editor's own Node. Electron
 * (desktop VS Code) runs it as Node through ELECTRON_RUN_AS_NODE; code-server's Node ignores it.
 * The CLI never prints a value, so its output may go to the log as it is.
 */
export function runCli(ctx: Ctx, args: string[], cwd: string, token?: { isCancellationRequested: boolean; onCancellationRequested(cb: () => void): unknown }): Promise<CliResult> {
  const cli = ctx.extension.asAbsolutePath('dist/cli.js');
  ctx.log.info(`running rotation-guard ${args.join(' ')} (in ${cwd})`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    token?.onCancellationRequested(() => child.kill('SIGTERM'));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI answers exit 2 "unknown command/option" when this build lacks a subcommand. */
export function cliLacks(r: CliResult): boolean {
  return r.code === 2 && /unknown (command|option)/.test(r.stderr);
}
