import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { anchorOk, checkLedgerAnchor, currentUser, describeAnchorCheck, existingSigningKey, ledgerPathFor, loadSigningKey, readLedger, shortKey, signingKeyPath, trustedLedgerEntries, verifyLedger, writeAnchor, type LedgerVerification, type LedgerWriter, addLedgerWriter } from '../../../core/ledger';
import { loadPolicyFile, POLICY_FILE_PREFERRED } from '../../../core/policy';
import { policyPathOption } from '../policy-options';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../args';

const USAGE = `ledger verify|show|anchor|whoami|trust-writer [--policy FILE | --ledger FILE] [--expect-head HASH] [--secret ID] [--limit N] [--json] [--reset] [--name NAME] [--key ed25519:…]`;

interface Target {
  ledger: string;
  /** The policy whose `ledger.writers` decide whose signatures count (beside the ledger for --ledger). */
  policy?: string;
}

function target(io: CliIO, ledger?: string, policy?: string): Target {
  if (ledger) {
    const path = resolve(io.cwd, ledger);
    const beside = POLICY_FILE_PREFERRED.map((n) => join(dirname(dirname(path)), n)).find((p) => existsSync(p));
    return { ledger: path, ...(policy ? { policy: resolve(io.cwd, policy) } : beside ? { policy: beside } : {}) };
  }
  const p = policyPathOption(io.cwd, policy, 'pass --policy FILE or --ledger FILE');
  return { ledger: ledgerPathFor(p), policy: p };
}

function writersOf(policyPath: string | undefined): readonly LedgerWriter[] | undefined {
  if (!policyPath) return undefined;
  try {
    return loadPolicyFile(policyPath).policy?.ledger?.writers;
  } catch {
    return undefined;
  }
}

/**
 * `ledger verify` checks the hash chain, each entry's signature against the policy's
 * `ledger.writers` and the head anchor this machine keeps outside the repository (exit 1 on a
 * broken chain, a forged or unsigned append, a key the policy does not list, entries missing
 * from the end, a fork, or a missing anchor); `ledger anchor` sets the anchor to the current
 * head; `ledger show` lists entries (fingerprints, never values); `ledger whoami` prints this
 * user's public key; `ledger trust-writer` adds a key (yours by default) to the policy.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['json', 'reset'], options: ['policy', 'ledger', 'expect-head', 'secret', 'limit', 'name', 'key'] });
  const [sub, ...extra] = a.positional;
  if (!sub || extra.length || !['verify', 'show', 'anchor', 'whoami', 'trust-writer'].includes(sub)) throw new UsageError(`usage: ${USAGE}`);
  if (sub === 'whoami') {
    const key = loadSigningKey(io.env);
    if (a.flags.has('json')) io.stdout(JSON.stringify({ name: currentUser(), publicKey: key.publicKey, keyFile: signingKeyPath(io.env) }) + '\n');
    else io.stdout(`${key.publicKey}\n(private key: ${signingKeyPath(io.env)}; list the public key in a policy with \`rotation-guard ledger trust-writer\`)\n`);
    return 0;
  }
  if (sub === 'trust-writer') return trustWriter(io, a.options.get('policy'), a.options.get('name'), a.options.get('key'));
  const t = target(io, a.options.get('ledger'), a.options.get('policy'));
  const path = t.ledger;
  if (sub === 'verify') {
    const writers = writersOf(t.policy);
    const v = verifyLedger(path, a.options.get('expect-head'), { writers });
    const anchor = checkLedgerAnchor(path, readLedger(path).entries, io.env);
    const ok = v.ok && anchorOk(anchor);
    if (a.flags.has('json')) {
      io.stdout(JSON.stringify({ ledger: path, ...v, ok, anchor: { ...anchor, message: describeAnchorCheck(anchor) } }) + '\n');
      return ok ? 0 : 1;
    }
    if (!v.chainIntact) io.stdout(`ledger BROKEN at line ${v.firstBadLine}: ${v.reason}\n`);
    else if (!anchorOk(anchor)) io.stdout(`ledger ${describeAnchorCheck(anchor)}\n`);
    else io.stdout(`ledger ${v.ok ? 'ok' : 'chain intact'}: ${v.entries} entries, head ${v.head}; ${describeAnchorCheck(anchor)}\n`);
    io.stdout(signatureLines(v, io.env).join(''));
    return ok ? 0 : 1;
  }
  if (sub === 'anchor') {
    const v = verifyLedger(path, undefined, { writers: writersOf(t.policy) });
    if (!v.ok) {
      io.stderr(`ledger ${v.chainIntact ? 'has untrusted entries' : 'BROKEN'} at line ${v.firstBadLine}: ${v.reason}; not anchoring it (run \`rotation-guard ledger verify\`)\n`);
      return 1;
    }
    const current = checkLedgerAnchor(path, readLedger(path).entries, io.env);
    if (!anchorOk(current) && !a.flags.has('reset')) {
      io.stderr(`ledger ${describeAnchorCheck(current)}\n(--reset anchors the ledger as it is now, accepting the loss)\n`);
      return 1;
    }
    writeAnchor(path, v.entries, v.head, io.env);
    io.stdout(`ledger anchored at entry ${v.entries}, head ${v.head}\n`);
    return 0;
  }
  const secret = a.options.get('secret');
  const limit = a.options.has('limit') ? Number(a.options.get('limit')) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit needs a positive integer');
  const read = readLedger(path);
  // entries check/enforce ignore are shown, marked with why (never hidden: they are evidence)
  const untrusted = new Map(trustedLedgerEntries(read.entries, writersOf(t.policy)).rejected.map((r) => [r.seq, r.reason]));
  let entries = read.entries.filter((e) => !secret || e.secretId === secret);
  if (limit) entries = entries.slice(-limit);
  if (a.flags.has('json')) {
    io.stdout(JSON.stringify({ ledger: path, entries, malformedLines: read.malformedLines, untrusted: [...untrusted].map(([seq, reason]) => ({ seq, reason })) }, null, 2) + '\n');
    return 0;
  }
  for (const e of entries) {
    const fp = e.newFingerprint ? ` new=${e.newFingerprint}` : e.oldFingerprint ? ` old=${e.oldFingerprint}` : '';
    const flag = untrusted.has(e.seq) ? ` [UNTRUSTED: ${untrusted.get(e.seq)}]` : '';
    io.stdout(`${String(e.seq).padStart(4)} ${e.at} ${e.who} ${e.secretId} ${e.step} ${e.outcome}${e.versionId ? ` v=${e.versionId}` : ''}${fp}${e.detail ? ` — ${e.detail}` : ''}${flag}\n`);
  }
  if (read.malformedLines.length) io.stderr(`malformed lines: ${read.malformedLines.join(', ')} (run \`ledger verify\`)\n`);
  return 0;
}

/** Who signed what: older unsigned entries, each writer, then every untrusted entry on its own line. */
function signatureLines(v: LedgerVerification, env: NodeJS.ProcessEnv): string[] {
  const s = v.signatures;
  const mine = existingSigningKey(env)?.publicKey;
  const parts: string[] = [];
  if (s.legacyUnsigned) parts.push(`${s.legacyUnsigned} unsigned (written before signing)`);
  for (const [writer, n] of Object.entries(s.byWriter)) parts.push(`${n} signed by ${writer}${mine && !s.writersListed && writer === shortKey(mine) ? ' (you)' : ''}`);
  const lines = parts.length ? [`signatures: ${parts.join(', ')}\n`] : [];
  for (const f of s.forged) lines.push(`  line ${f.line} (entry ${f.seq}): ${f.reason}\n`);
  for (const u of s.unlisted) lines.push(`  line ${u.line} (entry ${u.seq}): UNLISTED KEY: signed by ${u.signer}, which the policy's ledger.writers does not list; if it is a teammate's key, add it with \`rotation-guard ledger trust-writer --name NAME --key ${u.signer}\`\n`);
  if (!s.writersListed && Object.keys(s.byWriter).length) lines.push('note: the policy lists no ledger.writers, so any valid signature counts (it proves an entry was not changed, not who wrote it); list who may write with `rotation-guard ledger trust-writer`\n');
  return lines;
}

/** Adds a public key (this user's by default) to the policy's `ledger.writers`, keeping the file's formatting. */
function trustWriter(io: CliIO, policyOption: string | undefined, name: string | undefined, key: string | undefined): number {
  const policy = policyPathOption(io.cwd, policyOption);
  const publicKey = key ?? loadSigningKey(io.env).publicKey;
  const writer = { name: name ?? currentUser(), publicKey };
  let change: { text: string; added: boolean };
  try {
    change = addLedgerWriter(readFileSync(policy, 'utf8'), policy.endsWith('.json'), writer);
  } catch (err) {
    throw new UsageError(`cannot add the writer to ${policy}: ${(err as Error).message}`);
  }
  if (!change.added) {
    io.stdout(`${policy} already lists ${publicKey}\n`);
    return 0;
  }
  writeFileSync(policy, change.text);
  io.stdout(`added ${writer.name} (${publicKey}) to ledger.writers in ${policy}; commit it so teammates' \`ledger verify\` accepts the entries this key signs\n`);
  return 0;
}
