import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { scanText } from '../../core/detect';
import { tuneV8ForScanning } from '../../core/runtime';

tuneV8ForScanning(); // as the CLI and the language server run

/**
 * Scans every file under a folder on this thread and prints MiB/s; used by detect.bench.mjs to
 * separate engine speed from file walking and worker overhead.
 *   node out/bench/detect/scan-corpus-inprocess.js DIR
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: scan-corpus-inprocess DIR');
const files = fg.sync('**/*', { cwd: dir, absolute: true });
const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
const bytes = texts.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
const t0 = process.hrtime.bigint();
let findings = 0;
for (const [f, t] of texts) findings += scanText(t, { path: f }).length;
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ files: files.length, bytes, findings, ms: Math.round(ms), mibPerSecond: +((bytes / 1048576) / (ms / 1000)).toFixed(1) }));
