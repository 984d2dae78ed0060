import { timingSafeEqual } from 'node:crypto';

/**
 * The resident hook server's framing: fields ended by a NUL byte, which neither a path, an
 * argument, an environment entry nor an answer can hold (bash cannot hold one in a variable
 * either), and no length that the launcher would have to count. The payload goes on a second
 * connection, read to its end: bash cannot half-close a socket, but closing one ends it.
 *
 *   control  launcher → server  CLIENT_TOKEN
 *            server → launcher  SERVER_TOKEN, TICKET | 'fallback'   (only after CLIENT_TOKEN matched)
 *            launcher → server  v1, cwd, argc, args…, NAME=VALUE…, ''   (the process's environment)
 *   payload  launcher → server  TICKET
 *            server → launcher  SERVER_TOKEN
 *            launcher → server  the payload's bytes, to the connection's end
 *   control  server → launcher  'A', exit code, stdout, stderr | 'X' (no answer: block)
 */
export const NUL = 0;

/** Splits a byte stream into NUL-ended fields, refusing any field longer than `maxField` and more than `maxTotal` bytes in all. */
export class FieldReader {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private total = 0;
  readonly fields: string[] = [];

  constructor(
    private readonly maxField: number,
    private readonly maxTotal: number,
  ) {}

  /** Takes a chunk; returns the bytes after the last complete field when `stopAfter` fields are in (the rest of the stream), or throws when a bound is crossed. */
  push(chunk: Buffer, stopAfter = Infinity): Buffer | undefined {
    this.total += chunk.length;
    let start = 0;
    while (start <= chunk.length) {
      const end = chunk.indexOf(NUL, start);
      if (end < 0) {
        const rest = chunk.subarray(start);
        this.pendingLength += rest.length;
        if (this.pendingLength > this.maxField) throw new Error('a field is too long');
        if (rest.length) this.pending.push(rest);
        break;
      }
      this.pending.push(chunk.subarray(start, end));
      this.fields.push(Buffer.concat(this.pending).toString('utf8'));
      this.pending = [];
      this.pendingLength = 0;
      start = end + 1;
      if (this.fields.length >= stopAfter) return chunk.subarray(start);
    }
    if (this.total > this.maxTotal) throw new Error('the request is too long');
    return undefined;
  }
}

export function field(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

/** Compares two tokens in constant time. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface HookRequest {
  cwd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The request's header once all its fields are in (undefined while some are missing); throws on
 * one that is malformed. Environment entries are NAME=VALUE, as in a process's environment.
 */
export function parseRequest(fields: readonly string[]): HookRequest | undefined {
  if (fields.length < 3) return undefined;
  if (fields[0] !== 'v1') throw new Error('unknown request version');
  const cwd = fields[1]!;
  if (!cwd.startsWith('/')) throw new Error('the working folder is not absolute');
  const argc = Number(fields[2]);
  if (!Number.isInteger(argc) || argc < 0 || argc > 64) throw new Error('bad argument count');
  if (fields.length < 3 + argc) return undefined;
  const args = fields.slice(3, 3 + argc);
  const env: NodeJS.ProcessEnv = {};
  for (let i = 3 + argc; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry === '') return { cwd, args, env };
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return undefined;
}
