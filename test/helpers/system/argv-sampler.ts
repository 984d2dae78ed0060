import { readdirSync, readFileSync } from 'node:fs';

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
