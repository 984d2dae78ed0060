import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a fact learnt about a ledger (its verified signatures, its trusted entries) to a file in
 * this user's config folder: a private folder, the file whole or not at all (written beside it,
 * then renamed). Best effort: with a read-only config folder the fact is simply worked out again
 * next time.
 */
export function rememberFact(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    /* a read-only config folder: worked out again next time */
  }
}
