import { runUserCommand } from '../run-command';
import { ProviderError, type CreatedValue, type ProviderContext, type RevokeOutcome, type RotationProvider } from '../types';

export interface CommandOptions {
  command?: string;
  args?: string[];
  timeoutMs?: number;
  /** Revokes the old value (given on stdin and in ROTATION_GUARD_OLD_VALUE) after promotion. */
  revoke?: { command?: string; args?: string[] };
}

/**
 * The user's command prints the new secret as the last non-empty line of stdout. It gets the
 * current value on stdin and in ROTATION_GUARD_CURRENT_VALUE (for tools that cannot read stdin),
 * the secret id in ROTATION_GUARD_SECRET_ID; never on argv.
 */
export function commandProvider(opts: CommandOptions): RotationProvider {
  return {
    type: 'command',
    needsTrust: true,
    async create(ctx): Promise<CreatedValue> {
      if (!opts.command) throw new ProviderError('provider/config', 'the command provider needs `command`');
      const env: NodeJS.ProcessEnv = { ...ctx.env, ROTATION_GUARD_SECRET_ID: ctx.secretId };
      if (ctx.currentValue !== null) env.ROTATION_GUARD_CURRENT_VALUE = ctx.currentValue;
      const r = await runUserCommand(opts.command, opts.args ?? [], { cwd: ctx.cwd, env, stdin: ctx.currentValue ?? '', timeoutMs: opts.timeoutMs ?? 30000 });
      if (r.timedOut) throw new ProviderError('provider/timeout', `${opts.command} did not finish within ${opts.timeoutMs ?? 30000} ms; its process group was killed`);
      if (r.code !== 0) throw new ProviderError('provider/command-failed', `${opts.command} exited with ${r.code}`);
      const value = r.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).pop();
      if (!value) throw new ProviderError('provider/empty', `${opts.command} printed no value on stdout`);
      return { value };
    },
    // Only a configured revoke makes the engine revoke and then prove the old value fails.
    ...(opts.revoke?.command
      ? {
          async revoke(ctx: ProviderContext, oldValue: string): Promise<RevokeOutcome> {
            const cmd = opts.revoke!.command!;
            const env: NodeJS.ProcessEnv = { ...ctx.env, ROTATION_GUARD_SECRET_ID: ctx.secretId, ROTATION_GUARD_OLD_VALUE: oldValue };
            const r = await runUserCommand(cmd, opts.revoke!.args ?? [], { cwd: ctx.cwd, env, stdin: oldValue, timeoutMs: opts.timeoutMs ?? 30000 });
            if (r.timedOut) throw new ProviderError('provider/timeout', `${cmd} (revoke) did not finish within ${opts.timeoutMs ?? 30000} ms; its process group was killed`);
            if (r.code !== 0) throw new ProviderError('provider/command-failed', `${cmd} (revoke) exited with ${r.code}`);
            return { outcome: 'ok', detail: `${cmd} revoked the old value` };
          },
        }
      : {}),
  };
}
