import { isMainThread } from 'node:worker_threads';
import { processIO, UsageError, type CliIO, type Command } from './io';
// Commands load on demand: `scan` (and each of its worker threads) must not pay for the
// PostgreSQL client, fetch and the rotation engine it never uses.
const commands: Record<string, { load: () => { run: Command }; summary: string }> = {
  scan: { load: () => require('./commands/scan') as { run: Command }, summary: 'find credentials in files (text, json, sarif); exit 1 on findings' },
  redact: { load: () => require('./commands/redact') as { run: Command }, summary: 'copy stdin to stdout with credentials masked' },
  check: { load: () => require('./commands/check') as { run: Command }, summary: 'validate the rotation policy and report each secret\'s state' },
  policy: { load: () => require('./commands/policy') as { run: Command }, summary: 'policy export --to aws|azure|vault|gcp ID' },
  rotate: { load: () => require('./commands/rotate') as { run: Command }, summary: 'rotate ID [--dry-run] [--resume]: verified, staged, recorded' },
  status: { load: () => require('./commands/status') as { run: Command }, summary: 'each secret\'s state (same data as check)' },
  ledger: { load: () => require('./commands/ledger') as { run: Command }, summary: 'ledger verify|show' },
  run: { load: () => require('./commands/run') as { run: Command }, summary: 'run [--only IDS] -- CMD ARGS…: start CMD with current secrets in its environment' },
};

// Scan worker threads run this same bundle; loading the scan command starts the worker's loop.
if (!isMainThread) commands.scan!.load();

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
    return await cmd.load().run(rest, io);
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
