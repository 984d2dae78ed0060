import { signalGroup } from '../../../scripts/code-server/process-group.cjs';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { tempProject } from '../temp-project';
import { rmSync } from 'node:fs';

/**
 * Every process a system test starts gets its own process group (detached), so teardown can kill
 * the whole group — daemons included — and nothing outlives the suite.
 */
export function spawnGroup(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts, detached: true });
}

/** Signals the group a child leads; not a group number another process holds by now (scripts/code-server/process-group.cjs says why). */
export function killGroup(cp: ChildProcess | number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  signalGroup(cp, signal);
}

/** Resolves with the exit code (or signal name) of a child, rejecting after timeoutMs. */
export function waitExit(cp: ChildProcess, timeoutMs = 30000): Promise<number | string> {
  if (cp.exitCode !== null) return Promise.resolve(cp.exitCode);
  if (cp.signalCode !== null) return Promise.resolve(cp.signalCode);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`process ${cp.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    cp.once('exit', (code, sig) => {
      clearTimeout(t);
      resolve(code ?? sig ?? -1);
    });
  });
}

/** Resolves once `pattern` appears in the stream (an event, not a sleep), with a timeout. */
export function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString('utf8');
      const m = pattern.exec(seen);
      if (m) {
        done();
        resolve(m[1] ?? m[0]);
      }
    };
    const onEnd = () => {
      done();
      reject(new Error(`${what}: stream ended before ${pattern} appeared; output: ${seen.slice(-500)}`));
    };
    const t = setTimeout(() => {
      done();
      reject(new Error(`${what}: ${pattern} did not appear within ${timeoutMs} ms; output: ${seen.slice(-500)}`));
    }, timeoutMs);
    function done() {
      clearTimeout(t);
      stream.off('data', onData);
      stream.off('end', onEnd);
    }
    stream.on('data', onData);
    stream.on('end', onEnd);
  });
}

/** Runs a command to completion, collecting output; stdin is closed (or fed `input`). */
export function runToEnd(cmd: string, args: string[], opts: SpawnOptions & { input?: string; timeoutMs?: number } = {}): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const cp = spawnGroup(cmd, args, opts);
    let stdout = '';
    let stderr = '';
    cp.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    cp.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    cp.on('error', reject);
    cp.stdin?.on('error', () => undefined);
    cp.stdin?.end(opts.input ?? '');
    const t = setTimeout(() => killGroup(cp), opts.timeoutMs ?? 60000);
    cp.on('close', (code, sig) => {
      clearTimeout(t);
      resolve({ code: code ?? sig ?? -1, stdout, stderr });
    });
  });
}

export function makeTempDir(prefix: string): string {
  return tempProject(`rg-${prefix}-`).dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * When a component cannot start, the suite fails naming what is missing — unless
 * ROTATION_GUARD_SKIP_SYSTEM=1, and then it says loudly what it skipped.
 */
export async function requireSystem<T>(ctx: Mocha.Context, component: string, start: () => Promise<T>): Promise<T | undefined> {
  try {
    return await start();
  } catch (err) {
    const msg = `SYSTEM COMPONENT MISSING: ${component} could not start: ${(err as Error).message}`;
    if (process.env.ROTATION_GUARD_SKIP_SYSTEM === '1') {
      console.warn(`\n!!! SKIPPING (ROTATION_GUARD_SKIP_SYSTEM=1): ${msg}\n`);
      ctx.skip();
    }
    throw new Error(`${msg}\n(set ROTATION_GUARD_SKIP_SYSTEM=1 to skip these tests on a machine without it)`);
  }
}
