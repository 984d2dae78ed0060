// `npm test`: build, type-check, then every test level in order. Each level prints its own
// "LEVEL: N passed, N failed" line; the last line is the total. Exit 1 if anything failed.
//   node test/run-all.mjs [unit|lsp|integration|e2e ...]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMochaLevel } from './run-mocha.mjs';
import { ensureSystemPackages } from '../scripts/system-packages.mjs';

// Tests never write the runner's own config folder (the per-user fingerprint key, ledger anchors):
// every run gets a throwaway one unless a test sets its own.
const configHome = mkdtempSync(join(tmpdir(), 'rg-test-config-'));
process.env.XDG_CONFIG_HOME = configHome;
// (Removed when the run ends, however it ends: each run used to leave one behind.)
process.on('exit', () => rmSync(configHome, { recursive: true, force: true }));

const all = ['unit', 'lsp', 'integration', 'e2e'];
const levels = process.argv.slice(2).filter((a) => all.includes(a));
const selected = levels.length ? levels : all;

function step(title, cmd, args) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal}).`);
    console.log(`build: 0 passed, 1 failed`);
    process.exit(1);
  }
}

// The Debian packages these levels need (scripts/system-packages.mjs): installed here when this
// runs as root or with passwordless sudo, otherwise named in one line, and nothing runs.
if (!ensureSystemPackages(selected, { label: 'npm test' })) {
  console.log('system packages: 0 passed, 1 failed');
  process.exit(1);
}

step('build', process.execPath, ['scripts/build.mjs']);
step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);

const results = [];
for (const level of selected) {
  console.log(`\n=== ${level} tests`);
  let r;
  if (level === 'e2e') {
    if (!existsSync('test/e2e/run.mjs')) {
      console.error('e2e: test/e2e/run.mjs is missing');
      r = { passed: 0, failed: 1, pending: 0 };
    } else {
      const p = spawnSync(process.execPath, ['test/e2e/run.mjs'], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
      // The e2e runner writes its counts to a file so they survive its own noisy output.
      const { readE2eCounts } = await import('./e2e/counts.mjs');
      r = readE2eCounts(p.status);
    }
  } else {
    r = await runMochaLevel(level);
  }
  results.push([level, r]);
  console.log(`${level}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}${r.flaky ? `, ${r.flaky} flaky` : ''}`);
}

console.log('\n=== summary');
let passed = 0, failed = 0, pending = 0;
for (const [level, r] of results) {
  console.log(`  ${level.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}${r.flaky ? `, ${r.flaky} flaky` : ''}`);
  for (const t of r.failedTitles ?? []) console.log(`    ✘ ${t}`);
  passed += r.passed; failed += r.failed; pending += r.pending;
}
console.log(`total: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
