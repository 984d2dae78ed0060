/**
 * Files on disk, read as a hostile repository may have laid them out: the workspace walk (nested
 * and ancestor .gitignore, bounded), bounded reads, confinement to the repository, the file-format
 * table (language ids, names, comment and env-access syntax), what kind of LLM-project file a path
 * is, the pool of scan worker threads, the lock that serialises writers of one file (ledger, env files, local stages),
 * and the atomic write (temp file beside, renamed over) every writer of a whole file uses.
 */
export { listFiles, walkWorkspace, readWorkspaceFile, describeTruncation, DEFAULT_WALK_BUDGET, type WalkBudget, type WalkOptions, type WalkResult, type WorkspaceFile, type WorkspaceWalk, type WorkspaceWalkOptions } from './walk';
export { warmUpOrder } from './warm-up-order';
export { ResidentWorkers, runInWorkers, serveTasks, workerPoolRuns, type WorkerHeapLimits, type WorkerPoolOptions, type PoolHandlers, type PoolOutcome, type TaskContext } from './worker-pool';
export { withRegularFile } from './regular-file';
export { readAtMost, readTextAtMost, NotAFileError, TOO_LARGE, PIPE_IDLE_MS, type ReadScratch } from './read-at-most';
export { confine, confinementFor, realPathOf, isInside, repositoryRootOf, allowedPathsFile, allowedOutsidePaths, type Confinement, type ConfinedPath, type RealPath } from './confine';
export { FILE_FORMATS, TEXT_FORMAT, baseName, formatOf, formatForLanguage, untitledNameFor, type FileFormat, type FormatKind, type CodeKind, type DollarTemplates } from './file-formats';
export { isPromptFile, isModelConfig, isTranslationCatalog } from './file-kinds';
export { withFileLock, isLockHeld, pidAlive, LockTimeoutError, type LockOptions } from './lock';
export { writeFileAtomic, prepareFileAtomic, sweepDeadTemps, type AtomicWriteOptions, type PreparedFile } from './write-atomic';
export { makeDirs } from './make-dirs';
