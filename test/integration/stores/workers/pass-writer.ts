// Child for pass-atomic.test.ts: writes CURRENT of `w` again and again with fresh values, printing
// each value's index before the write starts, until it is killed. Values are `<prefix>-<index>`
// padded to 64 characters, so a truncated entry cannot pass for a whole one.
import { PassStore } from '../../../../core/stores/pass';

async function main(): Promise<void> {
  const [path, prefix] = process.argv.slice(2) as [string, string];
  const store = new PassStore({ path, env: process.env });
  for (let i = 0; ; i++) {
    process.stdout.write(`${i}\n`);
    await store.set('w', 'current', `${prefix}-${i}-`.padEnd(64, 'x'));
  }
}
void main();
