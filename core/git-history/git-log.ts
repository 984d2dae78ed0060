import { StringDecoder } from 'node:string_decoder';

// Loaded at the first call, not with the scan bundle (cli/src/scan: ~8 ms of every `scan`'s start).
const childProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');

/**
 * Runs `git log -p` and streams its output line by line. The reader awaits each chunk before
 * asking for the next, so git blocks on a full pipe instead of us buffering the history: memory
 * stays bounded by one chunk, one line and one file's added lines, whatever the history's size.
 */

export class GitHistoryError extends Error {
  constructor(
    message: string,
    readonly code: 'git/not-a-repository' | 'git/missing' | 'git/bad-revision' | 'git/failed' | 'git/missing-object',
    /** For git/missing-object: the object git could not read. */
    readonly object?: string,
  ) {
    super(message);
  }
}

export interface RepositoryInfo {
  /** Absolute path of the work tree's top level. */
  root: string;
  shallow: boolean;
  /** Whether HEAD points at a commit (false in a repository without commits). */
  hasCommits: boolean;
}

function git(cwd: string, args: string[]) {
  return childProcess().spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 20 });
}

/** Checks that `dir` is inside a git work tree; says what to do when it is not. */
export function repositoryInfo(dir: string): RepositoryInfo {
  const top = git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository']);
  if (top.error) throw new GitHistoryError(`git is not installed or not on PATH (${(top.error as NodeJS.ErrnoException).code ?? 'error'}); --git-history needs it`, 'git/missing');
  if (top.status !== 0) throw new GitHistoryError(`${dir} is not inside a git repository, so it has no history to scan; scan its files without --git-history, or run it in a clone`, 'git/not-a-repository');
  const [root = dir, shallow = 'false'] = top.stdout.trim().split('\n');
  const head = git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return { root, shallow: shallow.trim() === 'true', hasCommits: head.status === 0 };
}

/** Checks that REF names a commit (for `--since REF`). */
export function assertRevision(dir: string, ref: string): void {
  if (ref.startsWith('-')) throw new GitHistoryError(`--since takes a commit, branch or tag, not '${ref}'`, 'git/bad-revision');
  const r = git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.status !== 0) throw new GitHistoryError(`--since ${ref}: no such commit, branch or tag here (in a shallow CI clone, fetch it first: git fetch --depth=1 origin ${ref})`, 'git/bad-revision');
}

export interface LogOptions {
  /** Only commits not reachable from this revision (`REF..HEAD`, or `--all --not REF`). */
  since?: string;
  /** Every branch, tag and remote ref, not just HEAD. */
  allRefs?: boolean;
}

/** Exactly these commits, in this order, each against its first parent (a scan resumed after a missing object). */
export interface CommitListOptions {
  commits: string[];
  /** Only these paths of them (literal, not globs). */
  paths?: string[];
}

/** The `git log` command line: fixed output shape whatever the user's git config says. */
export function gitLogArgs(o: LogOptions | CommitListOptions): string[] {
  const args = [
    ...('commits' in o ? ['--literal-pathspecs'] : []),
    '-c', 'core.quotePath=false',
    '-c', 'log.showSignature=false',
    '-c', 'diff.noprefix=false',
    'log', '-p', '-U1', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--no-notes',
    '--src-prefix=a/', '--dst-prefix=b/',
    '--format=%x01%H%x09%aI', // COMMIT_MARKER, sha, tab, author date
  ];
  if ('commits' in o) {
    args.push('--no-walk=unsorted', '--stdin', '--', ...(o.paths ?? []));
    return args;
  }
  if (o.allRefs) args.push('--all');
  else args.push('HEAD');
  if (o.since) args.push('--not', o.since);
  args.push('--');
  return args;
}

/**
 * Yields the output of `git log -p` in lines (without the newline). A line longer than
 * `maxLineBytes` is cut to that length: the parser then treats the file as too large.
 */
export async function* gitLogLines(dir: string, o: LogOptions | CommitListOptions, maxLineBytes: number, signal?: AbortSignal): AsyncGenerator<string> {
  const list = 'commits' in o;
  // GIT_NO_LAZY_FETCH (git 2.44+): a partial clone's missing blobs are skipped and named, not fetched one by one.
  const child = childProcess().spawn('git', gitLogArgs(o), { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GIT_NO_LAZY_FETCH: '1' } });
  child.stdin.on('error', () => undefined); // git exited before reading all: its exit code says why
  child.stdin.end(list ? `${o.commits.join('\n')}\n` : '');
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 4096) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const onAbort = () => child.kill('SIGTERM');
  signal?.addEventListener('abort', onAbort);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let text = rest + decoder.write(chunk);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
      text = '';
      if (rest.length > maxLineBytes) rest = rest.slice(0, maxLineBytes);
    }
    rest += decoder.end();
    if (rest) yield rest;
    finished = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) child.kill('SIGTERM');
  }
  const code = await exited;
  if (code !== 0 && !signal?.aborted) {
    const lines = stderr.trim().split('\n');
    const first = lines.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? lines[0] ?? '';
    const missing = /(?:unable to read|bad object|missing blob|could not read|cannot read|could not fetch)\s+([0-9a-f]{40,64})/i.exec(stderr);
    throw new GitHistoryError(`git log failed (exit ${code}): ${first}`, missing ? 'git/missing-object' : 'git/failed', missing?.[1]);
  }
}
