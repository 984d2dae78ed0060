// Dual-key live bench: an app under `rotation-guard run --watch` calls the Azure OpenAI stand-in
// at --rate requests/s while its key rotates --rotations times (dual Key1/Key2, a grace period
// for the app to move before the key it left is regenerated). Target: 0 failed requests.
//   node bench/llm-dual-key.bench.mjs [--rotations 10] [--rate 100] [--grace 2s]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const { runDualKeyBench } = require('../out/bench/rotation/dual-key-live.js');
const f = await runDualKeyBench({ rotations: Number(arg('rotations', 10)), rate: Number(arg('rate', 100)), grace: arg('grace', '2s'), log: (s) => console.log(`  ${s}`) });
const ms = [...f.rotateMs].sort((a, b) => a - b);
console.log(`azure-openai dual key: ${f.requests} requests at ${f.rateAchieved.toFixed(0)}/s over ${f.seconds.toFixed(0)} s, ${f.failed} failed (target 0), ${f.retried} needed the one retry; ${f.rotations} rotations, ${f.rotateFailures} failed (target 0); rotate --wait (grace included) median ${ms[Math.floor(ms.length / 2)]} ms; values in outputs or the ledger: ${f.leakedInOutput} (target 0)${Object.keys(f.errors).length ? `; errors ${JSON.stringify(f.errors)}` : ''}`);
process.exit(f.failed || f.rotateFailures || f.leakedInOutput ? 1 : 0);
