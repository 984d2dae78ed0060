import type { CliIO } from '../../../cli/src/io';

/** A CLI IO in memory; `stdin` undefined means standard input never closes (an assistant that hangs). */
export function memoryIO(cwd: string, stdin: string | undefined, env: NodeJS.ProcessEnv = {}): CliIO & { out: string; err: string } {
  const io = {
    cwd,
    env: { ...process.env, ...env },
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: () => (stdin === undefined ? new Promise<string>(() => undefined) : Promise.resolve(stdin)),
  };
  return io;
}
