import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache';
import { tuneV8ForLowMemory, tuneV8ForOneShotScan, tuneV8ForScanning } from '../../core/runtime';
import { processIO, UsageError, type CliIO, type Command } from './io';

// Before any command code loads; not for `hook`, which an assistant starts per prompt and tool
// call: eager feedback allocation costs its short run more than it saves (~25 ms CPU measured);
// nor for `proxy`, whose requests run node:http's code as much as the engine's: without the flags
// its CPU per fresh 10 KB request was lower in 4 of 4 alternating bench rounds (p50 0.87-1.14
// against 1.06-1.24 ms), a resent conversation's 0.44-0.60 against 0.69-0.99 (docs/filters.md).
if (process.argv[2] !== 'hook' && process.argv[2] !== 'proxy') tuneV8ForScanning();
if (process.argv[2] === 'scan') tuneV8ForLowMemory();
if (process.argv[2] === 'scan') tuneV8ForOneShotScan();
// Commands load on demand: `scan` must not pay for the PostgreSQL client, fetch and the rotation
// engine it never uses. The build turns ./scan-commands and ./full-commands into bundles of their
// own (dist/cli-scan.js, dist/cli-full.js), so this dispatcher is small and a scan starts fast.
// The scan bundle is read through V8's code cache (code-cache.ts): its functions' bytecode from
// the last run instead of parsing and compiling them again on every scan.
const light = () => builtOrBundled('cli-scan.js', () => require('./scan-commands')) as typeof import('./scan-commands');
const full = () => require('./full-commands') as typeof import('./full-commands');
const hookCommands = () => require('./hook-commands') as typeof import('./hook-commands');
const commands: Record<string, { load: () => { run: Command }; summary: string }> = {
  scan: { load: () => light().scan, summary: 'find credentials in files (text, json, sarif); exit 1 on findings' },
  redact: { load: () => light().redact, summary: 'copy stdin to stdout with credentials masked (--in-place FILE keeps FILE.rg-bak)' },
  hook: { load: () => hookCommands().hook, summary: 'hook <assistant>: answer an AI assistant\'s hook (stdin payload) with its block or rewrite decision' },
  'hook-server': { load: () => hookCommands().hookServer, summary: 'hook-server --state PATH: the resident hook decider dist/hook-launch.sh asks (started by the first hook, stops when idle)' },
  hooks: { load: () => hookCommands().hooks, summary: 'hooks install|uninstall --assistant NAME [--project|--global], hooks detect' },
  proxy: { load: () => hookCommands().proxy, summary: 'proxy --listen 127.0.0.1:PORT --upstream URL: mask credentials in OpenAI/Anthropic model traffic, streams included' },
  check: { load: () => full().check, summary: 'validate the rotation policy and report each secret\'s state' },
  policy: { load: () => full().policy, summary: 'policy export --to aws|azure|vault|gcp ID' },
  rotate: { load: () => full().rotate, summary: 'rotate ID [--dry-run] [--resume] [--wait]: finishes what is pending, then a verified, staged, recorded rotation' },
  trust: { load: () => full().trust, summary: 'trust [--yes] [--dry-run]: confirm what the policy runs and contacts (printed first) without rotating' },
  status: { load: () => full().status, summary: 'each secret\'s state (same data as check)' },
  ledger: { load: () => full().ledger, summary: 'ledger verify|show|anchor' },
  enforce: { load: () => full().enforce, summary: 'enforce [--dry-run] [--only IDS]: act on triggers and due dates; exit 1 while anything needs a person' },
  'report-anomaly': { load: () => full().reportAnomaly, summary: 'report-anomaly ID --reason TEXT: record an anomaly and run its trigger' },
  run: { load: () => full().run, summary: 'run [--only IDS] [--watch [--signal SIG | --restart]] -- CMD ARGS…: start CMD with its secrets; --watch tells it when one rotates' },
};

/** A bundle beside the built dispatcher, through the code cache; elsewhere (tests bundle the sources) the module bundled in. */
function builtOrBundled(bundle: string, bundled: () => unknown): unknown {
  const built = join(__dirname, bundle);
  return existsSync(built) ? requireWithCodeCache(built) : bundled();
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
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
