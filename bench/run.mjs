// `npm run bench`: builds, then runs every bench/*.bench.mjs in name order, each printing its own
// figures as ratios against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
const only = process.argv.slice(2);
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.mjs') && (!only.length || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== bench/${f}`);
  const p = spawnSync(process.execPath, ['--expose-gc', `bench/${f}`], { stdio: 'inherit' });
  if (p.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
