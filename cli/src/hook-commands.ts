import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache';
import { abortedIO } from './hook/aborted';
import { rebuildHookSnapshotLater } from './hook/snapshot-build';
import type { CliIO } from './io';

// `hook`, started by an assistant on every prompt and tool call, and the two filter commands a
// person runs now and then. The build bundles this file as dist/cli-hook.js, a loader: the hook's
// engine is dist/cli-hook-engine.js (the filter and detection cores alone), read through V8's code
// cache; `hooks` and `proxy` are dist/cli-filters.js, so the hook's process never parses the HTTP
// client and server or the config installer. Figures: bench/filters.bench.mjs.
type HookModule = typeof import('./commands/hook');
type FilterModule = typeof import('./filter-commands');

let engine: HookModule | undefined;
function hookEngine(): HookModule {
  if (engine) return engine;
  // Beside the built loader; elsewhere (tests bundle the sources) the engine is bundled in.
  const built = join(__dirname, 'cli-hook-engine.js');
  engine = existsSync(built) ? (requireWithCodeCache(built) as HookModule) : (require('./commands/hook') as HookModule);
  return engine;
}
const filters = () => require('./filter-commands') as FilterModule;

export const hook = {
  run: async (args: string[], io: CliIO) => {
    const code = await hookEngine().run(args, abortedIO(io));
    // After a timeout, standard input an assistant never closed would keep this process alive
    // past the assistant's own timeout, whose kill is no block: let go of it so the process ends
    // (this loader runs only as the CLI's process: main.ts; tests drive commands/hook in memory).
    process.stdin.destroy();
    // Started by dist/hook-launch.sh because the snapshot was missing or refused: build it anew
    // for the next hook, in the background (never inside this project).
    const blob = io.env.ROTATION_GUARD_HOOK_SNAPSHOT;
    if (blob) rebuildHookSnapshotLater(blob, __dirname, [io.cwd]);
    return code;
  },
};
/** `hook-server`: the resident hook decider (cli/src/hook/server.ts), answering with the same engine as `hook`. */
export const hookServer = {
  run: (args: string[], io: CliIO) => {
    const { hookServerCommand } = require('./hook/server-command') as typeof import('./hook/server-command');
    const engineFile = join(__dirname, 'cli-hook-engine.js');
    const watched = [process.execPath, __filename, join(__dirname, 'cli.js'), ...(existsSync(engineFile) ? [engineFile] : [])];
    return hookServerCommand(args, io, (a, i) => hookEngine().run(a, i), watched, join(__dirname, 'cli.js'));
  },
};
export const hooks = { run: (args: string[], io: CliIO) => filters().hooks.run(args, io) };
export const proxy = { run: (args: string[], io: CliIO) => filters().proxy.run(args, io) };
