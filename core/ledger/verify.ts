import { readFileSync } from 'node:fs';
import { entryHash, GENESIS } from './canonical';
import { classifySignatures, describeSignature, type LedgerWriter } from './sign-verify';
import type { LedgerEntry } from './types';

/** Who signed what, told apart: older unsigned entries, listed writers, unlisted keys, forgeries. */
export interface SignatureSummary {
  /** False: the policy lists no `ledger.writers`, so any valid signature counted. */
  writersListed: boolean;
  /** Entries before the first signed one (written by a version without signing). */
  legacyUnsigned: number;
  /** Valid signatures per writer name (the short key when no writers are listed). */
  byWriter: Record<string, number>;
  unlisted: Array<{ seq: number; line: number; signer: string }>;
  /** Unsigned after signing began, or a signature that does not verify. */
  forged: Array<{ seq: number; line: number; reason: string }>;
}

export interface LedgerVerification {
  /** The chain is intact (and ends at `expectHead` if given) and every entry's signature is trusted. */
  ok: boolean;
  /** The chain alone: false at the first edited, removed, inserted or reordered line. */
  chainIntact: boolean;
  entries: number;
  /** The hash of the last entry: pin it elsewhere (CI, a commit) to also detect a cut-off tail. */
  head: string;
  /** 1-based line of the first line that breaks the chain. */
  firstBadLine?: number;
  reason?: string;
  /** Signatures of the entries up to the first break in the chain. */
  signatures: SignatureSummary;
}

/**
 * Checks every line: valid JSON, `seq` one more than the line before, `prev` equal to the previous
 * hash, and `hash` matching the content. An edited line fails its own hash; a removed or reordered
 * line breaks `prev`/`seq` of the line after it. Removing lines from the END leaves a valid shorter
 * chain — only a pinned head (`expectHead`) catches that.
 */
export function verifyLedgerText(text: string, expectHead?: string, opts: { writers?: readonly LedgerWriter[] } = {}): LedgerVerification {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  let seq = 0;
  let count = 0;
  const chained: Array<{ entry: LedgerEntry; line: number }> = [];
  const fail = (line: number, reason: string): LedgerVerification => ({ ok: false, chainIntact: false, entries: count, head: prev, firstBadLine: line, reason, signatures: summarize(chained, opts.writers) });
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
    chained.push({ entry, line: lineNo });
  }
  const signatures = summarize(chained, opts.writers);
  if (expectHead && expectHead !== prev) {
    return { ok: false, chainIntact: false, entries: count, head: prev, firstBadLine: lines.length + 1, reason: `head ${prev.slice(0, 12)}… is not the expected ${expectHead.slice(0, 12)}… (lines were removed from the end)`, signatures };
  }
  const bad = [...signatures.forged.map((f) => ({ line: f.line, reason: `entry ${f.seq}: ${f.reason}` })), ...signatures.unlisted.map((u) => ({ line: u.line, reason: `entry ${u.seq}: ${describeSignature({ seq: u.seq, status: 'unlisted-key', signer: u.signer })}` }))].sort((a, b) => a.line - b.line);
  if (bad.length) return { ok: false, chainIntact: true, entries: count, head: prev, firstBadLine: bad[0]!.line, reason: bad[0]!.reason, signatures };
  return { ok: true, chainIntact: true, entries: count, head: prev, signatures };
}

function summarize(chained: ReadonlyArray<{ entry: LedgerEntry; line: number }>, writers: readonly LedgerWriter[] | undefined): SignatureSummary {
  const sum: SignatureSummary = { writersListed: writers !== undefined, legacyUnsigned: 0, byWriter: {}, unlisted: [], forged: [] };
  classifySignatures(chained.map((c) => c.entry), writers).forEach((s, i) => {
    const line = chained[i]!.line;
    if (s.status === 'unsigned-legacy') sum.legacyUnsigned++;
    else if (s.status === 'signed') sum.byWriter[s.writer!] = (sum.byWriter[s.writer!] ?? 0) + 1;
    else if (s.status === 'unlisted-key') sum.unlisted.push({ seq: s.seq, line, signer: s.signer! });
    else sum.forged.push({ seq: s.seq, line, reason: describeSignature(s) });
  });
  return sum;
}

export function verifyLedger(path: string, expectHead?: string, opts: { writers?: readonly LedgerWriter[] } = {}): LedgerVerification {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return verifyLedgerText(text, expectHead, opts);
}
