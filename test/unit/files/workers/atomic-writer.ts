// Child for write-atomic.test.ts: rewrites argv[2] with writeFileAtomic over and over, alternating
// two contents of argv[3] bytes (each one byte repeated, so a partial file is easy to tell), and
// says `wrote N` once, after write argv[4], then writes on in silence until the test SIGKILLs it
// (silence: a full stdout pipe would block it between writes, where a kill proves nothing).
import { writeFileAtomic } from '../../../../core/files/write-atomic';

const [path, size, say] = process.argv.slice(2) as [string, string, string];
const contents = ['A', 'B'].map((c) => Buffer.alloc(Number(size), c));
for (let n = 1; ; n++) {
  writeFileAtomic(path, contents[n % 2]!, { fsync: true });
  if (n === Number(say)) process.stdout.write(`wrote ${n}\n`);
}
