import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readLedger } from '../../../core/ledger/read';
import { openRotations } from '../../../core/rotation/recovery';
import { killGroup, runToEnd, waitExit } from '../../helpers/system/processes';
import { CLI, type TestProject } from '../rotation/project';
import { waitForFile } from '../rotation/wait-file';

/** The CLI under test: this branch's bundle, or another build (FAULTS_CLI, e.g. main's, for a baseline). */
export const FAULTS_CLI = process.env.FAULTS_CLI ?? CLI;

/** Seeded PRNG (mulberry32): a failing kill schedule replays with the same FAULTS_SEED. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every point where a crash can hit (the engine's test pause hook): after `started`, or after the action. */
export const PAUSE_POINTS = [
  'begin:after',
  ...['create', 'store-pending', 'apply', 'test-new', 'promote', 'revoke-old', 'test-old-fails', 'finish'].flatMap((s) => [`${s}:before`, `${s}:after`]),
];

export interface Run {
  code: number | string;
  stdout: string;
  stderr: string;
}

export function runCli(p: TestProject, args: string[], input?: string): Promise<Run> {
  return runToEnd(process.execPath, [FAULTS_CLI, ...args], { cwd: p.dir, env: p.env, input, timeoutMs: 90000 });
}

export type KillPlan = { kind: 'pause'; point: string } | { kind: 'timer'; ms: number };

/** Starts the command, kills its process group (SIGKILL) at the planned point; false if it ended first. */
export async function killDuring(p: TestProject, args: string[], plan: KillPlan, input?: string): Promise<{ killed: boolean; output: string }> {
  const marker = join(p.dir, `paused-${Date.now()}.marker`);
  const env = plan.kind === 'pause' ? { ...p.env, ROTATION_GUARD_TEST_PAUSE_AT: plan.point, ROTATION_GUARD_TEST_PAUSE_MARKER: marker } : p.env;
  const child = spawn(process.execPath, [FAULTS_CLI, ...args], { cwd: p.dir, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.end(input ?? '');
  let killed = false;
  try {
    if (plan.kind === 'pause') {
      await waitForFile(marker, 60000, child, () => output).then(
        () => (killed = true),
        () => undefined, // the run took another path and never reached this point
      );
    } else {
      const exited = new Promise<boolean>((res) => child.once('exit', () => res(false)));
      const timer = new Promise<boolean>((res) => setTimeout(() => res(true), plan.ms));
      killed = await Promise.race([exited, timer]);
    }
  } finally {
    killGroup(child, 'SIGKILL');
    await waitExit(child, 20000).catch(() => undefined);
  }
  return { killed: killed && child.signalCode === 'SIGKILL', output };
}

/** Runs the command until the engine pauses at `point`, then SIGKILLs it; throws when it never got there. */
export async function killAt(p: TestProject, args: string[], point: string, input?: string): Promise<void> {
  const k = await killDuring(p, args, { kind: 'pause', point }, input);
  if (!k.killed) throw new Error(`${args.join(' ')} did not reach ${point} before it ended: ${k.output.slice(-500)}`);
}

/** The pause points of providers without a separate apply step (the key switches where apps read it). */
export const POINTS_WITHOUT_APPLY = PAUSE_POINTS.filter((point) => !point.startsWith('apply:'));

export function openRotationCount(p: TestProject): number {
  return openRotations(readLedger(join(p.dir, '.rotation/ledger.jsonl')).entries).length;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

/** Files a crash left: temp files by name, and any file outside the stores that holds one of `values`. */
export function findDebris(roots: string[], values: Iterable<string>, legit: (file: string) => boolean, since: number): string[] {
  const needles = [...new Set([...values].filter((v) => v && v.length >= 8))].map((v) => Buffer.from(v));
  const found: string[] = [];
  const check = (f: string) => {
    if (legit(f)) return;
    const name = f.split('/').pop()!;
    if (/\.tmp$|\.rg-tmp-|\.rg-\d+-[0-9a-f]+/.test(name)) {
      found.push(`${f} (temp file left behind)`);
      return;
    }
    let data: Buffer;
    try {
      if (statSync(f).size > 1 << 20) return;
      data = readFileSync(f);
    } catch {
      return;
    }
    if (needles.some((n) => data.includes(n))) found.push(`${f} (holds a value)`);
  };
  for (const r of roots) for (const f of filesUnder(r)) check(f);
  // The system temp folder, top level: anything written there since the suite began.
  for (const name of readdirSync(tmpdir())) {
    const f = join(tmpdir(), name);
    try {
      const st = statSync(f);
      if (st.isFile() && st.mtimeMs >= since) check(f);
    } catch {
      /* gone */
    }
  }
  return found;
}

export const rel = (p: TestProject, f: string): string => relative(p.dir, f);

/** Counts for the report: printed at the end of the suite (also when it runs against main for a baseline). */
export interface Tally {
  provider: string;
  kills: number;
  ranToEnd: number;
  outcomes: Record<string, number>;
  debris: string[];
  silentOrphans: string[];
  namedOrphans: number;
  lostWorking: number;
  problems: string[];
}

export function newTally(provider: string): Tally {
  return { provider, kills: 0, ranToEnd: 0, outcomes: {}, debris: [], silentOrphans: [], namedOrphans: 0, lostWorking: 0, problems: [] };
}

export function printTallies(tallies: Tally[], wallMs: number): void {
  const lines = tallies.map((t) => `  ${t.provider.padEnd(9)} kills ${String(t.kills).padStart(3)} (+${t.ranToEnd} ran to the end)  outcomes ${JSON.stringify(t.outcomes)}  debris ${t.debris.length}  orphans silent ${t.silentOrphans.length} / named ${t.namedOrphans}  working value lost ${t.lostWorking}  problems ${t.problems.length}`);
  const sum = (f: (t: Tally) => number) => tallies.reduce((a, t) => a + f(t), 0);
  console.log(`\nfault injection (${FAULTS_CLI === CLI ? 'this branch' : FAULTS_CLI}): ${sum((t) => t.kills)} kills in ${(wallMs / 1000).toFixed(1)} s\n${lines.join('\n')}\n  total: debris ${sum((t) => t.debris.length)}, silent orphans ${sum((t) => t.silentOrphans.length)}, working value lost ${sum((t) => t.lostWorking)}, problems ${sum((t) => t.problems.length)}`);
  for (const t of tallies) for (const x of [...t.debris.slice(0, 3), ...t.silentOrphans.slice(0, 3), ...t.problems.slice(0, 3)]) console.log(`    ${t.provider}: ${x}`);
}
