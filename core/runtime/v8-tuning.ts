import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The V8 flags this process has set through this file, by name, each at its last value: shared
 * on the process (the CLI's dispatcher and its scan bundle each carry a copy of this file).
 */
const FLAGS = Symbol.for('rotation-guard.v8-flags');
const holder = globalThis as { [FLAGS]?: Map<string, string> };

function setFlag(flag: string): void {
  setFlagsFromString(flag);
  (holder[FLAGS] ??= new Map()).set(flag.replace(/^--(?:no-)?|=.*$/g, ''), flag);
}

/**
 * The V8 flags this process has set (their current values, sorted), for a key of what V8 compiles
 * under them. V8 accepts a code cache only under the flags it was written with, and the flags differ
 * by command: `scan` and `redact` load the same bundle (dist/cli-scan.js) but only `scan` adds
 * tuneV8ForLowMemory and tuneV8ForOneShotScan. A cache keyed by the bundle alone was rejected and
 * written again by every run that followed a run of the other command (cli/src/code-cache.ts).
 */
export function v8FlagsSet(): string {
  return [...(holder[FLAGS]?.values() ?? [])].sort().join(' ');
}

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
  setFlag('--no-lazy-feedback-allocation');
  setFlag('--interrupt-budget=270336');
}

/**
 * V8 sizes a heap for speed: the young generation doubles up to 16 MB per semi-space (32 MB
 * committed) and the old one grows to several times what is live, and glibc keeps most of what
 * was freed. Issue #21's target is 150 MB peak RSS on every repository of the pool.
 *
 * Young generation: its maximum is fixed when the heap is set up (`--max-semi-space-size` set at
 * run time does nothing), but the growth factor is read at each growth. `scan` starts with growth
 * off (the walk of 27,000 files at V8's default left crewAI's scan at 155 MB instead of 113), and
 * `allowYoungGenerationGrowth` turns it on for the scan and off again at YOUNG_SEMI_SPACE_MB.
 * Last session kept it at its 1 MB start-up size, with `--optimize-for-size`; on the corpus that
 * was 252 scavenges where 13be998 ran 37, main-thread GC 690-920 ms against 210-315 (CPU
 * profiles, loaded host). At 4 MB: 72 scavenges, 300-390 ms. `--optimize-for-size` is gone: it
 * shrinks the young generation back to 1 MB after its memory-reducing collections (250
 * scavenges with it on top of the 4 MB growth).
 *
 * Old generation: grows by 30 % per step (`--heap-growing-percent`, read at each collection)
 * instead of V8's factor of up to 4: one or two more mark-compacts of a small heap; pydantic-ai
 * 137 -> 121 MB, crewAI 130 -> 124.
 *
 * Whole pool, one run each, same run (bench/realworld/pool.mjs, 23 repositories, 85,216 files;
 * loaded host): last session's flags 51 s CPU, peak 109 MB; these 41 s CPU, peak 119 MB
 * (pydantic-ai; crewAI 114 MB, 12.5 -> 9.4 s CPU). V8's defaults: crewAI 147-149 MB.
 * For `scan` alone: a long-lived process (the language server) keeps V8's choice.
 *
 * The mark was 4 MB until 2026-12-06 (cpupar2): at 8 MB the corpus scan runs 48 scavenges instead
 * of 65 and two mark-compacts instead of three (main-thread GC pauses ~60-100 against ~95-115 ms),
 * for 2-4 MB more RSS on the corpus. CPU, same-minute pairs on the corpus: 1.027 against 1.085 of
 * `13be998`'s (9 rounds, load 3.5), and 0.988 of the 4 MB build's (11 rounds, load 1.5): a gain of
 * a few per cent at most, at the edge of the noise. Pool in one run: 39 -> 34 s CPU, peak RSS
 * 120 -> 125 MB (pydantic-ai), under the 150 MB target.
 */
export const YOUNG_SEMI_SPACE_MB = 8;

/**
 * A one-shot scan (`rotation-guard scan`) runs most of its code a few thousand times and stops:
 * code that runs once per file or per finding never gets hot enough to be optimised and spends the
 * scan in V8's interpreter. `--always-sparkplug` compiles each function with Sparkplug, V8's
 * baseline compiler (fast to compile, no speculation, nothing to throw away), at its first call.
 * Measured on the 50 MiB corpus, CPU (user + sys), old and new alternating in each round (2026-12-06,
 * cpupar3): 0.950 against 1.041 of `13be998`'s (9 rounds) and 1.011 against 1.055 (15 rounds);
 * 20 files and graphiti (7.7 MB) 0.97 and 0.98 of the build without it, RSS +1-2 MB. It was
 * tried before (cpupar) without effect, while six deoptimisations a scan dominated. Not for the
 * language server: a long-lived process has time to optimise what it runs often.
 *
 * Regular expressions likewise: V8 compiles each to bytecode at its first execution, interprets it
 * once and then compiles it again to machine code (`--regexp-tier-up`). A scan runs several
 * hundred expressions (the rules' patterns, the judgement's tests), most a few hundred or thousand
 * times, so each is compiled twice and interpreted for nothing; `--no-regexp-tier-up` compiles
 * machine code at once. Same matches (the same expression, another tier). Measured on the corpus,
 * `--jobs 1`, CPU (user + sys), the flag on the command line against the same build without it,
 * alternating (2026-12-06, cpupar4, load 7-9): 0.920 (13 rounds), 0.958 (9).
 */
export function tuneV8ForOneShotScan(): void {
  setFlag('--always-sparkplug');
  setFlag('--no-regexp-tier-up');
}

/**
 * Set on the process, not in this module: the CLI's dispatcher and its scan bundle each carry
 * their own copy of this file (scripts/build.mjs bundles them apart).
 */
const LOW_MEMORY = Symbol.for('rotation-guard.v8-low-memory');
const marks = globalThis as { [LOW_MEMORY]?: true };

export function tuneV8ForLowMemory(): void {
  marks[LOW_MEMORY] = true;
  setFlag('--semi-space-growth-factor=1');
  setFlag('--heap-growing-percent=30');
}

/**
 * Lets the young generation grow (V8's doubling) until a semi-space holds YOUNG_SEMI_SPACE_MB;
 * returns the check to call between files, which stops the growth there, and to call with `true`
 * when the scan is over, which stops it in any case. A no-op unless tuneV8ForLowMemory ran in this
 * process. A single large file can take the young generation one doubling past the mark before
 * the next check sees it; that bounds it still.
 *
 * Stopping at the end matters beyond memory: V8 accepts a code cache only under the flags it was
 * written with, and the CLI writes the scan bundle's cache when the process ends
 * (cli/src/code-cache.ts). A scan too small to reach the mark ended with the growth factor at 2,
 * so its cache was rejected by the next run, which starts at 1, and written again every time.
 */
export function allowYoungGenerationGrowth(): (finished?: boolean) => void {
  if (!marks[LOW_MEMORY]) return () => {};
  setFlag('--semi-space-growth-factor=2');
  let open = true;
  let calls = 0;
  return (finished = false) => {
    if (finished && open) {
      setFlag('--semi-space-growth-factor=1');
      open = false;
    }
    // getHeapSpaceStatistics costs a few microseconds; a scan checks once in 16 files.
    if (!open || ++calls % 16) return;
    // new_space's size is both semi-spaces.
    const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
    if (young < 2 * YOUNG_SEMI_SPACE_MB * 1024 * 1024) return;
    setFlag('--semi-space-growth-factor=1');
    open = false;
  };
}
