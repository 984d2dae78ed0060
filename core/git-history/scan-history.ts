import { keyedFingerprint } from '../fingerprint';
import { scanText, type Finding, type KnownSecrets } from '../detect/index';
import { AddedLinesParser, type AddedBlock, type CommitInfo, type SkippedBlock } from './diff-parser';
import { assertRevision, gitLogLines, repositoryInfo, type LogOptions } from './git-log';

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
  const result: HistoryScanResult = { findings: [], commitsScanned: 0, blocksScanned: 0, bytesScanned: 0, skipped: { binary: 0, tooLarge: 0 }, shallow: info.shallow, root: info.root };
  if (!info.hasCommits && !o.allRefs) return result;
  const maxBlockBytes = o.maxBlockBytes ?? 8 * 1024 * 1024;
  const parser = new AddedLinesParser(
    {
      commit: () => void result.commitsScanned++,
      skipped: (s: SkippedBlock) => void (s.reason === 'binary' ? result.skipped.binary++ : result.skipped.tooLarge++),
      block: (b: AddedBlock) => {
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
  for await (const line of gitLogLines(info.root, o, maxBlockBytes + 1, o.signal)) parser.line(line);
  parser.end();
  return result;
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
