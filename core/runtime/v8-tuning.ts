import { setFlagsFromString } from 'node:v8';

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
 * V8 sizes a heap for speed: the young generation doubles up to 32 MB and the old one grows to
 * several times what is live, and glibc keeps most of what was freed. `--optimize-for-size` grows
 * the old generation by smaller factors; a semi-space growth factor of 1 keeps the young
 * generation at its start-up size. Both are read at each collection, so setting them at run time
 * works, but only for what has not grown yet: call it at process start (walking 27,000 files
 * before it left `scan` of crewAI at 155 MB instead of 113). Issue #21's target is 150 MB peak
 * RSS; one-thread `rotation-guard scan` of the pool's larger repositories, same run
 * (bench/realworld/pool.mjs): anthropic-cookbook 161 -> 110 MB, crewAI 162 -> 113, pydantic-ai
 * 167 -> 122, ragflow 147 -> 105, haystack 129 -> 101, CPU time the same within the noise of a
 * shared machine. For `scan` alone: a long-lived process (the language server) keeps V8's choice.
 */
export function tuneV8ForLowMemory(): void {
  setFlagsFromString('--optimize-for-size');
  setFlagsFromString('--semi-space-growth-factor=1');
}
