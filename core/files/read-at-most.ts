import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Thrown by `readAtMost` for a file over the limit, before anything is read. */
export const TOO_LARGE = new Error('too large');

/**
 * The file's bytes, through one descriptor (open, fstat, read), or throws TOO_LARGE without
 * reading: a scan must not pull a multi-gigabyte file into memory to skip it. Other errors
 * (unreadable, vanished) are thrown as they come.
 */
export function readAtMost(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw TOO_LARGE;
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, null);
      if (n === 0) break; // the file shrank while we read it
      got += n;
    }
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
