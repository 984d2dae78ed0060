// Appends N ledger entries as fast as it can (for the concurrent-append test).
// usage: node ledger-append.js LEDGER_PATH COUNT TAG
import { appendLedgerEntry } from '../../../core/ledger/append';

async function main(): Promise<void> {
  const [path, count, tag] = process.argv.slice(2);
  for (let i = 0; i < Number(count); i++) {
    await appendLedgerEntry(path!, { secretId: `${tag}`, step: 'verify', outcome: 'ok', detail: `${tag}#${i}` });
  }
}
main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
