import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readTextAtMost } from '../files/read-at-most';
import { fingerprintKeyPath } from '../values/fingerprint-key';
import { ledgerPathFor, parseLedger, readLedgerText } from './read';
import { rememberFact } from './remembered';
import { trustedLedgerEntries, type LedgerWriter, type RejectedEntry } from './sign-verify';
import type { LedgerEntry } from './types';

/**
 * A repository's ledger is input: a cloned (hostile) repository can append any line it likes.
 * State — a secret's history, its open rotation, the values known as current or retired — rests
 * only on entries a trusted writer signed on an unbroken chain. This is the one place that
 * decides which those are, for every caller: the PolicySet, the rotation service, `pending`,
 * `run --watch`, `enforce`, `scan --git-history` and the assistant hooks.
 */
export interface TrustedLedger {
  ledgerPath: string;
  /** Oldest first: what state may rely on. */
  entries: LedgerEntry[];
  /** Every other entry, with why (for `status`, `check`). */
  rejected: RejectedEntry[];
}

export interface TrustedLedgerOptions {
  /** The policy's `ledger.writers` when the caller parsed the policy (null: it lists none); else read from the policy's text. */
  writers?: readonly LedgerWriter[] | null;
  /** The policy's text when the caller holds it (an editor's unsaved text); else the file is read, only if writers are needed. */
  policyText?: string;
  /** The ledger's entries when the caller already read them (under the rotation lock, or for an analysis). */
  entries?: readonly LedgerEntry[];
}

const POLICY_MAX_BYTES = 8 * 1024 * 1024;

/** The trusted entries of the ledger beside `policyPath`. Throws as `readLedger` does (a device, over the limit). */
export function trustedPolicyLedger(policyPath: string, o: TrustedLedgerOptions = {}): TrustedLedger {
  const ledgerPath = ledgerPathFor(policyPath);
  const text = o.entries ? undefined : readLedgerText(ledgerPath);
  const entries = o.entries ?? parseLedger(text!).entries;
  // Writers decide only about signed entries: a ledger without any never needs the policy read.
  const signed = entries.some((e) => e.signer !== undefined || e.sig !== undefined);
  const writers = !signed ? undefined : o.writers !== undefined ? (o.writers ?? undefined) : writersOfPolicy(policyPath, o.policyText);
  return { ledgerPath, ...(text === undefined ? trustedLedgerEntries(entries, writers) : remembered(ledgerPath, text, entries, writers)) };
}

/**
 * Checking the chain and the signatures costs some 0.1 ms an entry, paid by every short-lived
 * process (an assistant hook runs per prompt) while the ledger rarely changes. The verdict is a
 * function of the ledger's exact bytes and the writers, so it is kept in the user's config folder
 * (never the repository) under the sha256 of both, one file per ledger; any change is checked afresh.
 */
function remembered(ledgerPath: string, text: string, entries: readonly LedgerEntry[], writers: readonly LedgerWriter[] | undefined): Omit<TrustedLedger, 'ledgerPath'> {
  const digest = createHash('sha256').update(text).update('\0').update(JSON.stringify(writers?.map((w) => w.publicKey) ?? null)).digest('hex');
  const file = join(dirname(fingerprintKeyPath(process.env)), 'ledger-trusted', `${createHash('sha256').update(resolve(ledgerPath)).digest('hex').slice(0, 32)}.json`);
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as { digest?: unknown; trusted?: unknown; rejected?: unknown };
    const idx = c.trusted;
    if (c.digest === digest && Array.isArray(idx) && Array.isArray(c.rejected) && idx.every((i) => Number.isInteger(i) && i >= 0 && i < entries.length)) {
      return { entries: (idx as number[]).map((i) => entries[i]!), rejected: c.rejected as RejectedEntry[] };
    }
  } catch {
    /* none yet, or unreadable: check */
  }
  const r = trustedLedgerEntries(entries, writers);
  const at = new Map(entries.map((e, i) => [e, i]));
  rememberFact(file, JSON.stringify({ digest, trusted: r.entries.map((e) => at.get(e)), rejected: r.rejected }));
  return r;
}

function writersOfPolicy(policyPath: string, text: string | undefined): LedgerWriter[] | undefined {
  try {
    return ledgerWritersIn(text ?? readTextAtMost(policyPath, POLICY_MAX_BYTES));
  } catch {
    return []; // unreadable: nobody is listed, so no signed entry is trusted (the safe side)
  }
}

/**
 * The policy's `ledger.writers` without the policy parser (the assistant hook must stay small
 * and fast): JSON, or YAML's block form as `ledger trust-writer` writes it. undefined: the policy
 * lists none (any valid signature counts, as with a parsed policy). A form this does not read
 * (a flow mapping, an alias) lists nobody: fewer entries are trusted, never more.
 */
export function ledgerWritersIn(text: string): LedgerWriter[] | undefined {
  const t = text.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(t)) {
    try {
      const w = (JSON.parse(t) as { ledger?: { writers?: unknown } } | null)?.ledger?.writers;
      if (w === undefined) return undefined;
      return (Array.isArray(w) ? (w as unknown[]) : []).flatMap((x) => (x && typeof x === 'object' && typeof (x as LedgerWriter).publicKey === 'string' ? [{ name: String((x as LedgerWriter).name), publicKey: (x as LedgerWriter).publicKey }] : []));
    } catch {
      // Not JSON after all (a YAML flow mapping, or broken): a form this does not read. If it
      // speaks of a ledger at all it may list writers, so it lists nobody (fewer entries trusted,
      // never more); without one nobody is listed, as in a policy with no `ledger:`.
      return /\bledger\b/.test(t) ? [] : undefined;
    }
  }
  const lines = t.split(/\r?\n/);
  const at = lines.findIndex((l) => /^ledger\s*:/.test(l));
  if (at < 0) return undefined;
  if (!/^ledger\s*:\s*(#.*)?$/.test(lines[at]!)) return [];
  let indent = -1;
  const keys: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const depth = line.length - line.trimStart().length;
    if (depth === 0) break;
    if (indent < 0) {
      const m = /^(\s+)writers\s*:\s*(.*?)\s*(#.*)?$/.exec(line);
      if (m && m[2]) return [];
      if (m) indent = m[1]!.length;
      continue;
    }
    // The list's items start at the key's depth or deeper ('- '); a key at that depth ends it.
    if (depth < indent || (depth === indent && !line.trimStart().startsWith('-'))) break;
    const k = /(?:^|[\s{,-])publicKey\s*:\s*["']?([^"'\s#,}]+)/.exec(line);
    if (k) keys.push(k[1]!);
  }
  return indent < 0 ? undefined : keys.map((publicKey) => ({ name: publicKey, publicKey }));
}
