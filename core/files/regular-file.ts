import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';

/**
 * Runs `read` on a regular file opened non-blocking and checked with fstat after opening (a FIFO
 * or device a hostile repository puts in place neither hangs nor streams forever); null when the
 * path is not one, cannot be opened, or `read` throws.
 */
export function withRegularFile<T>(path: string, read: (fd: number, st: Stats) => T | null): T | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    return st.isFile() ? read(fd, st) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
