// One rotation of each LLM-key provider against its stand-in (openai, openrouter, anthropic,
// azure-openai, aws-iam, aws-bedrock, gemini), in process: wall time of the whole loop, the first
// (cold) one also apart. Target: under 1 s each.   node bench/llm-rotation-time.bench.mjs [--runs 20]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const i = process.argv.indexOf('--runs');
const { runOneRotationBench } = require('../out/bench/rotation/llm-one-rotation.js');
let bad = 0;
for (const t of await runOneRotationBench(i > 0 ? Number(process.argv[i + 1]) : 20)) {
  const s = [...t.ms].sort((a, b) => a - b);
  const max = s[s.length - 1];
  const warm = t.ms.slice(1).sort((a, b) => a - b);
  const warmText = warm.length ? `; warm median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms, max ${warm[warm.length - 1].toFixed(0)} ms` : '';
  console.log(`${t.provider}: ${t.ms.length} rotations, median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${max.toFixed(0)} ms (target < 1000: ${max < 1000 ? 'met' : 'MISSED'}), ${t.failed} failed; cold (first) ${t.ms[0].toFixed(0)} ms${warmText}`);
  if (max >= 1000 || t.failed) bad++;
}
process.exit(bad ? 1 : 0);
