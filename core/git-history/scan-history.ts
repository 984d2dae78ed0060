import { keyedFingerprint } from '../values/fingerprint';
import { scanText, type Finding, type KnownSecrets } from '../detect/index';
import { AddedLinesParser, type AddedBlock, type CommitInfo, type SkippedBlock } from './diff-parser';
import { assertRevision, GitHistoryError, gitLogLines, repositoryInfo, type CommitListOptions, type LogOptions } from './git-log';
import { commitsOf, filesOfCommit, type SkippedObject } from './missing-objects';

/** A finding in a line some commit added. `line` is the line in that commit's version of the file. */
export type HistoryFinding = Finding & {
  /** Path inside the repository, `/`-separated. */
  file: string;
  commit: string;
  authorDate: string;
  /** For a known current or retired value: its keyed fingerprint (never printed by `scan`; `enforce` reads it). */
  valueFingerprint?: string;
};

export interface HistoryScanOptions extends LogOptions {
  /** Any folder inside the work tree. */
  dir: string;
  knownSecrets?: KnownSecrets;
  /** What one commit added to one file beyond this is skipped and counted (default 8 MiB). */
  maxBlockBytes?: number;
  signal?: AbortSignal;
  /** Called for each finding as it is found (for progress or streaming output). */
  onFinding?: (f: HistoryFinding) => void;
}

export interface HistoryScanResult {
  findings: HistoryFinding[];
  commitsScanned: number;
  /** File changes with added lines that were scanned. */
  blocksScanned: number;
  bytesScanned: number;
  skipped: { binary: number; tooLarge: number };
  /** Files (or whole commits) whose content this repository lacks (a partial clone, a damaged pack): not scanned. */
  missingObjects: SkippedObject[];
  /** Set when the clone is shallow: the oldest commit present stands for everything before it. */
  shallow: boolean;
  /** Repository top level (absolute). */
  root: string;
}

/**
 * Scans every line each commit added (HEAD's history, or every ref with `allRefs`, or only what is
 * not reachable from `since`). Merge commits bring no lines of their own; a value that arrived
 * through a merge is found in the commit that wrote it. Throws `GitHistoryError` for a folder
 * outside a repository or an unknown `since`.
 */
export async function scanGitHistory(o: HistoryScanOptions): Promise<HistoryScanResult> {
  const info = repositoryInfo(o.dir);
  if (o.since) assertRevision(o.dir, o.since);
  const result: HistoryScanResult = { findings: [], commitsScanned: 0, blocksScanned: 0, bytesScanned: 0, skipped: { binary: 0, tooLarge: 0 }, missingObjects: [], shallow: info.shallow, root: info.root };
  if (!info.hasCommits && !o.allRefs) return result;
  const maxBlockBytes = o.maxBlockBytes ?? 8 * 1024 * 1024;
  // The commit being read and the files of it already handed over: a pass that fails part-way
  // through a commit resumes it with the files not yet read.
  let current: string | undefined;
  const done = new Set<string>();
  const parser = new AddedLinesParser(
    {
      commit: (c) => {
        if (current === c.sha) return; // the failed commit again, for its remaining files
        result.commitsScanned++;
        done.clear();
        current = c.sha;
      },
      skipped: (s: SkippedBlock) => {
        if (done.has(s.path)) return;
        done.add(s.path);
        if (s.reason === 'binary') result.skipped.binary++;
        else result.skipped.tooLarge++;
      },
      block: (b: AddedBlock) => {
        if (done.has(b.path)) return;
        done.add(b.path);
        result.blocksScanned++;
        result.bytesScanned += b.bytes;
        for (const f of findingsInBlock(b, o.knownSecrets)) {
          result.findings.push(f);
          o.onFinding?.(f);
        }
      },
    },
    maxBlockBytes,
  );
  const passes: Array<LogOptions | CommitListOptions> = [o];
  for (let pass = passes.shift(); pass; pass = passes.shift()) {
    const before = current;
    try {
      for await (const line of gitLogLines(info.root, pass, maxBlockBytes + 1, o.signal)) parser.line(line);
      parser.end();
    } catch (err) {
      parser.end();
      if (!(err instanceof GitHistoryError) || err.code !== 'git/missing-object') throw err;
      if ('paths' in pass) {
        // One commit's readable files failed too: name the commit; the pass after it is queued already.
        result.missingObjects.push({ commit: pass.commits[0]!, ...(err.object ? { object: err.object } : {}) });
        continue;
      }
      // The commits of the failed pass in its order (`git log` and `git rev-list` walk alike).
      const order = 'commits' in pass ? pass.commits : commitsOf(info.root, o);
      const reached = current !== before ? current : undefined;
      // Git stops either inside the commit it printed last, or, where it fetches a commit's blobs
      // before printing it (a partial clone), before the next one.
      const files = reached ? filesOfCommit(info.root, reached) : undefined;
      const failed = reached && files!.missing.length ? reached : order[reached ? order.indexOf(reached) + 1 : 0];
      if (!failed) throw err;
      passes.push(...resumeAfterMissing(failed, err.object, failed === reached ? files! : filesOfCommit(info.root, failed), failed === reached ? done : new Set(), order.slice(order.indexOf(failed) + 1), result));
    }
  }
  return result;
}

/**
 * After `git log` stopped at an object it could not read in commit `failed`: record what is
 * missing there, and the passes that go on: that commit's readable files not read yet, then every
 * commit after it. Each failure takes at least the failed commit out, so the passes end.
 */
function resumeAfterMissing(failed: string, object: string | undefined, files: ReturnType<typeof filesOfCommit>, done: Set<string>, remaining: string[], result: HistoryScanResult): CommitListOptions[] {
  for (const m of files.missing) result.missingObjects.push({ commit: failed, path: m.path, object: m.object });
  if (!files.missing.length) result.missingObjects.push({ commit: failed, ...(object ? { object } : {}) });
  const rest = files.missing.length ? files.readable.filter((p) => !done.has(p)) : [];
  const passes: CommitListOptions[] = [];
  if (rest.length) passes.push({ commits: [failed], paths: rest });
  if (remaining.length) passes.push({ commits: remaining });
  return passes;
}

/** Findings on added lines only; context lines are there for allow comments and formats. */
export function findingsInBlock(b: AddedBlock, knownSecrets: KnownSecrets | undefined): HistoryFinding[] {
  const out: HistoryFinding[] = [];
  for (const f of scanText(b.text, { path: b.path, knownSecrets })) {
    const start = b.lineNumbers[f.line - 1];
    if (start === undefined || start <= 0) continue;
    const end = Math.abs(b.lineNumbers[f.endLine - 1] ?? start);
    const h: HistoryFinding = { ...f, line: start, endLine: end, file: b.path, commit: b.commit.sha, authorDate: b.commit.authorDate };
    if (knownSecrets && f.secretId) {
      const seen = b.text.slice(f.start, f.end);
      h.valueFingerprint = keyedFingerprint(seen, knownSecrets.key);
    }
    out.push(h);
  }
  return out;
}

export type { CommitInfo };
