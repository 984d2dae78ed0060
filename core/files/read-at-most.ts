import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Thrown by `readAtMost` for a file over the limit, before more than the limit is read. */
export const TOO_LARGE = new Error('too large');

/**
 * Thrown for something that is not a file to read: a device (`/dev/zero` never ends, a tty waits
 * for a person), or a pipe that stays silent. `stat` cannot tell: it says 0 bytes for both.
 */
export class NotAFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: 'device' | 'silent-pipe',
  ) {
    super(kind === 'device' ? `${path} is a device, not a file; refusing to read it` : `${path} is a pipe that sent nothing for ${PIPE_IDLE_MS / 1000} s; giving up on it`);
  }
}

/** How long a pipe may stay silent (writer still open, no bytes) before the read gives up. */
export const PIPE_IDLE_MS = 10_000;

// O_NONBLOCK: opening a FIFO without a writer must not block; Windows has no such flag (and no FIFOs).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
// Made at the first wait: SharedArrayBuffer does not exist while Node builds a startup snapshot (the hook's).
let pause: Int32Array | undefined;

/**
 * The file's bytes, through one descriptor (open, fstat, read), never more than `maxBytes`:
 * a regular file over the limit throws TOO_LARGE before anything is read (a scan must not pull a
 * multi-gigabyte file into memory to skip it), and the read stops at the limit whatever `stat`
 * said. A device throws NotAFileError. A pipe (`scan <(cmd)`, a FIFO) is read until its writer
 * closes it, up to the limit; a FIFO nobody writes to reads as empty instead of hanging. Other
 * errors (unreadable, vanished, a directory) are thrown as they come.
 */
export function readAtMost(file: string, maxBytes: number, scratch?: ReadScratch): Buffer {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    if (st.isCharacterDevice() || st.isBlockDevice()) throw new NotAFileError(file, 'device');
    const pipe = st.isFIFO() || st.isSocket();
    if (!pipe && st.size > maxBytes) throw TOO_LARGE;
    return readBounded(fd, file, maxBytes, pipe ? Math.min(maxBytes + 1, 1 << 16) : st.size + 1, pipe, scratch);
  } finally {
    closeSync(fd);
  }
}

/** `readAtMost` as UTF-8 text. */
export function readTextAtMost(file: string, maxBytes: number): string {
  return readAtMost(file, maxBytes).toString('utf8');
}

/**
 * One buffer that a loop over many files reads each file into (`readAtMost`'s third argument):
 * a scan of thousands of files otherwise allocates as many buffers outside the JavaScript heap,
 * which the garbage collector frees only in bulk (peak RSS +45 MB on a repository of images).
 * What a read returns is valid until the next read into the same scratch.
 */
export interface ReadScratch {
  buf?: Buffer;
}

function readBounded(fd: number, file: string, maxBytes: number, initial: number, pipe: boolean, scratch?: ReadScratch): Buffer {
  // One byte past the size `stat` gave: a file that grew (or a /proc file that says 0) shows it.
  const size = Math.max(1, Math.min(initial, maxBytes + 1));
  if (scratch && (scratch.buf?.length ?? 0) < size) scratch.buf = Buffer.allocUnsafe(Math.max(size, 1 << 20));
  let buf = scratch ? scratch.buf!.subarray(0, size) : Buffer.allocUnsafe(size);
  let got = 0;
  let idleSince = Date.now();
  for (;;) {
    if (got === buf.length) {
      if (got > maxBytes) throw TOO_LARGE;
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
      buf.copy(bigger, 0, 0, got);
      buf = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, buf, got, buf.length - got, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || !pipe) throw err;
      if (Date.now() - idleSince > PIPE_IDLE_MS) throw new NotAFileError(file, 'silent-pipe');
      Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 5); // the writer is open but has nothing yet
      continue;
    }
    if (n === 0) break; // end of file, or the pipe's writer closed it
    got += n;
    // Exactly the size `stat` gave, of a regular file, in a buffer one byte larger: the read was
    // short because the file ends there, and a second read would return 0 (one system call per
    // file for nothing). A /proc file (`stat` says 0) and a file that grew still read on.
    if (!pipe && got === initial - 1 && got < buf.length) break;
    idleSince = Date.now();
  }
  if (got > maxBytes) throw TOO_LARGE;
  return buf.subarray(0, got);
}
