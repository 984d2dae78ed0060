import { processIO, UsageError, type CliIO, type Command } from './io';
import { run as scan } from './commands/scan';
import { run as redact } from './commands/redact';
import { run as check } from './commands/check';
import { run as policy } from './commands/policy';
import { run as rotate } from './commands/rotate';
import { run as status } from './commands/status';
import { run as ledger } from './commands/ledger';
import { run as runWithSecrets } from './commands/run';

const commands: Record<string, { run: Command; summary: string }> = {
  scan: { run: scan, summary: 'find credentials in files (text, json, sarif); exit 1 on findings' },
  redact: { run: redact, summary: 'copy stdin to stdout with credentials masked' },
  check: { run: check, summary: 'validate the rotation policy and report each secret\'s state' },
  policy: { run: policy, summary: 'policy export --to aws|azure|vault|gcp ID' },
  rotate: { run: rotate, summary: 'rotate ID [--dry-run] [--resume]: verified, staged, recorded' },
  status: { run: status, summary: 'each secret\'s state (same data as check)' },
  ledger: { run: ledger, summary: 'ledger verify|show' },
  run: { run: runWithSecrets, summary: 'run [--only IDS] -- CMD ARGS…: start CMD with current secrets in its environment' },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: rotation-guard <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${process.env.ROTATION_GUARD_VERSION ?? '0.1.0'}\n`);
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.stderr(`rotation-guard: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    // Error messages of the core never hold secret values; print them as they are.
    if (err instanceof UsageError) io.stderr(`rotation-guard ${name}: ${err.message}\n`);
    else io.stderr(`rotation-guard ${name}: ${(err as Error).message ?? String(err)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`rotation-guard: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
