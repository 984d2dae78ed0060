// The live-rotation benchmark's body (bundled to out/bench/rotation/live.js; driven by
// bench/live-rotation.bench.mjs): per strategy, an app under `rotation-guard run --watch` opens a
// new connection per request at a fixed rate against a real server while `rotate` runs N times,
// then M more rotations are SIGKILLed inside their steps (finished by the next `rotate` or by
// `run --watch`). Counts failed requests, compares p99 latency during rotations with the same
// load before any rotation, and samples argv, logs and the ledger for values.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { confirmPolicyFile } from '../../core/rotation';
import { readEnvValue } from '../../core/stores';
import { startArgvSamplerProcess } from '../../test/helpers/system/argv-sampler';
import type { LiveProject } from './live-strategies';

const CLI = resolve(__dirname, '../../../dist/cli.js');
const LOAD_APP = resolve(__dirname, 'load-app.js');
const KILL_POINTS = ['begin:after', ...['create', 'store-pending', 'apply', 'test-new', 'promote', 'revoke-old', 'test-old-fails', 'finish'].flatMap((s) => [`${s}:before`, `${s}:after`])];

export interface StrategyFigures {
  name: string;
  requests: number;
  failed: number;
  /** Succeeded on the one retry after an authentication error. */
  retried: number;
  baselineP99Ms: number;
  rotationP99Ms: number;
  killedP99Ms: number;
  /** Killed-phase rotates that found another process (run --watch) finishing the previous rotation. */
  busyRetries: number;
  /** `rotate` runs that ended failed or rolled back (a killed run is not counted). Target 0. */
  rotateFailures: number;
  rotations: number;
  kills: number;
  rateAchieved: number;
  seconds: number;
  leakedInArgv: number;
  leakedInOutput: number;
  argvSamples: number;
  errors: Record<string, number>;
}

const p99 = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]!;
};
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCli(p: LiveProject, args: string[], extraEnv: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: p.dir, env: { ...p.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, done: new Promise((r) => child.on('close', (code) => r({ code, out }))) };
}

/** Resolves true when `file` appears, false when `child` exits first or the time is up. */
function markerOrExit(file: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return new Promise((res) => {
    const w = watch(join(file, '..'), () => existsSync(file) && end(true));
    const t = setTimeout(() => end(existsSync(file)), timeoutMs);
    const onExit = () => end(existsSync(file));
    child.once('exit', onExit);
    function end(v: boolean) {
      clearTimeout(t);
      w.close();
      child.off('exit', onExit);
      res(v);
    }
    if (existsSync(file)) end(true);
  });
}

export async function benchStrategy(p: LiveProject, o: { rotations: number; kills: number; rate: number; baselineMs: number; gapMs: number; log: (s: string) => void }): Promise<StrategyFigures> {
  confirmPolicyFile(join(p.dir, 'rotation-policy.yaml'), p.env);
  const sampler = startArgvSamplerProcess();
  const outFile = join(p.dir, 'load.json');
  const runner = runCli(p, ['run', '--watch', '--debounce', '300ms', '--', process.execPath, LOAD_APP], { ...p.load, LOAD_RATE: String(o.rate), LOAD_OUT: outFile });
  const outputs: string[] = [];
  const noteValues = () => {
    const t = readFileSync(join(p.dir, '.env.local'), 'utf8');
    for (const name of ['DATABASE_PASSWORD', 'REDIS_PASSWORD']) {
      const v = readEnvValue(t, name);
      if (v && !p.known.includes(v)) p.known.push(v);
    }
  };
  let early = '';
  runner.child.stderr!.on('data', (d: Buffer) => (early += d.toString()));
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${p.name}: the load app did not start within 60 s: ${early.slice(-500)}`)), 60000);
    runner.child.stdout!.on('data', (d: Buffer) => d.toString().includes('load-started') && (clearTimeout(t), res()));
    runner.child.once('exit', (code) => (clearTimeout(t), rej(new Error(`${p.name}: run --watch exited ${code} before the load app started: ${early.slice(-500)}`))));
  });
  const t0 = Date.now();
  await delay(o.baselineMs); // the baseline window: the same load, no rotation
  const baselineEnd = Date.now();
  const windows: Array<[number, number]> = [];
  // Quiet gaps between rotations are baseline too: the machine's background load changes over a
  // run, and interleaving makes both sides see the same.
  const quiet: Array<[number, number]> = [[t0, baselineEnd]];
  let rotateFailures = 0;
  for (let i = 0; i < o.rotations; i++) {
    const start = Date.now();
    const r = await runCli(p, ['rotate', p.secretId, '--wait']).done;
    outputs.push(r.out);
    if (r.code !== 0) {
      rotateFailures++;
      o.log(`rotate #${i + 1} exited ${r.code}: ${r.out.slice(-300)}`);
    }
    noteValues();
    const end = Date.now() + 700; // the app switches within the debounce (300 ms) after promote
    windows.push([start, end]);
    await delay(700 + o.gapMs);
    quiet.push([end, Date.now()]);
  }
  const killWindows: Array<[number, number]> = [];
  let killedAt = 0;
  let busy = 0;
  // Until `kills` rotations were really killed: a pause point a strategy never reaches (e.g.
  // test-old-fails with alternating users) lets that rotation finish instead, and a rotate that
  // found `run --watch` finishing the previous one (exit 2, busy) is simply tried again.
  for (let i = 0; killedAt < o.kills && i < o.kills * 3; i++) {
    const start = Date.now();
    const marker = join(p.dir, 'pause.marker');
    rmSync(marker, { force: true });
    const point = KILL_POINTS[(i * 7) % KILL_POINTS.length]!;
    const k = runCli(p, ['rotate', p.secretId, '--wait'], { ROTATION_GUARD_TEST_PAUSE_AT: point, ROTATION_GUARD_TEST_PAUSE_MARKER: marker });
    if (await markerOrExit(marker, k.child, 20000)) {
      killedAt++;
      try {
        process.kill(-k.child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    const k2 = await k.done;
    if (process.env.RG_BENCH_DEBUG) o.log(`kill attempt ${i + 1} at ${point}: ${k2.code === null ? 'killed' : `exited ${k2.code}`}`);
    outputs.push(k2.out);
    if (k2.code === 2 && /another running process/.test(k2.out)) busy++;
    else if (k2.code !== null && k2.code !== 0) {
      rotateFailures++;
      o.log(`rotate (kill attempt at ${point}) exited ${k2.code}: ${k2.out.slice(-300)}`);
    }
    noteValues();
    killWindows.push([start, Date.now() + 700]); // back to back: the whole phase is rotating
  }
  const last = await runCli(p, ['rotate', p.secretId, '--wait']).done; // finishes whatever the last kill left
  outputs.push(last.out);
  if (last.code !== 0) rotateFailures++;
  noteValues();
  const killEnd = Date.now();
  process.kill(runner.child.pid!, 'SIGTERM');
  const runEnd = await runner.done;
  outputs.push(runEnd.out);
  const sampled = await sampler.stop();
  const { results, errors } = JSON.parse(readFileSync(outFile, 'utf8')) as { results: Array<[number, number, number]>; errors: Record<string, number> };
  const inWindows = (t: number) => windows.some(([a, b]) => t >= a && t <= b);
  // RG_BENCH_DUMP=FILE keeps the raw timings (no values) for reading where the slow requests fall.
  if (process.env.RG_BENCH_DUMP) writeFileSync(`${process.env.RG_BENCH_DUMP}.${p.secretId}.json`, JSON.stringify({ results, windows, killWindows, quiet }));
  const ledger = readFileSync(join(p.dir, '.rotation/ledger.jsonl'), 'utf8');
  const texts = [...outputs, ledger];
  const figures: StrategyFigures = {
    name: p.name,
    requests: results.length,
    failed: results.filter((r) => r[2] === 2).length,
    retried: results.filter((r) => r[2] === 1).length,
    baselineP99Ms: p99(results.filter((r) => quiet.some(([a, b]) => r[0] >= a && r[0] < b)).map((r) => r[1])),
    rotationP99Ms: p99(results.filter((r) => inWindows(r[0])).map((r) => r[1])),
    killedP99Ms: p99(results.filter((r) => killWindows.some(([a, b]) => r[0] >= a && r[0] <= b)).map((r) => r[1])),
    busyRetries: busy,
    rotateFailures,
    rotations: o.rotations,
    kills: killedAt,
    rateAchieved: results.length / ((killEnd - t0) / 1000),
    seconds: (killEnd - t0) / 1000,
    leakedInArgv: p.known.filter((v) => v.length >= 6 && sampled.commandLines.some((c) => c.includes(v))).length,
    leakedInOutput: p.known.filter((v) => texts.some((t) => t.includes(v))).length,
    argvSamples: sampled.samples,
    errors,
  };
  rmSync(p.dir, { recursive: true, force: true });
  return figures;
}
