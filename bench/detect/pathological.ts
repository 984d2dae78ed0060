import { scanText } from '../../core/detect';
import { tuneV8ForScanning } from '../../core/runtime';

tuneV8ForScanning(); // as the CLI and the language server run

/**
 * Times scanText on 1 MiB inputs built to provoke backtracking; prints one JSON line per case.
 *   node out/bench/detect/pathological.js [CASE]
 */
const MiB = 1024 * 1024;
export const PATHOLOGICAL: Record<string, () => string> = {
  'key-like run': () => 'aB3'.repeat(MiB / 3),
  'sk- repeated': () => 'sk-'.repeat(MiB / 3),
  'nested quotes': () => `${'"\'`'.repeat(MiB / 6)}${'x'.repeat(MiB / 2)}`,
  'password= repeated': () => 'password='.repeat(MiB / 9),
  'eyJ segments': () => `eyJ${'A'.repeat(20)}.`.repeat(MiB / 24),
  'PEM + base64': () => `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(MiB / 4)}`,
  'URL colons': () => 'a://b:c@'.repeat(MiB / 8),
  'curl -u repeated': () => `curl ${'-u a:b '.repeat(MiB / 7)}`,
  'api_key: " repeated': () => 'api_key: "'.repeat(MiB / 10),
};
const only = process.argv[2];
for (const [name, make] of Object.entries(PATHOLOGICAL)) {
  if (only && name !== only) continue;
  const text = make();
  scanText(text, { path: 'warmup.txt' });
  const t0 = process.hrtime.bigint();
  const n = scanText(text, { path: 'p.txt' }).length;
  console.log(JSON.stringify({ case: name, ms: +(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1), findings: n }));
}
