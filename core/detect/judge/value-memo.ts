import type { CodeKind } from '../../files/file-formats';
import { detach } from '../input/detach';
import type { NameKind } from './names';
import { judgeValue } from './values';

/**
 * `judgeValue` memoised by all its arguments. Assignments repeat across a repository (the same
 * `OPENAI_API_KEY=sk-...your-key-here` in every README, example and versioned copy of the docs):
 * on the 50 MiB benchmark corpus 86,279 values reached the judgement and 4,674 argument lists were
 * distinct. The judgement is a pure function of its arguments, so the answer is the same.
 *
 * Tables nest (flags, then name, then value) so that no key is built by concatenation on the hot
 * path: a lookup hashes the name and value as they are. A caller that keeps one object per name
 * (genericAt's record of the name) passes it as `nameKey`: an object is found by identity, and
 * the freshly sliced name is not hashed once more. Stored keys are detached from the scanned text
 * (detach.ts); all tables are emptied when they hold LIMIT answers, which bounds memory without
 * bookkeeping.
 */
const LIMIT = 20_000;
/** Indexed by the flags (five bits): an array slot instead of a hashed lookup per call. */
const byFlags: Array<Map<object | string, Map<string, number | null>> | undefined> = new Array(32).fill(undefined);
let size = 0;

export function judgeValueMemo(value: string, kind: NameKind, quoted: boolean, code: CodeKind, name: string, shaped: boolean, nameKey: object | string = name): number | null {
  // judgeValue's own first answer (fewer than four characters after trimming), without hashing.
  if (value.length < 4) return null;
  const flags = (kind === 'password' ? 1 : 0) | (quoted ? 2 : 0) | (code === false ? 0 : code === 'program' ? 4 : 8) | (shaped ? 16 : 0);
  const byValue = byFlags[flags]?.get(nameKey);
  const known = byValue?.get(value);
  if (known !== undefined) return known;
  const v = judgeValue(value, kind, quoted, code, name, shaped);
  if (size >= LIMIT) {
    byFlags.fill(undefined);
    size = 0;
  }
  let byName = byFlags[flags];
  if (!byName) byFlags[flags] = byName = new Map();
  let values = byName.get(nameKey);
  if (!values) byName.set(typeof nameKey === 'string' ? detach(nameKey) : nameKey, (values = new Map()));
  values.set(detach(value), v);
  size++;
  return v;
}
