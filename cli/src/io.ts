
/** What a CLI command may touch; injected so commands are testable in-process. */
export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Reads all of standard input (only called by commands that take --stdin), at most `maxBytes`
   * (default STDIN_MAX_BYTES): more throws StdinTooLargeError, so `redact < /dev/zero` ends.
   */
  readStdin: (maxBytes?: number) => Promise<string>;
  /** Asks a person one question on the terminal; absent when stdin or stderr is not a TTY (nobody to ask). */
  ask?: (question: string) => Promise<string>;
}

/** What a command reads from standard input unless it says otherwise. */
export const STDIN_MAX_BYTES = 64 * 1024 * 1024;

export class StdinTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`standard input is larger than ${formatBytes(limit)}; refusing to read more (nothing was written)`);
  }
}

function formatBytes(n: number): string {
  return n % 1048576 === 0 ? `${n / 1048576} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/** Thrown for bad flags or arguments; main prints the message and exits 2. */
export class UsageError extends Error {}

export type Command = (args: string[], io: CliIO) => Promise<number>;

/** All of this process's standard input, at most `maxBytes` (CliIO.readStdin). */
export async function readProcessStdin(maxBytes = STDIN_MAX_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of process.stdin) {
    total += (c as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new StdinTooLargeError(maxBytes);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function processIO(): CliIO {
  // `rotation-guard scan . | head`: when the reader goes away, stop quietly (as grep does)
  // instead of dying on an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: readProcessStdin,
    // stderr first: reading process.stdin creates its stream (~5 ms of loading for a file or a pipe).
    ...(process.stderr.isTTY && process.stdin.isTTY
      ? {
          ask: async (question: string) => {
            // Loaded here: only a person at a terminal is asked (never the hook, whose snapshot cannot hold readline).
            const { createInterface } = require('node:readline/promises') as typeof import('node:readline/promises');
            const rl = createInterface({ input: process.stdin, output: process.stderr });
            try {
              return await rl.question(question);
            } finally {
              rl.close();
            }
          },
        }
      : {}),
  };
}
