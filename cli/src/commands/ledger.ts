import { resolve } from 'node:path';
import { ledgerPathFor, readLedger, verifyLedger } from '../../../core/ledger';
import { policyPathOption } from '../policy-options';
import { UsageError, type CliIO } from '../io';
import { parseArgs } from '../rotation/args';

const USAGE = 'ledger verify|show [--policy FILE | --ledger FILE] [--expect-head HASH] [--secret ID] [--limit N] [--json]';

function ledgerPath(io: CliIO, ledger?: string, policy?: string): string {
  if (ledger) return resolve(io.cwd, ledger);
  return ledgerPathFor(policyPathOption(io.cwd, policy, 'pass --policy FILE or --ledger FILE'));
}

/** `ledger verify` checks the hash chain (exit 1 at the first bad line); `ledger show` lists entries — fingerprints, never values. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { flags: ['json'], options: ['policy', 'ledger', 'expect-head', 'secret', 'limit'] });
  const [sub, ...extra] = a.positional;
  if (!sub || extra.length || !['verify', 'show'].includes(sub)) throw new UsageError(`usage: ${USAGE}`);
  const path = ledgerPath(io, a.options.get('ledger'), a.options.get('policy'));
  if (sub === 'verify') {
    const v = verifyLedger(path, a.options.get('expect-head'));
    if (a.flags.has('json')) io.stdout(JSON.stringify({ ledger: path, ...v }) + '\n');
    else if (v.ok) io.stdout(`ledger ok: ${v.entries} entries, head ${v.head}\n`);
    else io.stdout(`ledger BROKEN at line ${v.firstBadLine}: ${v.reason}\n`);
    return v.ok ? 0 : 1;
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
