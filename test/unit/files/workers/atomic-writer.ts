// Child for write-atomic.test.ts: rewrites argv[2] with writeFileAtomic over and over, alternating
// two contents of argv[3] bytes (each one byte repeated, so a partial file is easy to tell), and
// prints `wrote N` after each write until the test SIGKILLs it.
import { writeFileAtomic } from '../../../../core/files/write-atomic';

const [path, size] = process.argv.slice(2) as [string, string];
const contents = ['A', 'B'].map((c) => Buffer.alloc(Number(size), c));
for (let n = 1; ; n++) {
  writeFileAtomic(path, contents[n % 2]!, { fsync: true });
  process.stdout.write(`wrote ${n}\n`);
}
