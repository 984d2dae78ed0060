import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fingerprintKeyPath, loadFingerprintKey } from '../fingerprint-key';
import type { LedgerEntry } from './types';

/**
 * The head anchor: the count and hash of a ledger's last entry, kept where the repository cannot
 * rewrite it — in the user's config folder beside the fingerprint key, and MACed with that key.
 * The chain alone cannot show lines cut off its end or an older copy checked out over it (both
 * leave a valid, shorter chain); the anchor can: the ledger must still hold the anchored entry
 * at the anchored position.
 */
export interface LedgerAnchor {
  ledger: string;
  count: number;
  head: string;
  at: string;
  mac: string;
}

export type AnchorCheck =
  | { status: 'ok'; anchored: number; entries: number }
  | { status: 'no-anchor' }
  | { status: 'shorter'; anchored: number; entries: number; missingFrom: number; missingTo: number }
  | { status: 'forked'; anchored: number; entries: number }
  | { status: 'anchor-invalid'; reason: string };

function anchorDir(env: NodeJS.ProcessEnv): string {
  return join(dirname(fingerprintKeyPath(env)), 'ledger-anchors');
}

/** One anchor file per ledger, named by the hash of its absolute path. */
export function anchorPathFor(ledgerPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const id = createHash('sha256').update(resolve(ledgerPath)).digest('hex').slice(0, 32);
  return join(anchorDir(env), `${id}.json`);
}

function macOf(a: Omit<LedgerAnchor, 'mac'>, key: Uint8Array): string {
  return createHmac('sha256', key).update(`rotation-guard/ledger-anchor/v1\0${a.ledger}\0${a.count}\0${a.head}\0${a.at}`).digest('base64url');
}

export function readAnchor(ledgerPath: string, env: NodeJS.ProcessEnv = process.env): LedgerAnchor | { invalid: string } | undefined {
  let text: string;
  try {
    text = readFileSync(anchorPathFor(ledgerPath, env), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const a = JSON.parse(text) as LedgerAnchor;
    if (typeof a.count !== 'number' || typeof a.head !== 'string' || typeof a.mac !== 'string') return { invalid: 'the anchor file is not an anchor' };
    if (macOf(a, loadFingerprintKey(env)) !== a.mac) return { invalid: 'the anchor file was changed by something other than rotation-guard (its MAC does not match)' };
    return a;
  } catch {
    return { invalid: 'the anchor file is not valid JSON' };
  }
}

/** Writes the anchor atomically (temp file + rename). Call under the ledger's lock. */
export function writeAnchor(ledgerPath: string, count: number, head: string, env: NodeJS.ProcessEnv = process.env, at = new Date().toISOString()): LedgerAnchor {
  const path = anchorPathFor(ledgerPath, env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const base = { ledger: resolve(ledgerPath), count, head, at };
  const anchor: LedgerAnchor = { ...base, mac: macOf(base, loadFingerprintKey(env)) };
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
  return anchor;
}

/** Compares the ledger's entries (in file order) with the anchor. */
export function checkAnchor(entries: readonly Pick<LedgerEntry, 'hash'>[], anchor: ReturnType<typeof readAnchor>): AnchorCheck {
  if (anchor === undefined) return { status: 'no-anchor' };
  if ('invalid' in anchor) return { status: 'anchor-invalid', reason: anchor.invalid };
  if (anchor.count === 0) return { status: 'ok', anchored: 0, entries: entries.length };
  if (entries.length < anchor.count) {
    // The missing range only holds if what is left is the anchored chain's prefix; a shorter
    // ledger that also diverged is reported as missing entries first (the bigger loss).
    return { status: 'shorter', anchored: anchor.count, entries: entries.length, missingFrom: entries.length + 1, missingTo: anchor.count };
  }
  if (entries[anchor.count - 1]!.hash !== anchor.head) return { status: 'forked', anchored: anchor.count, entries: entries.length };
  return { status: 'ok', anchored: anchor.count, entries: entries.length };
}

/** One line for people: what the anchor check found, and what to do. */
export function describeAnchorCheck(c: AnchorCheck): string {
  switch (c.status) {
    case 'ok':
      return `anchored at entry ${c.anchored}${c.entries > c.anchored ? ` (${c.entries - c.anchored} later entries not yet anchored on this machine)` : ''}`;
    case 'no-anchor':
      return 'no anchor on this machine yet (a fresh clone?): the chain is intact, but entries cut from its end would not show; the next recorded step anchors it, or run `rotation-guard ledger anchor`';
    case 'shorter':
      return `ROLLED BACK: the ledger has ${c.entries} entries but this machine anchored ${c.anchored}; entries ${c.missingFrom}–${c.missingTo} are missing (cut off, or an older copy checked out over it). Restore them (e.g. from git history) before rotating`;
    case 'forked':
      return `FORKED: entry ${c.anchored} is not the one this machine anchored; the ledger was replaced by another history (an older copy with different later entries?). Restore the anchored ledger before rotating`;
    case 'anchor-invalid':
      return `the anchor cannot be trusted: ${c.reason}; run \`rotation-guard ledger anchor --reset\` after checking the ledger by hand`;
  }
}

export function anchorOk(c: AnchorCheck): boolean {
  return c.status === 'ok' || c.status === 'no-anchor';
}
