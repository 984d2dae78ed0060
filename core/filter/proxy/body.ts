import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

/**
 * A message's whole body, at most `max` bytes (more rejects with BodyTooLargeError; a declared
 * Content-Length over `max` rejects before a byte is read). With a Content-Length (what the model
 * clients send) the body goes into one buffer of that size, and when it arrives as one chunk (a
 * 10 KB request on a local connection does) that chunk is the body, without a copy. Null when
 * there is no body.
 */
export function readBody(msg: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = msg.headers['content-length'];
  const length = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : -1;
  if (length > max) return Promise.reject(new BodyTooLargeError(max));
  return new Promise((resolve, reject) => {
    let one: Buffer | undefined;
    let into: Buffer | undefined;
    let many: Buffer[] | undefined;
    let size = 0;
    msg.on('data', (c: Buffer) => {
      if (size + c.length > max) {
        reject(new BodyTooLargeError(max));
        msg.destroy();
        return;
      }
      if (!one && !into && !many) one = c;
      else if (length >= 0) {
        // The parser holds a body to its Content-Length, so `into` has room for every chunk.
        if (!into) {
          into = Buffer.allocUnsafe(length);
          one!.copy(into, 0);
          one = undefined;
        }
        c.copy(into, size);
      } else {
        many ??= [one!];
        one = undefined;
        many.push(c);
      }
      size += c.length;
    });
    msg.on('end', () => {
      if (one) resolve(one);
      else if (into) resolve(into.subarray(0, size));
      else if (many) resolve(Buffer.concat(many, size));
      else resolve(null);
    });
    msg.on('error', reject);
  });
}
