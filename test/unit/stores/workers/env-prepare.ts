// Child for env-file-atomic.test.ts: prepares an env-file write (the temp file holding the value
// exists), then ends the way argv[4] says: `exit` (normal exit), `throw` (uncaught error),
// `wait` (blocks until the test signals or SIGKILLs it). Prints the temp folder's listing first.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnvFileStore, PRIVATE_TMP_DIR } from '../../../../core/stores/env-file';

async function main(): Promise<void> {
  const [dir, value, how] = process.argv.slice(2) as [string, string, string];
  const store = new EnvFileStore({ path: '.env.local', baseDir: dir });
  await store.prepareSet('s', 'current', value);
  process.stdout.write(`${readdirSync(join(dir, PRIVATE_TMP_DIR)).filter((f) => f.endsWith('.tmp')).join(',')}\n`);
  if (how === 'exit') process.exit(0);
  if (how === 'throw') throw new Error('boom');
  setInterval(() => undefined, 1 << 30);
}
void main();
