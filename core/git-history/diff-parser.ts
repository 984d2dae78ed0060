/**
 * Reads `git log -p -U1` output line by line and hands over, per commit and file, the lines that
 * commit added (plus the one line of context git gives above and below each hunk, so an allow
 * comment just above an added line still applies). Removed lines are dropped: a value a commit
 * removed was reported where it was added. Nothing is kept beyond the current file's lines, and
 * those only up to `maxBlockBytes`.
 */

/** The marker our `--format` puts at the start of each commit header (never at the start of a diff line). */
export const COMMIT_MARKER = '\x01';

export interface CommitInfo {
  sha: string;
  /** Author date, strict ISO-8601 (`%aI`). */
  authorDate: string;
}

/** What one commit added to one file. */
export interface AddedBlock {
  commit: CommitInfo;
  /** Path in the commit's tree (after the change), `/`-separated. */
  path: string;
  /** The hunks' new-side lines joined by `\n`: added lines and the context lines around them. */
  text: string;
  /** For line i (0-based) of `text`: its 1-based line number in the file, negative when it is context (not added). */
  lineNumbers: Int32Array;
  bytes: number;
}

export type SkippedBlock = { commit: CommitInfo; path: string; reason: 'binary' | 'too-large' };

export interface DiffParserSink {
  block(b: AddedBlock): void;
  skipped(s: SkippedBlock): void;
  commit?(c: CommitInfo): void;
}

type Mode = 'header' | 'file-header' | 'hunk';

export class AddedLinesParser {
  private mode: Mode = 'header';
  private commit: CommitInfo | undefined;
  private path: string | undefined;
  private lines: string[] = [];
  private numbers: number[] = [];
  private bytes = 0;
  private tooLarge = false;
  private binary = false;
  private newLine = 0;
  private oldLeft = 0;
  private newLeft = 0;
  private hasAdded = false;

  constructor(private readonly sink: DiffParserSink, private readonly maxBlockBytes: number) {}

  line(l: string): void {
    if (this.mode === 'hunk' && (this.oldLeft > 0 || this.newLeft > 0)) {
      const c = l.charCodeAt(0);
      if (c === 43 /* + */) {
        this.keep(l, this.newLine, true);
        this.newLine++;
        this.newLeft--;
        return;
      }
      if (c === 32 /* space */ || l.length === 0) {
        this.keep(l, -this.newLine, false);
        this.newLine++;
        this.newLeft--;
        this.oldLeft--;
        return;
      }
      if (c === 45 /* - */) {
        this.oldLeft--;
        return;
      }
      if (c === 92 /* \ No newline at end of file */) return;
      // Anything else means the counts were off; fall through and read it as a header line.
    }
    if (l.startsWith('\\')) return;
    if (l.startsWith('@@')) {
      const m = /^@@+ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (m && this.path !== undefined) {
        this.mode = 'hunk';
        this.oldLeft = m[2] === undefined ? 1 : Number(m[2]);
        this.newLine = Number(m[3]);
        this.newLeft = m[4] === undefined ? 1 : Number(m[4]);
        return;
      }
    }
    if (l.startsWith(COMMIT_MARKER)) {
      this.flush();
      const [sha = '', authorDate = ''] = l.slice(1).split('\t');
      this.commit = { sha, authorDate };
      this.sink.commit?.(this.commit);
      this.mode = 'header';
      return;
    }
    if (l.startsWith('diff --git ') || l.startsWith('diff --cc ') || l.startsWith('diff --combined ')) {
      this.flush();
      this.mode = 'file-header';
      this.path = undefined;
      return;
    }
    if (this.mode === 'file-header' || this.mode === 'hunk') {
      if (l.startsWith('+++ ')) {
        // Git ends the name with a tab when it holds a space (GNU diff's convention).
        const p = l.endsWith('\t') ? l.slice(4, -1) : l.slice(4);
        this.path = p === '/dev/null' ? undefined : stripPrefix(unquote(p));
      } else if (l.startsWith('Binary files ') || l === 'GIT binary patch') {
        this.binary = true;
        this.path ??= binaryPath(l);
      }
    }
  }

  /** Call after the last line. */
  end(): void {
    this.flush();
  }

  private keep(l: string, n: number, added: boolean): void {
    if (this.tooLarge) return;
    this.bytes += l.length; // UTF-16 units ≈ bytes for the bound's purpose
    if (this.bytes > this.maxBlockBytes) {
      this.tooLarge = true;
      this.lines = [];
      this.numbers = [];
      return;
    }
    if (added) this.hasAdded = true;
    this.lines.push(l.slice(1));
    this.numbers.push(n);
  }

  private flush(): void {
    const commit = this.commit;
    if (commit && this.path !== undefined) {
      if (this.binary) this.sink.skipped({ commit, path: this.path, reason: 'binary' });
      else if (this.tooLarge) this.sink.skipped({ commit, path: this.path, reason: 'too-large' });
      else if (this.hasAdded) this.sink.block({ commit, path: this.path, text: this.lines.join('\n'), lineNumbers: Int32Array.from(this.numbers), bytes: this.bytes });
    }
    this.path = undefined;
    this.lines = [];
    this.numbers = [];
    this.bytes = 0;
    this.tooLarge = false;
    this.binary = false;
    this.hasAdded = false;
    this.oldLeft = 0;
    this.newLeft = 0;
  }
}

function stripPrefix(p: string): string {
  return p.startsWith('b/') ? p.slice(2) : p;
}

/** `Binary files a/x and b/y differ` (or `/dev/null and b/y`): the new path. */
function binaryPath(l: string): string | undefined {
  const m = / and (?:"?b\/)(.*?)"? differ$/.exec(l);
  return m ? m[1] : undefined;
}

/** Git C-quotes paths with control characters, `"` or `\` (core.quotePath=false keeps UTF-8 as is). */
export function unquote(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1] ?? '';
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(esc[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
