import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { scanText } from '../../core/detect';
import { tuneV8ForScanning } from '../../core/runtime';

tuneV8ForScanning(); // as the CLI and the language server run

/**
 * Time to scan 1 MiB of realistic text (corpus files concatenated), in ms, two ways:
 *   cold: the first MiB a fresh process scans (compiling included);
 *   warm: the median over ROUNDS further MiBs, each a different part of the corpus, after WARM
 *         others. Each round scans text the process has not seen, so the engine's value memo
 *         helps only as much as it would in a real scan (values repeated across files); scanning
 *         the same MiB again would mostly measure the memo.
 *   again: the median of scanning one of those MiBs again ROUNDS times (this bench's figure until
 *         2026-12-06: mostly the memo's speed).
 *   node out/bench/detect/one-mib.js CORPUS_DIR [ROUNDS] [WARM]   (defaults 9 and 5)
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: one-mib CORPUS_DIR [ROUNDS] [WARM]');
const rounds = Math.max(1, Number(process.argv[3] ?? 9));
const warm = Math.max(0, Number(process.argv[4] ?? 5));
const MiB = 1024 * 1024;
const slices: string[] = [];
let text = '';
for (const f of fg.sync('**/*', { cwd: dir, absolute: true }).sort()) {
  text += readFileSync(f, 'utf8');
  while (text.length >= MiB && slices.length < 1 + warm + rounds) {
    slices.push(text.slice(0, MiB));
    text = text.slice(MiB);
  }
  if (slices.length >= 1 + warm + rounds) break;
}
if (slices.length < 1 + warm + rounds) throw new Error(`the corpus holds ${slices.length} MiB, fewer than ${1 + warm + rounds}`);
const timed = (t: string) => {
  const t0 = process.hrtime.bigint();
  const n = scanText(t, { path: 'one-mib.txt' }).length;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, n };
};
const cold = timed(slices[0]!);
for (let i = 1; i <= warm; i++) timed(slices[i]!);
const times: number[] = [];
let findings = 0;
for (let i = 1 + warm; i < slices.length; i++) {
  const r = timed(slices[i]!);
  times.push(r.ms);
  findings += r.n;
}
times.sort((a, b) => a - b);
// As this bench measured before: the same MiB again (the memo holds its values: an upper bound on speed).
const again = Array.from({ length: rounds }, () => timed(slices[1]!).ms).sort((a, b) => a - b);
console.log(JSON.stringify({ bytes: MiB, rounds, warm, findings, coldMs: +cold.ms.toFixed(1), medianMs: +times[rounds >> 1]!.toFixed(1), minMs: +times[0]!.toFixed(1), maxMs: +times[times.length - 1]!.toFixed(1), sameAgainMs: +again[rounds >> 1]!.toFixed(1) }));
