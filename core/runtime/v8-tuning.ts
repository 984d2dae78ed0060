import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * V8 gives a function its type-feedback store only after it has run a few times; a function the
 * optimiser meets before that is not inlined into its caller and stays a call for the rest of the
 * run. Scanning calls small helpers from a few hot loops and a scan is short, so it gains from
 * feedback right away. Measured on the 50 MiB benchmark corpus: `rotation-guard scan` 0.70 -> 0.62 s;
 * a warm pass over it 370 -> 270 ms; 1 MiB of corpus text 18 -> 9 ms.
 *
 *
 * The optimiser also waits longer before compiling (interrupt budget 4x V8's 67,584): the
 * detector's large functions (the generic detector, the value judgement) were compiled up to six
 * times each on a cold scan, each time deoptimised by a branch the short wait had not seen yet.
 * Measured on the corpus, CPU (user + sys) of `rotation-guard scan`, median of 5 alternating: 1.70
 * -> 1.59 s.
 *
 * Call it at process start, before the scanning code runs (the flag applies to code compiled
 * afterwards). It changes one V8 heuristic for the whole process; the CLI and the language server
 * are our own processes, so nothing else is affected.
 */
export function tuneV8ForScanning(): void {
  setFlagsFromString('--no-lazy-feedback-allocation');
  setFlagsFromString('--interrupt-budget=270336');
}

/**
 * V8 sizes a heap for speed: the young generation doubles up to 16 MB per semi-space (32 MB
 * committed) and the old one grows to several times what is live, and glibc keeps most of what
 * was freed. Issue #21's target is 150 MB peak RSS on every repository of the pool; the young
 * generation's size is the lever that costs least CPU. Its maximum is fixed when the heap is set
 * up (`--max-semi-space-size` set at run time does nothing), but the growth factor is read at each
 * growth: `scan` starts with growth off (the walk of 27,000 files at V8's default left crewAI's
 * scan at 155 MB instead of 113), and `allowYoungGenerationGrowth` turns it on for the scan and
 * off again at YOUNG_SEMI_SPACE_MB.
 *
 * Measured on the 50 MiB corpus (CPU profile, main-thread GC time, 3 runs each, same run; the
 * host was loaded): V8's default 210-315 ms, semi-space fixed at 1 MB (last session's setting,
 * with `--optimize-for-size`) 690-920 ms, 4 MB 300-390 ms. `--optimize-for-size`, tried with
 * and without, shrank the young generation again after each collection and ran mark-compacts
 * in its memory-reducing mode. Peak RSS of one-thread `scan` of crewAI (244 MiB, 27,000 files),
 * the pool's largest: default 147-149 MB, semi-space 4 MB 127 MB, 8 MB 141 MB.
 * For `scan` alone: a long-lived process (the language server) keeps V8's choice.
 */
export const YOUNG_SEMI_SPACE_MB = 4;

/**
 * Set on the process, not in this module: the CLI's dispatcher and its scan bundle each carry
 * their own copy of this file (scripts/build.mjs bundles them apart).
 */
const LOW_MEMORY = Symbol.for('rotation-guard.v8-low-memory');
const marks = globalThis as { [LOW_MEMORY]?: true };

export function tuneV8ForLowMemory(): void {
  marks[LOW_MEMORY] = true;
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=30');
}

/**
 * Lets the young generation grow (V8's doubling) until a semi-space holds YOUNG_SEMI_SPACE_MB;
 * returns the check to call between files, which stops the growth there. A no-op unless
 * tuneV8ForLowMemory ran in this process. A single large file can take the young generation
 * one doubling past the mark before the next check sees it; that bounds it still.
 */
export function allowYoungGenerationGrowth(): () => void {
  if (!marks[LOW_MEMORY]) return () => {};
  setFlagsFromString('--semi-space-growth-factor=2');
  let open = true;
  let calls = 0;
  return () => {
    // getHeapSpaceStatistics costs a few microseconds; a scan checks once in 16 files.
    if (!open || ++calls % 16) return;
    // new_space's size is both semi-spaces.
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    if (young < 2 * YOUNG_SEMI_SPACE_MB * 1024 * 1024) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    open = false;
  };
}
