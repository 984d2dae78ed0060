import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempProject } from '../temp-project';

/**
 * Samples every process's command line (/proc/PID/cmdline, readable by all users) on a timer
 * while a test runs, so a value that ever reaches argv — even for a few milliseconds — can be
 * found afterwards. `samples` counts the reads, so a test can show the sampler really ran.
 */
export class ArgvSampler {
  private readonly seen = new Set<string>();
  private timer?: NodeJS.Timeout;
  samples = 0;

  start(everyMs = 10): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    return this;
  }

  sample(): void {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
        if (cmd) this.seen.add(cmd);
      } catch {
        /* exited meanwhile */
      }
    }
    this.samples++;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Distinct command lines seen (each argv joined with NUL). */
  get commandLines(): string[] {
    return [...this.seen];
  }

  /** The values (of at least 6 characters) found in any sampled argv. */
  leaked(values: Array<string | null | undefined>): string[] {
    const wanted = values.filter((v): v is string => !!v && v.length >= 6);
    return wanted.filter((v) => this.commandLines.some((c) => c.includes(v)));
  }
}

/** The sampling loop as a program (run by startArgvSamplerProcess with `node -e`); no values in it. */
const SAMPLER_PROGRAM = `
const fs = require('fs');
const seen = new Set(); let samples = 0;
function sample() {
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\\d+$/.test(pid)) continue;
    try { const c = fs.readFileSync('/proc/' + pid + '/cmdline', 'latin1'); if (c) seen.add(c); } catch {}
  }
  samples++;
}
const t = setInterval(sample, Number(process.env.SAMPLE_EVERY_MS));
process.on('SIGTERM', () => {
  clearInterval(t); sample();
  fs.writeFileSync(process.env.SAMPLE_OUT, JSON.stringify({ samples, commandLines: [...seen] }), { mode: 0o600 });
  process.exit(0);
});
console.log('sampling');
`;

/**
 * The same sampling in a process of its own, for benchmarks: reading all of /proc every few
 * milliseconds would otherwise stall the event loop of the process that measures latency.
 */
export function startArgvSamplerProcess(everyMs = 10): { stop(): Promise<{ samples: number; commandLines: string[] }> } {
  const dir = tempProject('rg-argv-').dir;
  const out = join(dir, 'argv-samples.json');
  const cp = spawn(process.execPath, ['-e', SAMPLER_PROGRAM], { env: { ...process.env, SAMPLE_EVERY_MS: String(everyMs), SAMPLE_OUT: out }, stdio: ['ignore', 'pipe', 'inherit'] });
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        cp.once('exit', () => {
          try {
            resolve(JSON.parse(readFileSync(out, 'utf8')) as { samples: number; commandLines: string[] });
          } catch (err) {
            reject(err as Error);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        });
        if (cp.exitCode !== null || cp.signalCode !== null) cp.emit('exit');
        else cp.kill('SIGTERM');
      }),
  };
}
