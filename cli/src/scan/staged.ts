import { UsageError } from '../io';

/** Loaded at the first call, not with the bundle: most scans never start a process (a `scan` compiled it at every start, ~8 ms). */
const childProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');

/**
 * The staged content of each added/copied/modified/renamed file, read from the git index (what
 * will be committed, not what is in the working tree). Paths are relative to the repository root.
 */
export interface StagedFile {
  path: string;
  root: string;
  content: Buffer;
}

function git(args: string[], cwd: string, maxBuffer = 64 * 1024 * 1024): Buffer {
  const r = childProcess().spawnSync('git', args, { cwd, maxBuffer });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new UsageError(`git ${args[0]} failed: ${r.stderr.toString('utf8').trim().split('\n')[0] ?? ''}`);
  return r.stdout;
}

export function* stagedFiles(cwd: string, maxBytes: number): Generator<StagedFile | { path: string; root: string; tooLarge: true }> {
  const root = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  const names = git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], root).toString('utf8').split('\0').filter(Boolean);
  for (const path of names) {
    const size = Number(git(['cat-file', '-s', `:${path}`], root).toString('utf8').trim());
    if (size > maxBytes) {
      yield { path, root, tooLarge: true };
      continue;
    }
    yield { path, root, content: git(['show', `:${path}`], root, maxBytes + 1024) };
  }
}
