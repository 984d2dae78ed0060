import type { LogOptions } from './git-log';

// Loaded at the first call, not with the scan bundle (cli/src/scan: ~8 ms of every `scan`'s start).
const childProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');

/**
 * A repository may lack objects: a blobless partial clone (`--filter=blob:none`) whose promisor
 * is gone or offline, a snapshot copied without its large blobs, a damaged pack. `git log -p`
 * stops at the first blob it cannot read; these helpers let the scan go on around it: the list
 * of commits still to scan (no blob is needed for it), and which files of the commit that failed
 * can be read after all.
 */

export interface SkippedObject {
  commit: string;
  /** The file whose content is missing; undefined when git named no file (the commit as a whole). */
  path?: string;
  /** The object git could not read. */
  object?: string;
}

/** A git that never fetches a missing object on its own: a scan reads what is here and goes no further. */
const NO_LAZY_FETCH: NodeJS.ProcessEnv = { ...process.env, GIT_NO_LAZY_FETCH: '1' };

function git(dir: string, args: string[], input?: string) {
  return childProcess().spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: NO_LAZY_FETCH, ...(input !== undefined ? { input } : {}) });
}

/** The commits `git log` would show for these options, in its order (commits only: no blob is read). */
export function commitsOf(dir: string, o: LogOptions): string[] {
  const args = ['rev-list', o.allRefs ? '--all' : 'HEAD', ...(o.since ? ['--not', o.since] : []), '--'];
  const r = git(dir, args);
  if (r.status !== 0) return [];
  return r.stdout.split('\n').filter(Boolean);
}

/**
 * The files a commit changed (against its first parent), split into those whose blobs are all
 * here and those with a blob missing. A merge's first-parent diff is not what `log -p` shows
 * (nothing, by default), so a merge yields nothing.
 */
export function filesOfCommit(dir: string, commit: string): { readable: string[]; missing: Array<{ path: string; object: string }> } {
  const out = { readable: [] as string[], missing: [] as Array<{ path: string; object: string }> };
  const parents = git(dir, ['rev-list', '--parents', '-n', '1', commit]).stdout.trim().split(' ').length - 1;
  if (parents > 1) return out;
  const raw = git(dir, ['diff-tree', '--root', '-r', '--no-commit-id', '--no-renames', '-z', commit]);
  if (raw.status !== 0) return out;
  // -z --raw: ":mode mode old new status\0path\0" per file.
  const parts = raw.stdout.split('\0');
  const entries: Array<{ path: string; blobs: string[] }> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) [A-Z]/.exec(parts[i]!);
    if (!m) continue;
    entries.push({ path: parts[i + 1]!, blobs: [m[1]!, m[2]!].filter((b) => !/^0+$/.test(b)) });
  }
  const gone = missingBetween(dir, commit, parents === 1);
  for (const e of entries) {
    const lost = e.blobs.find((b) => gone.has(b));
    if (lost) out.missing.push({ path: e.path, object: lost });
    else out.readable.push(e.path);
  }
  return out;
}

/**
 * Objects of the commit's tree missing here, among those that differ from its parent's tree (both
 * ways: the new and the old side of each change). `rev-list --missing=print` says so without
 * fetching; `cat-file --batch-check` would die in a partial clone instead of answering "missing".
 */
function missingBetween(dir: string, commit: string, hasParent: boolean): Set<string> {
  const walks = hasParent ? [[`${commit}^{tree}`, '--not', `${commit}^1^{tree}`], [`${commit}^1^{tree}`, '--not', `${commit}^{tree}`]] : [[`${commit}^{tree}`]];
  const gone = new Set<string>();
  for (const w of walks) {
    const r = git(dir, ['rev-list', '--objects', '--missing=print', '--no-object-names', ...w]);
    for (const l of r.stdout.split('\n')) if (l.startsWith('?')) gone.add(l.slice(1));
  }
  return gone;
}
