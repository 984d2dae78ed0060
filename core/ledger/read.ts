import { readTextAtMost, TOO_LARGE } from '../files/read-at-most';
import type { LedgerEntry } from './types';

/**
 * A ledger larger than this is refused: at a few hundred bytes an entry it holds some 200,000
 * rotations, and a cloned repository's `.rotation/ledger.jsonl` may be a symlink to `/dev/zero`.
 */
export const LEDGER_MAX_BYTES = 64 * 1024 * 1024;

/** Where the ledger of a policy lives: `.rotation/ledger.jsonl` beside the policy file. */
export function ledgerPathFor(policyPath: string): string {
  const slash = Math.max(policyPath.lastIndexOf('/'), policyPath.lastIndexOf('\\'));
  const dir = slash >= 0 ? policyPath.slice(0, slash) : '.';
  return `${dir}/.rotation/ledger.jsonl`;
}

export interface LedgerRead {
  entries: LedgerEntry[];
  /** 1-based line numbers of lines that are not valid JSON objects (reported, never dropped silently). */
  malformedLines: number[];
}

/**
 * Reads entries without verifying the chain (see verify for that). A missing ledger is empty; a
 * device, a silent pipe or a ledger over LEDGER_MAX_BYTES throws, with a message that says so.
 */
export function readLedger(path: string): LedgerRead {
  return parseLedger(readLedgerText(path));
}

/** The ledger's text, bounded as `readLedger` reads it ('' when there is none). */
export function readLedgerText(path: string): string {
  try {
    return readTextAtMost(path, LEDGER_MAX_BYTES);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    if (err === TOO_LARGE) throw new Error(`${path} is larger than ${LEDGER_MAX_BYTES / 1048576} MiB; refusing to read it (is it really a ledger?)`);
    throw err;
  }
}

export function parseLedger(text: string): LedgerRead {
  const entries: LedgerEntry[] = [];
  const malformedLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const obj = JSON.parse(line) as unknown;
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) entries.push(obj as LedgerEntry);
      else malformedLines.push(i + 1);
    } catch {
      malformedLines.push(i + 1);
    }
  });
  return { entries, malformedLines };
}
