import { DEFAULT_MIN_CONFIDENCE, parseConfidence } from '../../../core/detect/index';
import { DEFAULT_WALK_BUDGET } from '../../../core/files/walk';
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

function value(args: string[], i: number, flag: string): string {
  const v = args[i + 1];
  if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value\n${SCAN_USAGE}`);
  return v;
}

export function parseScanArgs(args: string[], now = new Date()): ScanArgs {
  const out: ScanArgs = {
    format: 'text',
    paths: [],
    staged: false,
    stdin: false,
    stdinFilename: 'stdin.txt',
    maxFileBytes: 8 * 1024 * 1024,
    jobs: 0,
    maxFiles: DEFAULT_WALK_BUDGET.maxFiles,
    noIgnore: false,
    today: now.toISOString().slice(0, 10),
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    gitHistory: false,
    allRefs: false,
    verify: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => {
      if (inline !== undefined) return inline;
      const v = value(args, i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (text, json or sarif)`);
        out.format = f;
        break;
      }
      case '--baseline': out.baseline = take(); break;
      case '--write-baseline': out.writeBaseline = take(); break;
      case '--reason': out.reason = take(); break;
      case '--expires': {
        const d = take();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new UsageError('--expires takes a date, YYYY-MM-DD');
        out.expires = d;
        break;
      }
      case '--staged': out.staged = true; break;
      case '--stdin': out.stdin = true; break;
      case '--stdin-filename': out.stdinFilename = take(); break;
      case '--max-file-size': {
        const n = Number(take());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-file-size takes a positive number of bytes');
        out.maxFileBytes = n;
        break;
      }
      case '--jobs': {
        const n = Number(take());
        if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError('--jobs takes a number from 0 to 64');
        out.jobs = n;
        break;
      }
      case '--max-files': {
        const n = Number(take());
        if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-files takes a positive number of files');
        out.maxFiles = n;
        break;
      }
      case '--no-ignore': out.noIgnore = true; break;
      case '--min-confidence': {
        const n = parseConfidence(take());
        if (n === undefined) throw new UsageError('--min-confidence takes a number from 0 to 1 (e.g. 0.5)');
        out.minConfidence = n;
        break;
      }
      case '--git-history': out.gitHistory = true; break;
      case '--since': out.since = take(); break;
      case '--all-refs': out.allRefs = true; break;
      case '--verify': out.verify = true; break;
      case '-h':
      case '--help':
        throw new UsageError(SCAN_USAGE);
      case '--':
        out.paths.push(...args.slice(i + 1));
        i = args.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'\n${SCAN_USAGE}`);
        out.paths.push(a);
    }
  }
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
