import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync, readSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { withRegularFile, writeFileAtomic } from '../files';
import { fingerprintKeyPath, loadFingerprintKey } from '../values/fingerprint-key';
import { existingSigningKey } from './sign-keys';
import { signatureValid } from './sign-verify';
import type { LedgerEntry } from './types';

/**
 * The head anchor: the count and hash of a ledger's last entry, kept where the repository cannot
 * rewrite it — in the user's config folder beside the fingerprint key, and MACed with that key.
 * The chain alone cannot show lines cut off its end or an older copy checked out over it (both
 * leave a valid, shorter chain); the anchor can: the ledger must still hold the anchored entry
 * at the anchored position.
 *
 * Anchors are keyed by the ledger's first entry (its hash names the history, wherever the checkout
 * lives), so a moved or renamed checkout keeps its check; `ledger` records the path last seen.
 */
export interface LedgerAnchor {
  ledger: string;
  count: number;
  head: string;
  at: string;
  mac: string;
}

export type AnchorCheck =
  | { status: 'ok'; anchored: number; entries: number; movedFrom?: string }
  | { status: 'no-anchor' }
  | { status: 'anchor-missing'; signedByYou: number }
  | { status: 'shorter'; anchored: number; entries: number; missingFrom: number; missingTo: number }
  | { status: 'forked'; anchored: number; entries: number }
  | { status: 'anchor-invalid'; reason: string };

function anchorDir(env: NodeJS.ProcessEnv): string {
  return join(dirname(fingerprintKeyPath(env)), 'ledger-anchors');
}

/** The hash of the ledger's first entry (read from its first line, bounded), or undefined for an empty or unreadable start. */
export function ledgerIdentity(ledgerPath: string): string | undefined {
  const hash = withRegularFile(ledgerPath, (fd) => {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const e = JSON.parse(buf.subarray(0, n).toString('utf8').split('\n')[0]!) as Partial<LedgerEntry>;
    return typeof e.hash === 'string' && e.seq === 1 ? e.hash : null;
  });
  return hash ?? undefined;
}

/** Older versions (and ledgers with no entry yet) key the anchor by the absolute path. */
function pathKeyedAnchor(ledgerPath: string, env: NodeJS.ProcessEnv): string {
  const id = createHash('sha256').update(resolve(ledgerPath)).digest('hex').slice(0, 32);
  return join(anchorDir(env), `${id}.json`);
}

/** One anchor file per ledger history, named by the hash of its first entry (the path while it has none). */
export function anchorPathFor(ledgerPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const first = ledgerIdentity(ledgerPath);
  if (!first) return pathKeyedAnchor(ledgerPath, env);
  const id = createHash('sha256').update(`rotation-guard/ledger-id/v1\0${first}`).digest('hex').slice(0, 32);
  return join(anchorDir(env), `h-${id}.json`);
}

function macOf(a: Omit<LedgerAnchor, 'mac'>, key: Uint8Array): string {
  return createHmac('sha256', key).update(`rotation-guard/ledger-anchor/v1\0${a.ledger}\0${a.count}\0${a.head}\0${a.at}`).digest('base64url');
}

/**
 * The anchor of this ledger's history; failing that, one an older version keyed by this path, or
 * any anchor that last saw a ledger at this path (a history replaced under the same path is then
 * compared with it and reported as forked or shorter rather than as a fresh clone).
 */
export function readAnchor(ledgerPath: string, env: NodeJS.ProcessEnv = process.env): LedgerAnchor | { invalid: string } | undefined {
  const byId = anchorPathFor(ledgerPath, env);
  const candidates = [byId, pathKeyedAnchor(ledgerPath, env)];
  for (const file of candidates) {
    const a = readAnchorFile(file, env);
    if (a !== undefined) return a;
  }
  return anchorLastSeenAt(resolve(ledgerPath), env);
}

function anchorLastSeenAt(ledger: string, env: NodeJS.ProcessEnv): LedgerAnchor | undefined {
  let names: string[];
  try {
    names = readdirSync(anchorDir(env)).filter((n) => n.endsWith('.json'));
  } catch {
    return undefined;
  }
  let found: LedgerAnchor | undefined;
  for (const n of names) {
    const a = readAnchorFile(join(anchorDir(env), n), env);
    if (a && !('invalid' in a) && a.ledger === ledger && (!found || a.at > found.at)) found = a;
  }
  return found;
}

function readAnchorFile(file: string, env: NodeJS.ProcessEnv): LedgerAnchor | { invalid: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
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
  const base = { ledger: resolve(ledgerPath), count, head, at };
  const anchor: LedgerAnchor = { ...base, mac: macOf(base, loadFingerprintKey(env)) };
  writeFileAtomic(path, JSON.stringify(anchor) + '\n', { mkdir: 0o700 });
  const legacy = pathKeyedAnchor(ledgerPath, env);
  if (legacy !== path) {
    try {
      unlinkSync(legacy);
    } catch {
      /* none: nothing to migrate */
    }
  }
  return anchor;
}

/**
 * The anchor check `ledger verify` and `enforce` run: `checkAnchor`, plus what the anchor's key
 * makes visible — a checkout moved since it was anchored (fine: `movedFrom`), and a ledger that
 * holds entries signed with this user's key but has no anchor here (every append by this user
 * anchors, so the anchor was deleted or the config folder restored from an older copy).
 */
export function checkLedgerAnchor(ledgerPath: string, entries: readonly LedgerEntry[], env: NodeJS.ProcessEnv = process.env): AnchorCheck {
  const anchor = readAnchor(ledgerPath, env);
  const c = checkAnchor(entries, anchor);
  if (c.status === 'ok' && anchor && !('invalid' in anchor) && anchor.ledger !== resolve(ledgerPath)) return { ...c, movedFrom: anchor.ledger };
  if (c.status !== 'no-anchor') return c;
  const mine = existingSigningKey(env)?.publicKey;
  const claimed = mine ? entries.filter((e) => e.signer === mine) : [];
  // One valid signature proves this user wrote here; verifying one (the latest) keeps this cheap.
  let proven = false;
  for (let i = claimed.length - 1; i >= 0 && !proven; i--) proven = signatureValid(claimed[i]!);
  return proven ? { status: 'anchor-missing', signedByYou: claimed.length } : c;
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
      return `anchored at entry ${c.anchored}${c.entries > c.anchored ? ` (${c.entries - c.anchored} later entries not yet anchored on this machine)` : ''}${c.movedFrom ? ` (the checkout moved from ${dirname(dirname(c.movedFrom))}; the anchor follows the ledger's history, not its path)` : ''}`;
    case 'anchor-missing':
      return `ANCHOR MISSING: the ledger holds ${c.signedByYou} entr${c.signedByYou === 1 ? 'y' : 'ies'} signed with your key, so this machine anchored it, but the anchor is gone (deleted, or the config folder was restored or copied from elsewhere); entries cut from the end or an older copy would not show. Check the ledger against its git history, then run \`rotation-guard ledger anchor --reset\``;
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
