// Run by v8-tuning.test.ts in a process of its own (V8 flags are per process):
//   node young-generation.js low|default   ->   {"beforeScan":MB,"afterScan":MB,"cap":MB}
// Sizes are of one semi-space. `low` tunes the process as `rotation-guard scan` does.
import { getHeapSpaceStatistics } from 'node:v8';
import { allowYoungGenerationGrowth, tuneV8ForLowMemory, YOUNG_SEMI_SPACE_MB } from '../../../../core/runtime';

const semiSpaceMb = () => (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / 2 / 1048576;

/**
 * Allocation whose recent objects survive a scavenge (a ring of ~2 MB), as a scan's current file
 * does: V8 grows the young generation when what survives outgrows it.
 */
function churn(rounds: number, between: () => void): number {
  const ring: number[][] = new Array(4096);
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    ring[i % ring.length] = new Array<number>(64).fill(i);
    sum += ring[(i * 7) % ring.length]?.[0] ?? 0;
    between();
  }
  return sum;
}

if (process.argv[2] === 'low') tuneV8ForLowMemory();
churn(1_000_000, () => {});
const beforeScan = semiSpaceMb();
churn(1_000_000, allowYoungGenerationGrowth());
console.log(JSON.stringify({ beforeScan, afterScan: semiSpaceMb(), cap: YOUNG_SEMI_SPACE_MB }));
