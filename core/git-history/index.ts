/**
 * Git history as a scan source: the lines each commit added, streamed from `git log -p` with
 * bounded memory (binary diffs skipped), scanned with the same detectors, allow comments and
 * known-value matching as files.
 *
 * - `scanGitHistory({dir, since?, allRefs?, knownSecrets?})` → findings with `commit`, `authorDate`, `file`, `line`.
 * - `GitHistoryError` (`code`: git/not-a-repository | git/missing | git/bad-revision | git/failed).
 */
export { scanGitHistory, findingsInBlock, type HistoryFinding, type HistoryScanOptions, type HistoryScanResult } from './scan-history';
export { GitHistoryError, repositoryInfo, gitLogArgs, type LogOptions, type RepositoryInfo } from './git-log';
export { AddedLinesParser, unquote, type AddedBlock, type CommitInfo } from './diff-parser';
