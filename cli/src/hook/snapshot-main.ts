import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startupSnapshot } from 'node:v8';
import { run } from '../commands/hook';
import { abortedIO } from './aborted';
import { fdIO } from './fd-io';
import { SNAPSHOT_REFUSED_EXIT } from './snapshot-paths';
import { warmUp } from './warm-up';

/**
 * The entry of the hook's V8 startup snapshot (built as dist/cli-hook-snapshot.js and run only as
 * `node --snapshot-blob BLOB --build-snapshot dist/cli-hook-snapshot.js`, by snapshot-build.ts).
 * Building runs the engine once on sample payloads, so the heap saved in the blob already holds the
 * compiled rules and the prefilter's tables; a hook started from it (`node --snapshot-blob BLOB hook
 * NAME …`, by the launcher) goes straight to reading its payload.
 *
 * The blob is this file's code as it was when built: if the file changed since (an upgrade), the
 * process answers nothing and exits SNAPSHOT_REFUSED_EXIT before reading standard input, as Node
 * itself does for a blob of another Node version, and the launcher runs the plain bundle instead.
 */
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const builtFrom = digest(__filename);

warmUp();

startupSnapshot.setDeserializeMainFunction(() => {
  let current: string | undefined;
  try {
    current = digest(__filename);
  } catch {
    current = undefined;
  }
  if (current !== builtFrom) {
    process.exitCode = SNAPSHOT_REFUSED_EXIT;
    return;
  }
  // Node 20 gives [node, ...args]; later versions repeat argv[0] at argv[1] (nodejs/node "insert argv[0] at argv[1] in setDeserializeMainFunction").
  const argv = process.argv[1] === process.argv[0] ? process.argv.slice(2) : process.argv.slice(1);
  const [command, ...args] = argv;
  if (command !== 'hook') {
    process.stderr.write(`rotation-guard: this snapshot only runs 'hook', not '${command ?? ''}'\n`);
    process.exitCode = 2;
    return;
  }
  const io = fdIO();
  // Exit once the answer is written (synchronously): after a timeout, standard input an assistant
  // never closed would keep the process alive.
  run(args, abortedIO(io)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      io.stderr(`rotation-guard hook: ${(err as Error).message ?? String(err)}\n`);
      process.exit(2);
    },
  );
});
