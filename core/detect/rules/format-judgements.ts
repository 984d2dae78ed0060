import type { RawMatch } from '../report/raw-match';
import { placePasswordHashes } from './password-hashes';
import { placeHandwrittenJwts } from './structural/jwt-signature';

/**
 * Judgements a value's own documented format settles after a rule or the generic detector found
 * it: a password hash is not a password (password-hashes.ts), a JWT whose signature cannot be its
 * algorithm's was written by hand (structural/jwt-signature.ts). Both lower the finding below the
 * default threshold with a message saying why; neither drops it.
 */
export function placeFormatJudgements(matches: RawMatch[], text: string): void {
  placePasswordHashes(matches, text);
  placeHandwrittenJwts(matches, text);
}
