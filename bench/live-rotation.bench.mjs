// Live rotation benchmark (npm run bench): an app under `rotation-guard run --watch` opens a new
// connection per request at a fixed rate against real PostgreSQL, MariaDB and Redis servers while
// secrets rotate: N rotations per strategy, then M rotations SIGKILLed inside their steps. Reports
// failed requests (target 0), p99 latency during rotations against the same load before any
// rotation (target <= 2x), and values found in argv, outputs or the ledger (target 0).
//   node bench/live-rotation.bench.mjs [--rotations 10] [--kills 20] [--rate 100] [--only pg-alt,...]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const { runLiveBench } = require('../out/bench/rotation/live-run.js');
const figures = await runLiveBench({ rotations: Number(arg('rotations', 10)), kills: Number(arg('kills', 20)), rate: Number(arg('rate', 100)), only: arg('only', ''), log: (s) => console.log(`  ${s}`) });
let bad = 0;
console.log('baseline = the same load in the quiet gaps between rotations; a rotation window = one `rotate` process from its start to 700 ms after it ended');
for (const f of figures) {
  const ratio = f.rotationP99Ms / f.baselineP99Ms;
  const killedRatio = f.killedP99Ms / f.baselineP99Ms;
  console.log(`${f.name}: ${f.requests} requests at ${f.rateAchieved.toFixed(0)}/s, ${f.failed} failed (target 0), ${f.retried} succeeded on the one retry; ${f.rotations} rotations + ${f.kills} killed inside their steps (${f.busyRetries} times a rotate found run --watch already finishing the previous one); rotate runs that failed: ${f.rotateFailures} (target 0); ${f.seconds.toFixed(0)} s`);
  console.log(`  p99 latency: baseline ${f.baselineP99Ms.toFixed(1)} ms, during rotations ${f.rotationP99Ms.toFixed(1)} ms = ${ratio.toFixed(2)}x (target <= 2x: ${ratio <= 2 ? 'met' : 'MISSED'}), during killed rotations ${f.killedP99Ms.toFixed(1)} ms = ${killedRatio.toFixed(2)}x (target <= 2x: ${killedRatio <= 2 ? 'met' : 'MISSED'})`);
  console.log(`  values in argv (${f.argvSamples} samples of every process): ${f.leakedInArgv}; in outputs or the ledger: ${f.leakedInOutput} (target 0)${Object.keys(f.errors).length ? `; errors ${JSON.stringify(f.errors)}` : ''}`);
  if (f.failed || f.leakedInArgv || f.leakedInOutput || f.rotateFailures) bad++;
}
process.exit(bad ? 1 : 0);
