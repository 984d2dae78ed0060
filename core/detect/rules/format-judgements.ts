import type { RawMatch } from '../report/raw-match';
import { placePasswordHashes } from './password-hashes';
import { placeDigestColumns } from './digest-columns';
import { placeHandwrittenJwts } from './structural/jwt-signature';

/**
 * Judgements a value's own documented format settles after a rule or the generic detector found
 * it: a password hash is not a password (password-hashes.ts), a JWT whose signature cannot be its
 * algorithm's was written by hand (structural/jwt-signature.ts), a hex value in a column of
 * same-length digests is a content hash (digest-columns.ts). Each lowers the finding below the
 * default threshold with a message saying why; none drops it.
 */
export function placeFormatJudgements(matches: RawMatch[], text: string): void {
  placePasswordHashes(matches, text);
  placeHandwrittenJwts(matches, text);
  placeDigestColumns(matches, text);
}
