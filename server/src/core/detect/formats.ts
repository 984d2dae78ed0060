import type { RawMatch } from './raw-match';

/**
 * Format-specific views of a text whose values are encoded (base64 under a Kubernetes Secret's
 * `data:`). Plain formats need nothing here: the pattern rules and the generic detector read
 * JSON-escaped quotes (`\"`) and YAML/.env/INI assignments directly in the original text.
 */
export function expandFormats(_text: string, _path: string, _isCancelled?: () => boolean): RawMatch[] {
  return [];
}
