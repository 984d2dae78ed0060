import { writeSync } from 'node:fs';
import { readProcessStdin, type CliIO } from '../io';

/**
 * The hook's IO: answers (a few KB) written to file descriptors 1 and 2 synchronously, whole,
 * without the stream objects behind process.stdout and process.stderr (with them the hook took
 * ~10 ms more CPU from the snapshot, bench/filters.bench.mjs). Standard input stays a stream:
 * read in libuv's thread pool instead, a payload an assistant never closes would leave a read
 * no exit can end (the pool's threads are joined at exit).
 */
export function fdIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => writeAll(1, t),
    stderr: (t) => writeAll(2, t),
    readStdin: readProcessStdin,
  };
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  for (let off = 0; off < buf.length; ) {
    try {
      off += writeSync(fd, buf, off);
    } catch (err) {
      // A pipe the parent made non-blocking and that is full: try again (answers are small).
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}
