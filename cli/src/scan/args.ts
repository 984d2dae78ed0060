import { DEFAULT_MIN_CONFIDENCE, parseConfidence } from '../../../core/detect';
import { DEFAULT_WALK_BUDGET } from '../../../core/files';
import { parseArgs } from '../args';
import { UsageError } from '../io';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  format: OutputFormat;
  paths: string[];
  baseline?: string;
  writeBaseline?: string;
  reason?: string;
  expires?: string;
  staged: boolean;
  stdin: boolean;
  stdinFilename: string;
  /** Files larger than this are skipped (and counted in the summary). */
  maxFileBytes: number;
  /** Worker threads; 0 = choose from the machine. */
  jobs: number;
  /** The walk stops after this many files and says so (core/files/walk.ts). */
  maxFiles: number;
  noIgnore: boolean;
  /** YYYY-MM-DD used for baseline expiry. */
  today: string;
  /** Findings below this confidence are not reported. */
  minConfidence: number;
  /** Scan the lines each commit added instead of files (cli/src/scan/git-history.ts). */
  gitHistory: boolean;
  since?: string;
  allRefs: boolean;
  /** Opt-in: ask each found key's own service whether it is live (core/verify-live). */
  verify: boolean;
}

export const SCAN_USAGE = `usage: rotation-guard scan [options] PATH...
  --format text|json|sarif    output format (default text)
  --baseline FILE             accept the findings listed in FILE (JSON Lines, see docs/detection.md)
  --write-baseline FILE       write every current finding to FILE (needs --reason), exit 0
  --reason TEXT               reason recorded in written baseline entries
  --expires YYYY-MM-DD        expiry of written baseline entries
  --staged                    scan the files staged in the git index (pre-commit hook)
  --stdin                     scan standard input; --stdin-filename NAME picks the format
  --max-file-size BYTES       skip larger files (default 8 MiB)
  --jobs N                    threads (default: one per CPU when the input is large enough
                              to gain from them, else one)
  --max-files N               stop the walk after N files and say so (default ${DEFAULT_WALK_BUDGET.maxFiles})
  --no-ignore                 do not honour .gitignore
  --min-confidence N          report findings of confidence N (0..1) and above
                              (default ${DEFAULT_MIN_CONFIDENCE}; 0 reports everything)
  --git-history               scan the lines each commit added (PATH: a folder in the repository)
  --since REF                 with --git-history: only commits not reachable from REF
  --all-refs                  with --git-history: every branch and tag, not just HEAD
  --verify                    ask each found key's own service (its official host only) whether it
                              is live; live keys are listed first (sends the keys: opt-in)
exit: 0 no findings, 1 findings, 2 usage or I/O error`;

const FLAGS = ['staged', 'stdin', 'no-ignore', 'git-history', 'all-refs', 'verify'];
const OPTIONS = ['format', 'baseline', 'write-baseline', 'reason', 'expires', 'stdin-filename', 'max-file-size', 'jobs', 'max-files', 'min-confidence', 'since'];

/** A whole number from `min` to `max`, or the usage error `message`. */
function integer(v: string | undefined, min: number, max: number, message: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(message);
  return n;
}

export function parseScanArgs(args: string[], now = new Date()): ScanArgs {
  const p = parseArgs(args, { flags: FLAGS, options: OPTIONS, usage: SCAN_USAGE });
  // `-` is standard input's usual name, a path here; any other single-dash word is a mistyped option.
  const single = p.positional.find((a) => a.startsWith('-') && a !== '-');
  if (single) throw new UsageError(`unknown option '${single}'\n${SCAN_USAGE}`);
  const o = (name: string) => p.options.get(name);
  const format = o('format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format '${format}' (text, json or sarif)`);
  const expires = o('expires');
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw new UsageError('--expires takes a date, YYYY-MM-DD');
  const minConfidence = o('min-confidence');
  const confidence = minConfidence === undefined ? DEFAULT_MIN_CONFIDENCE : parseConfidence(minConfidence);
  if (confidence === undefined) throw new UsageError('--min-confidence takes a number from 0 to 1 (e.g. 0.5)');
  const out: ScanArgs = {
    format,
    paths: [...p.positional, ...p.rest],
    staged: p.flags.has('staged'),
    stdin: p.flags.has('stdin'),
    stdinFilename: o('stdin-filename') ?? 'stdin.txt',
    maxFileBytes: integer(o('max-file-size'), 1, Infinity, '--max-file-size takes a positive number of bytes') ?? 8 * 1024 * 1024,
    jobs: integer(o('jobs'), 0, 64, '--jobs takes a number from 0 to 64') ?? 0,
    maxFiles: integer(o('max-files'), 1, Infinity, '--max-files takes a positive number of files') ?? DEFAULT_WALK_BUDGET.maxFiles,
    noIgnore: p.flags.has('no-ignore'),
    today: now.toISOString().slice(0, 10),
    minConfidence: confidence,
    gitHistory: p.flags.has('git-history'),
    allRefs: p.flags.has('all-refs'),
    verify: p.flags.has('verify'),
    ...(o('baseline') !== undefined ? { baseline: o('baseline') } : {}),
    ...(o('write-baseline') !== undefined ? { writeBaseline: o('write-baseline') } : {}),
    ...(o('reason') !== undefined ? { reason: o('reason') } : {}),
    ...(expires !== undefined ? { expires } : {}),
    ...(o('since') !== undefined ? { since: o('since') } : {}),
  };
  if ((out.since !== undefined || out.allRefs) && !out.gitHistory) throw new UsageError('--since and --all-refs go with --git-history');
  if (out.verify && out.gitHistory) throw new UsageError('--verify checks the keys in files; it does not go with --git-history');
  if (out.gitHistory) {
    if (out.stdin || out.staged) throw new UsageError('--git-history reads the repository; it does not combine with --stdin or --staged');
    return out;
  }
  const sources = Number(out.stdin) + Number(out.staged) + Number(out.paths.length > 0);
  if (sources === 0) throw new UsageError(`nothing to scan: give PATHs, --staged or --stdin\n${SCAN_USAGE}`);
  if (sources > 1) throw new UsageError('give either PATHs, --staged or --stdin, not several');
  if (out.writeBaseline && !out.reason) throw new UsageError('--write-baseline needs --reason "why these findings are accepted"');
  return out;
}
