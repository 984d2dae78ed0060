// One rotation of each LLM-key provider against its stand-in, in process: wall time of the whole
// loop. Target: under 1 s each.   node bench/llm-rotation-time.bench.mjs [--runs 20]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const i = process.argv.indexOf('--runs');
const { runOneRotationBench } = require('../out/bench/rotation/llm-one-rotation.js');
let bad = 0;
for (const t of await runOneRotationBench(i > 0 ? Number(process.argv[i + 1]) : 20)) {
  const s = [...t.ms].sort((a, b) => a - b);
  const max = s[s.length - 1];
  console.log(`${t.provider}: ${t.ms.length} rotations, median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${max.toFixed(0)} ms (target < 1000: ${max < 1000 ? 'met' : 'MISSED'}), ${t.failed} failed`);
  if (max >= 1000 || t.failed) bad++;
}
process.exit(bad ? 1 : 0);
