// Rotation benchmark (npm run bench): a `generate` rotation into keychain + env file with
// verification and ledger, and a PostgreSQL rotation with both checks, each as a ratio to a
// baseline measured in the same run (bare keychain set+get; bare PostgreSQL login); then N
// fault-injected rotations (SIGKILL at a random step, then resume), counting those that end
// without a working credential. Starts its own gnome-keyring and PostgreSQL.
//   node bench/rotation.bench.mjs [--iterations 20] [--fault-runs 100]
//   RG_BENCH_PROFILE=1 prints each rotation's steps with elapsed times.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const { runRotationBench } = require('../out/bench/rotation/harness.js');
const f = await runRotationBench({ iterations: arg('iterations', 20), faultRuns: arg('fault-runs', 100), log: (s) => console.log(`  ${s}`) });
const r = (x, base) => (x / base).toFixed(1);
console.log(`baseline  keychain set+get            ${f.keychainSetGetMs.toFixed(1)} ms (median)`);
console.log(`parts     ledger append (fsync) ${f.ledgerAppendMs.toFixed(1)} ms = ${r(f.ledgerAppendMs, f.keychainSetGetMs)}x; env-file write (git check, fsync, rename) ${f.envFileSetMs.toFixed(1)} ms = ${r(f.envFileSetMs, f.keychainSetGetMs)}x keychain set+get. A generate rotation is 5 keychain operations (read current, write + read back PENDING, write CURRENT, drop PENDING), 1 env-file write, 10 ledger appends, 1 check.`);
console.log(`generate  rotation (keychain+env, http check, ledger)  ${f.generateRotationMs.toFixed(1)} ms = ${r(f.generateRotationMs, f.keychainSetGetMs)}x keychain set+get   target < 300 ms: ${f.generateRotationMs < 300 ? 'met' : 'MISSED'}`);
console.log(`baseline  PostgreSQL login            ${f.pgConnectMs.toFixed(1)} ms (median)`);
console.log(`postgres  rotation (ALTER ROLE, new works, old 28P01, ledger)  ${f.pgRotationMs.toFixed(1)} ms = ${r(f.pgRotationMs, f.pgConnectMs)}x PostgreSQL login   target < 1000 ms: ${f.pgRotationMs < 1000 ? 'met' : 'MISSED'}`);
console.log(`faults    ${f.faultRuns} rotations killed at a random step, then resumed: ${f.faultNoWorkingCredential} without a working credential (target 0), ${f.faultLeftOpen} left open, ledger ${f.faultLedgerInvalid ? 'INVALID' : 'valid'}; outcomes ${JSON.stringify(f.faultResumedOutcomes)}`);
process.exit(f.faultNoWorkingCredential || f.faultLeftOpen || f.faultLedgerInvalid ? 1 : 0);
