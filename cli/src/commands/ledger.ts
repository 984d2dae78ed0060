import { resolve } from 'node:path';
import { anchorOk, checkAnchor, describeAnchorCheck, ledgerPathFor, readAnchor, readLedger, verifyLedger, writeAnchor } from '../../../core/ledger';
import { policyPathOption } from '../policy-options';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../rotation/args';

const USAGE = 'ledger verify|show|anchor [--policy FILE | --ledger FILE] [--expect-head HASH] [--secret ID] [--limit N] [--json] [--reset]';

function ledgerPath(io: CliIO, ledger?: string, policy?: string): string {
  if (ledger) return resolve(io.cwd, ledger);
  return ledgerPathFor(policyPathOption(io.cwd, policy, 'pass --policy FILE or --ledger FILE'));
}

/**
 * `ledger verify` checks the hash chain (exit 1 at the first bad line) and the head anchor this
 * machine keeps outside the repository (exit 1 when entries are missing from the end or the
 * ledger forked from it); `ledger anchor` sets the anchor to the current head; `ledger show`
 * lists entries — fingerprints, never values.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['json', 'reset'], options: ['policy', 'ledger', 'expect-head', 'secret', 'limit'] });
  const [sub, ...extra] = a.positional;
  if (!sub || extra.length || !['verify', 'show', 'anchor'].includes(sub)) throw new UsageError(`usage: ${USAGE}`);
  const path = ledgerPath(io, a.options.get('ledger'), a.options.get('policy'));
  if (sub === 'verify') {
    const v = verifyLedger(path, a.options.get('expect-head'));
    const anchor = checkAnchor(readLedger(path).entries, readAnchor(path, io.env));
    const ok = v.ok && anchorOk(anchor);
    if (a.flags.has('json')) io.stdout(JSON.stringify({ ledger: path, ...v, ok, anchor: { ...anchor, message: describeAnchorCheck(anchor) } }) + '\n');
    else if (!v.ok) io.stdout(`ledger BROKEN at line ${v.firstBadLine}: ${v.reason}\n`);
    else if (!ok) io.stdout(`ledger ${describeAnchorCheck(anchor)}\n`);
    else io.stdout(`ledger ok: ${v.entries} entries, head ${v.head}; ${describeAnchorCheck(anchor)}\n`);
    return ok ? 0 : 1;
  }
  if (sub === 'anchor') {
    const v = verifyLedger(path);
    if (!v.ok) {
      io.stderr(`ledger BROKEN at line ${v.firstBadLine}: ${v.reason}; not anchoring a broken chain\n`);
      return 1;
    }
    const current = checkAnchor(readLedger(path).entries, readAnchor(path, io.env));
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
  let entries = read.entries.filter((e) => !secret || e.secretId === secret);
  if (limit) entries = entries.slice(-limit);
  if (a.flags.has('json')) {
    io.stdout(JSON.stringify({ ledger: path, entries, malformedLines: read.malformedLines }, null, 2) + '\n');
    return 0;
  }
  for (const e of entries) {
    const fp = e.newFingerprint ? ` new=${e.newFingerprint}` : e.oldFingerprint ? ` old=${e.oldFingerprint}` : '';
    io.stdout(`${String(e.seq).padStart(4)} ${e.at} ${e.who} ${e.secretId} ${e.step} ${e.outcome}${e.versionId ? ` v=${e.versionId}` : ''}${fp}${e.detail ? ` — ${e.detail}` : ''}\n`);
  }
  if (read.malformedLines.length) io.stderr(`malformed lines: ${read.malformedLines.join(', ')} (run \`ledger verify\`)\n`);
  return 0;
}
