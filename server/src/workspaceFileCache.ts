// The per-file memory of the workspace pull (`workspace/diagnostic`). VS Code's client pulls the
// workspace again 2 s after every answer for as long as the editor is open; without this cache each
// pull read and scanned every file. Here a file is read and diagnosed again only when its stat
// changed, or when the generation moved on (something that changes what is flagged in any file:
// policy, ledger, known secrets, settings). Pure bookkeeping: no I/O, unit-tested on its own.
import type { Diagnostic } from 'vscode-languageserver/node';
import { resultIdFor } from './diagnosticResults';

/** What identifies a file's content cheaply: a write changes mtime (and ctime, which no one can set back). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** One file the sweep (walk + stat) found eligible for diagnosis: enabled, not excluded, not too large, not open. */
export interface SweptFile {
  uri: string;
  path: string;
  stamp: FileStamp;
  /** Diagnosed on every pull whatever its stamp (policy files: their staleness moves with the clock). */
  always?: boolean;
}

export interface CachedFile {
  stamp: FileStamp;
  /** The generation the diagnosis started in; an older one means it may be stale. */
  generation: number;
  /** Undefined: read and skipped (binary), nothing to report. */
  diagnostics?: Diagnostic[];
  resultId: string;
}

export interface PullPlan {
  /** Files to read and diagnose again. */
  stale: SweptFile[];
  /** Cached files the sweep no longer found (deleted, excluded, too large, opened, folder removed). */
  gone: string[];
}

const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

export class WorkspaceFileCache {
  private gen = 0;
  private readonly files = new Map<string, CachedFile>();

  get generation(): number {
    return this.gen;
  }

  /** Everything cached may be stale: the next pull diagnoses every file again. */
  bump(): void {
    this.gen++;
  }

  plan(swept: readonly SweptFile[]): PullPlan {
    const seen = new Set<string>();
    const stale: SweptFile[] = [];
    for (const f of swept) {
      seen.add(f.uri);
      const c = this.files.get(f.uri);
      if (f.always || !c || c.generation !== this.gen || !sameStamp(c.stamp, f.stamp)) stale.push(f);
    }
    const gone = [...this.files.keys()].filter((uri) => !seen.has(uri));
    return { stale, gone };
  }

  /** The diagnosis of `file` begun in `generation` (undefined diagnostics: skipped as binary). */
  store(file: SweptFile, generation: number, diagnostics: Diagnostic[] | undefined): void {
    this.files.set(file.uri, { stamp: file.stamp, generation, ...(diagnostics ? { diagnostics } : {}), resultId: resultIdFor(diagnostics ?? []) });
  }

  get(uri: string): CachedFile | undefined {
    return this.files.get(uri);
  }

  drop(uri: string): void {
    this.files.delete(uri);
  }

  entries(): IterableIterator<[string, CachedFile]> {
    return this.files.entries();
  }
}
