import { readFileSync } from 'node:fs';
import type { LedgerEntry } from './types';

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

/** Reads entries without verifying the chain (see verify for that). A missing ledger is empty. */
export function readLedger(path: string): LedgerRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], malformedLines: [] };
    throw err;
  }
  return parseLedger(text);
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
