import { redact } from '../../../core/detect/index';
import { UsageError, type CliIO } from '../io';

/**
 * `rotation-guard redact [--stdin-filename NAME]`: copies standard input to standard output with
 * every credential replaced by `[REDACTED:<rule>:<masked preview>]`. For prompts, traces, logs and
 * fine-tuning data on their way out.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  let path = 'stdin.txt';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--stdin-filename' && args[i + 1]) path = args[++i]!;
    else if (a.startsWith('--stdin-filename=')) path = a.slice('--stdin-filename='.length);
    else if (a === '--stdin') continue;
    else throw new UsageError(`unknown argument '${a}'\nusage: rotation-guard redact [--stdin-filename NAME] < IN > OUT`);
  }
  // Bounded (STDIN_MAX_BYTES): a filter fed /dev/zero must end with an error, not fill memory.
  io.stdout(redact(await io.readStdin(), { path }));
  return 0;
}
