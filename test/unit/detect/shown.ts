import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { rand, seededPick, type Pick } from '../../helpers/fake-keys';

/** The values a default scan of `text` (as the file `path`) reports, in order. */
export function shownValues(text: string, path: string): string[] {
  return scanText(text, { path })
    .filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE)
    .map((f) => text.slice(f.start, f.end));
}

/**
 * The held-out tests' draws, seeded by `seed` (the same values on every run): `pick` for their own
 * values and `key()`, a credential-like value (22 random characters and a fixed tail of three
 * classes), from the same stream.
 */
export function seededDraws(seed: string): { pick: Pick; key: () => string } {
  const pick = seededPick(seed);
  return { pick, key: () => `${rand(22, undefined, pick)}7Qz` };
}
