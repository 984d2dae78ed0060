import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { scanText } from '../../core/detect';
import { tuneV8ForScanning } from '../../core/runtime';

tuneV8ForScanning(); // as the CLI and the language server run

/**
 * Median time to scan 1 MiB of realistic text (corpus files concatenated), in ms.
 *   node out/bench/detect/one-mib.js CORPUS_DIR [ROUNDS]
 * (ROUNDS, default 9: more rounds for a profile, `node --cpu-prof …`.)
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: one-mib CORPUS_DIR');
const MiB = 1024 * 1024;
let text = '';
for (const f of fg.sync('**/*', { cwd: dir, absolute: true }).sort()) {
  text += readFileSync(f, 'utf8');
  if (text.length >= MiB) break;
}
text = text.slice(0, MiB);
const rounds = Math.max(1, Number(process.argv[3] ?? 9));
const times: number[] = [];
let findings = 0;
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  findings = scanText(text, { path: 'one-mib.txt' }).length;
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ bytes: MiB, findings, medianMs: +times[rounds >> 1]!.toFixed(1), minMs: +times[0]!.toFixed(1) }));
