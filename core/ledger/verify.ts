import { readFileSync } from 'node:fs';
import { entryHash, GENESIS } from './canonical';
import type { LedgerEntry } from './types';

export interface LedgerVerification {
  ok: boolean;
  entries: number;
  /** The hash of the last entry: pin it elsewhere (CI, a commit) to also detect a cut-off tail. */
  head: string;
  /** 1-based line of the first line that breaks the chain. */
  firstBadLine?: number;
  reason?: string;
}

/**
 * Checks every line: valid JSON, `seq` one more than the line before, `prev` equal to the previous
 * hash, and `hash` matching the content. An edited line fails its own hash; a removed or reordered
 * line breaks `prev`/`seq` of the line after it. Removing lines from the END leaves a valid shorter
 * chain — only a pinned head (`expectHead`) catches that.
 */
export function verifyLedgerText(text: string, expectHead?: string): LedgerVerification {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  let seq = 0;
  let count = 0;
  const fail = (line: number, reason: string): LedgerVerification => ({ ok: false, entries: count, head: prev, firstBadLine: line, reason });
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (!raw.trim()) return fail(lineNo, 'blank line inside the ledger');
    let entry: LedgerEntry;
    try {
      entry = JSON.parse(raw) as LedgerEntry;
    } catch {
      return fail(lineNo, 'not valid JSON (edited or torn write)');
    }
    if (!entry || typeof entry !== 'object' || typeof entry.hash !== 'string') return fail(lineNo, 'not a ledger entry');
    if (entry.prev !== prev) return fail(lineNo, `prev does not match the hash of the line before (a line was removed, inserted or reordered)`);
    if (entry.seq !== seq + 1) return fail(lineNo, `seq ${entry.seq} where ${seq + 1} was expected`);
    if (entryHash(entry) !== entry.hash) return fail(lineNo, 'hash does not match the content (the line was edited)');
    prev = entry.hash;
    seq = entry.seq;
    count++;
  }
  if (expectHead && expectHead !== prev) {
    return { ok: false, entries: count, head: prev, firstBadLine: lines.length + 1, reason: `head ${prev.slice(0, 12)}… is not the expected ${expectHead.slice(0, 12)}… (lines were removed from the end)` };
  }
  return { ok: true, entries: count, head: prev };
}

export function verifyLedger(path: string, expectHead?: string): LedgerVerification {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return verifyLedgerText(text, expectHead);
}
