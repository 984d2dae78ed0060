import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { entryHash, GENESIS } from './canonical';
import { withFileLock } from '../files/lock';
import { checkAnchor, readAnchor, writeAnchor } from './anchor';
import { readLedger } from './read';
import { loadSigningKey, signHash } from './sign-keys';
import type { LedgerEntry } from './types';
import { makeDirs } from '../files/make-dirs';

/** What a caller supplies; the ledger fills in v, seq, prev and hash (and at/who when absent). */
export type LedgerEntryInput = Omit<LedgerEntry, 'v' | 'seq' | 'prev' | 'hash' | 'at' | 'who'> & {
  /** ISO-8601; supplied by the demo script to write a history with past dates. */
  at?: string;
  who?: string;
};

export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The last complete line of the file, read from its tail so appends stay O(1) in ledger size. */
function readTail(fd: number): { last?: LedgerEntry; endsWithNewline: boolean; empty: boolean } {
  const size = fstatSync(fd).size;
  if (size === 0) return { endsWithNewline: true, empty: true };
  const len = Math.min(size, 256 * 1024);
  const buf = Buffer.alloc(len);
  readSync(fd, buf, 0, len, size - len);
  const text = buf.toString('utf8');
  const endsWithNewline = text.endsWith('\n');
  const lines = text.split('\n').filter((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const obj = JSON.parse(lines[i]!) as LedgerEntry;
      if (obj && typeof obj.hash === 'string') return { last: obj, endsWithNewline, empty: false };
    } catch {
      /* a torn last line: chain from the last intact entry; verify will report the torn one */
    }
  }
  return { endsWithNewline, empty: false };
}

/**
 * Appends one entry under a cross-process lock and fsyncs it before returning, so a caller that
 * awaits this knows the step is on disk before it starts the next one. The entry is signed with
 * the writer's key (sign-keys.ts, from `env`'s config folder) over its hash, which covers `prev`
 * and `signer`.
 */
export async function appendLedgerEntry(path: string, input: LedgerEntryInput, opts: { env?: NodeJS.ProcessEnv } = {}): Promise<LedgerEntry> {
  const env = opts.env ?? process.env;
  makeDirs(dirname(path));
  const key = loadSigningKey(env);
  return withFileLock(`${path}.lock`, () => {
    const fd = openSync(path, 'a+', 0o644);
    try {
      const tail = readTail(fd);
      const base: Omit<LedgerEntry, 'hash'> = {
        v: 1,
        seq: (tail.last?.seq ?? 0) + 1,
        at: input.at ?? new Date().toISOString(),
        who: input.who ?? currentUser(),
        secretId: input.secretId,
        rotationId: input.rotationId,
        step: input.step,
        outcome: input.outcome,
        provider: input.provider,
        versionId: input.versionId,
        newFingerprint: input.newFingerprint,
        oldFingerprint: input.oldFingerprint,
        user: input.user,
        detail: input.detail,
        event: input.event,
        signer: key.publicKey,
        prev: tail.last?.hash ?? GENESIS,
      };
      for (const k of Object.keys(base) as (keyof typeof base)[]) if (base[k] === undefined) delete base[k];
      const hash = entryHash(base);
      const entry: LedgerEntry = { ...base, hash, sig: signHash(hash, key) };
      const line = `${tail.endsWithNewline ? '' : '\n'}${JSON.stringify(entry)}\n`;
      writeWhole(fd, line);
      advanceAnchor(path, tail.last, entry, env);
      return entry;
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Moves the head anchor to the entry just written — only when the anchor still describes this
 * ledger's chain (its entry at the anchored position is the anchored one). After a rollback or a
 * fork the anchor stays where it was, so `ledger verify` keeps reporting the missing range; the
 * append itself never fails for the anchor's sake (the step is already on disk).
 */
function advanceAnchor(path: string, before: LedgerEntry | undefined, entry: LedgerEntry, env: NodeJS.ProcessEnv): void {
  try {
    const anchor = readAnchor(path, env);
    if (anchor && !('invalid' in anchor)) {
      const consistent =
        anchor.count === (before?.seq ?? 0) ? anchor.count === 0 || anchor.head === before?.hash
        : anchor.count < (before?.seq ?? 0) ? checkAnchor(readLedger(path).entries, anchor).status === 'ok'
        : false;
      if (!consistent) return;
    } else if (anchor) return;
    writeAnchor(path, entry.seq, entry.hash, env);
  } catch {
    /* a read-only config folder: verify will say the anchor lags */
  }
}

/**
 * Writes the whole line or nothing: a full disk (ENOSPC) can write part of it, and a torn last
 * line would break the chain for every later verify. On any failure the file is cut back to its
 * size before the write, then the error goes to the caller (the step did not happen).
 */
function writeWhole(fd: number, line: string): void {
  const before = fstatSync(fd).size;
  const bytes = Buffer.from(line, 'utf8');
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (err) {
    try {
      ftruncateSync(fd, before);
      fsyncSync(fd);
    } catch {
      // The disk refused even the truncation; verify will name the torn line.
    }
    throw err;
  }
}
