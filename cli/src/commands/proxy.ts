import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { knownSecretsNear, createRedactingProxy, type RequestTiming } from '../../../core/filter';
import { UsageError, type CliIO } from '../io';

const USAGE = 'usage: rotation-guard proxy --listen 127.0.0.1:PORT --upstream URL';

/**
 * `rotation-guard proxy --listen HOST:PORT --upstream URL`: point an app's model client at
 * http://HOST:PORT (OPENAI_BASE_URL, ANTHROPIC_BASE_URL) and every credential in its prompts,
 * tool calls, responses and streams is masked on the way. Runs until interrupted.
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  let listen: string | undefined;
  let upstream: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--listen' && args[i + 1]) listen = args[++i]!;
    else if (a === '--upstream' && args[i + 1]) upstream = args[++i]!;
    else throw new UsageError(`unknown argument '${a}'\n${USAGE}`);
  }
  if (!listen || !upstream) throw new UsageError(USAGE);
  const m = /^(.*):(\d+)$/.exec(listen);
  if (!m) throw new UsageError(`--listen takes HOST:PORT, not '${listen}'`);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  try {
    new URL(upstream);
  } catch {
    throw new UsageError(`--upstream is not a URL: '${upstream}'`);
  }
  tierUpSooner();
  const known = knownSecretsNear(io.cwd, io.env);
  const timing = io.env.ROTATION_GUARD_PROXY_TIMING ? timingRecorder(io.env.ROTATION_GUARD_PROXY_TIMING) : undefined;
  const { server, stats } = createRedactingProxy({ upstream, find: known ? { knownSecrets: known.known } : {}, ...(timing ? { onTiming: timing.record } : {}) });
  server.listen(Number(m[2]), host);
  await once(server, 'listening');
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : Number(m[2]);
  io.stderr(`rotation-guard proxy: listening on http://${host.includes(':') ? `[${host}]` : host}:${port}, forwarding to ${new URL(upstream).origin}\n`);
  const stop = () => server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await once(server, 'close');
  timing?.write();
  io.stderr(`rotation-guard proxy: ${stats.requests} request(s); ${stats.redactedInRequests} credential(s) masked in requests, ${stats.redactedInResponses} in responses (streams not counted)\n`);
  return 0;
}

/**
 * A proxy runs each of node:http's and the engine's per-request functions once or a few times per
 * request, so at V8's interrupt budget (67,584) the small ones reach the optimising compiler only
 * after thousands of requests: in the proxy bench's measured window (requests 300-2,300) its process
 * still compiled about 130 functions per 2,000 requests, on background threads that took about
 * 0.2 ms of CPU per request on the 2 shared cores, and ran the rest unoptimised meanwhile. A quarter
 * of the budget brings that forward: CPU per fresh 10 KB request over that window 0.97 / 1.15 / 1.04
 * ms against 1.17 / 1.31 / 1.25 (three alternating pairs, load 6-8). The opposite of `scan`'s tuning
 * (core/runtime: 4x, for large detector functions on a cold corpus), which the proxy does not take.
 * Set before the server starts (the budget is read when a function's next one is allotted).
 */
function tierUpSooner(): void {
  setFlagsFromString('--interrupt-budget=16896');
}

/** Timing records kept for the measured proxy (RequestTiming: sizes and times, nothing else). */
const TIMING_MAX = 200_000;

/**
 * ROTATION_GUARD_PROXY_TIMING=FILE: each request's timing, and each garbage collection (kind,
 * start, duration on the same clock), is kept in memory (at most TIMING_MAX of each) and written
 * to FILE, one JSON line each, when the proxy stops: writing while serving would add the write to
 * the time being measured.
 */
function timingRecorder(file: string): { record: (t: RequestTiming) => void; write: () => void } {
  const kept: RequestTiming[] = [];
  const gcs: Array<{ gc: string; start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (gcs.length < TIMING_MAX) gcs.push({ gc: GC_KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other', start: e.startTime, duration: e.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    record: (t) => {
      if (kept.length < TIMING_MAX) kept.push(t);
    },
    write: () => {
      observer.disconnect();
      writeFileSync(file, [...kept, ...gcs].map((x) => `${JSON.stringify(x)}\n`).join(''));
    },
  };
}

/** perf_hooks.constants.NODE_PERFORMANCE_GC_* (1 minor, 2 major, 4 incremental, 8 weak callbacks). */
const GC_KINDS: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-callbacks' };
