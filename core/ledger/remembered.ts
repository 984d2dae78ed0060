import { writeFileAtomic } from '../files';

/**
 * Writes a fact learnt about a ledger (its verified signatures, its trusted entries) to a file in
 * this user's config folder: a private folder, the file whole or not at all (written beside it,
 * then renamed). Best effort: with a read-only config folder the fact is simply worked out again
 * next time.
 */
export function rememberFact(file: string, text: string): void {
  try {
    writeFileAtomic(file, text, { mkdir: 0o700 });
  } catch {
    /* a read-only config folder: worked out again next time */
  }
}
