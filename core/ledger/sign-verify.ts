import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fingerprintKeyPath } from '../values/fingerprint-key';
import { entryHash, GENESIS } from './canonical';
import { rememberFact } from './remembered';
import { shortKey, verifyHashSignature } from './sign-keys';
import type { LedgerEntry } from './types';

/** A person allowed to write the ledger: the policy's `ledger.writers`. */
export interface LedgerWriter {
  name: string;
  publicKey: string;
}

/**
 * What an entry's signature says, told apart as `ledger verify` reports them:
 * - `unsigned-legacy`: no signature, before the ledger's first signed entry (an older version wrote it);
 * - `signed`: a valid signature by a listed writer (or by any key while the policy lists none);
 * - `unlisted-key`: a valid signature by a key the policy does not list;
 * - `bad-signature`: a signature that does not verify, or a malformed signer;
 * - `unsigned`: no signature after signing began — a forged append.
 */
export type SignatureStatus = 'unsigned-legacy' | 'signed' | 'unlisted-key' | 'bad-signature' | 'unsigned';

export interface EntrySignature {
  seq: number;
  status: SignatureStatus;
  /** The listed writer's name, or the short key when the policy lists no writers. */
  writer?: string;
  signer?: string;
}

const verified = new Map<string, boolean>();

/** Signature check of one entry whose hash was already checked; results cached by hash + signature. */
export function signatureValid(entry: LedgerEntry): boolean {
  if (typeof entry.signer !== 'string' || typeof entry.sig !== 'string') return false;
  const key = `${entry.hash}\0${entry.sig}`;
  let ok = verified.get(key);
  if (ok === undefined) {
    ok = verifyHashSignature(entry.hash, entry.sig, entry.signer);
    if (verified.size > 200_000) verified.clear();
    verified.set(key, ok);
  }
  return ok;
}

/**
 * Classifies entries by signature. They must be an intact chain from genesis whose hashes the
 * caller checked (verify.ts, `trustedLedgerEntries`). `writers` undefined: the policy lists none,
 * so any valid signature counts (it still proves the entry was not changed after it was written).
 */
export function classifySignatures(entries: readonly LedgerEntry[], writers: readonly LedgerWriter[] | undefined): EntrySignature[] {
  const byKey = new Map((writers ?? []).map((w) => [w.publicKey, w.name]));
  const knownValid = verifiedPrefix(entries);
  let validPrefix = 0;
  let signingBegan = false;
  const out = entries.map((e, i): EntrySignature => {
    const signed = e.signer !== undefined || e.sig !== undefined;
    if (!signed) {
      if (validPrefix === i) validPrefix++;
      return { seq: e.seq, status: signingBegan ? 'unsigned' : 'unsigned-legacy' };
    }
    signingBegan = true;
    if (i >= knownValid && !signatureValid(e)) return { seq: e.seq, status: 'bad-signature', ...(typeof e.signer === 'string' ? { signer: e.signer } : {}) };
    if (validPrefix === i) validPrefix++;
    const signer = e.signer!;
    if (!writers) return { seq: e.seq, status: 'signed', writer: shortKey(signer), signer };
    const name = byKey.get(signer);
    return name !== undefined ? { seq: e.seq, status: 'signed', writer: name, signer } : { seq: e.seq, status: 'unlisted-key', signer };
  });
  if (validPrefix - knownValid >= PERSIST_AFTER) rememberVerified(entries, validPrefix);
  return out;
}

/**
 * Ed25519 verification is most of what checking a ledger costs (about 60 µs an entry, 20× the
 * hash chain). A fact learnt once is kept: "the signatures of the entries up to this head
 * verify", in the user's config folder, keyed by the ledger's first entry. Sound because callers
 * pass an intact chain from genesis whose hashes they checked: the same head means the same
 * entries (contents and signers), so only entries after it are verified again. Small ledgers
 * (fewer new entries than PERSIST_AFTER) are simply verified.
 */
const PERSIST_AFTER = 64;

function verifiedFile(first: string): string {
  const id = createHash('sha256').update(`rotation-guard/ledger-verified/v1\0${first}`).digest('hex').slice(0, 32);
  return join(dirname(fingerprintKeyPath(process.env)), 'ledger-verified', `${id}.json`);
}

function verifiedPrefix(entries: readonly LedgerEntry[]): number {
  if (entries.length < PERSIST_AFTER) return 0;
  try {
    const v = JSON.parse(readFileSync(verifiedFile(entries[0]!.hash), 'utf8')) as { count?: unknown; head?: unknown };
    if (typeof v.count !== 'number' || typeof v.head !== 'string' || v.count < 1 || v.count > entries.length) return 0;
    return entries[v.count - 1]!.hash === v.head ? v.count : 0;
  } catch {
    return 0;
  }
}

function rememberVerified(entries: readonly LedgerEntry[], count: number): void {
  rememberFact(verifiedFile(entries[0]!.hash), `${JSON.stringify({ count, head: entries[count - 1]!.hash })}\n`);
}

export function isTrustedSignature(s: SignatureStatus): boolean {
  return s === 'signed' || s === 'unsigned-legacy';
}

/** Why an entry is not trusted, for people. */
export function describeSignature(s: EntrySignature): string {
  switch (s.status) {
    case 'unsigned':
      return 'FORGED: unsigned, after signed entries began (an append by something other than rotation-guard)';
    case 'bad-signature':
      return `FORGED: the signature does not verify${s.signer ? ` under ${shortKey(s.signer)}` : ''} (edited, or signed by something other than rotation-guard)`;
    case 'unlisted-key':
      return `signed by ${shortKey(s.signer!)}, which the policy's ledger.writers does not list (a teammate? add their key with \`rotation-guard ledger trust-writer --name NAME --key KEY\`)`;
    case 'unsigned-legacy':
      return 'unsigned (written before signing)';
    case 'signed':
      return `signed by ${s.writer}`;
  }
}

export interface RejectedEntry {
  seq: number;
  reason: string;
}

/**
 * The entries state computation may rely on: an intact chain from genesis (every entry after a
 * break is rejected: its place in history cannot be shown) and a trusted signature. Everything
 * else is returned in `rejected` with the reason, so callers can say which and why.
 */
export function trustedLedgerEntries(entries: readonly LedgerEntry[], writers: readonly LedgerWriter[] | undefined): { entries: LedgerEntry[]; rejected: RejectedEntry[] } {
  const rejected: RejectedEntry[] = [];
  let prev = GENESIS;
  let seq = 0;
  let chained = entries.length;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.prev !== prev || e.seq !== seq + 1 || entryHash(e) !== e.hash) {
      chained = i;
      break;
    }
    prev = e.hash;
    seq = e.seq;
  }
  const trusted: LedgerEntry[] = [];
  classifySignatures(entries.slice(0, chained), writers).forEach((s, i) => {
    if (isTrustedSignature(s.status)) trusted.push(entries[i]!);
    else rejected.push({ seq: s.seq, reason: describeSignature(s) });
  });
  for (const e of entries.slice(chained)) rejected.push({ seq: typeof e.seq === 'number' ? e.seq : -1, reason: `after a break in the hash chain at entry ${chained + 1} (run \`rotation-guard ledger verify\`)` });
  return { entries: trusted, rejected };
}

/** One line naming the rejected entries (at most five) and why. */
export function describeRejected(rejected: readonly RejectedEntry[]): string {
  const shown = rejected.slice(0, 5).map((r) => `entry ${r.seq}: ${r.reason}`);
  return `${rejected.length} ledger entr${rejected.length === 1 ? 'y is' : 'ies are'} not trusted and ignored (${shown.join('; ')}${rejected.length > 5 ? '; …' : ''})`;
}
