// Language-server benchmark (npm run bench): the real server process over JSON-RPC — edit →
// diagnostics p50/p95 (the old fixed 120 ms debounce as the same-run baseline), hover and
// completion in a 100-secret policy, RSS after a workspace scan of 10,000 files.
//   node bench/lsp.bench.mjs   (after `node scripts/build.mjs`)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runLspBench } = require('../out/bench/lsp/harness.js');
const { ok } = await runLspBench((s) => console.log(`  ${s}`));
process.exit(ok ? 0 : 1);
