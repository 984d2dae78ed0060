// The per-file memory of the workspace pull (`workspace/diagnostic`). VS Code's client pulls the
// workspace again 2 s after every answer for as long as the editor is open; without this cache each
// pull read and scanned every file. Here a file is read and diagnosed again only when its stat
// changed, or when the generation moved on (something that changes what is flagged in any file:
// policy, ledger, known secrets, settings); the pass (workspaceScan.ts) compares the stats. Pure
// bookkeeping: no I/O, unit-tested on its own.
import type { Diagnostic } from 'vscode-languageserver/node';
import { resultIdFor } from './diagnosticResults';

/** What identifies a file's content cheaply: a write changes mtime (and ctime, which no one can set back). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface CachedFile {
  stamp: FileStamp;
  /** The generation the diagnosis started in; an older one means it may be stale. */
  generation: number;
  /** Undefined: read and skipped (binary), nothing to report. */
  diagnostics?: Diagnostic[];
  resultId: string;
}

export const sameStamp = (a: FileStamp, b: FileStamp) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

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

  /**
   * What the next pass may skip: each cached file's stamp, when its diagnosis is of this
   * generation and it is not diagnosed on every pull (`always`), else null (read it again). A
   * listed file whose stat is its stamp is not read; a cached file the pass no longer lists is gone.
   */
  known(always: (uri: string) => boolean): Map<string, FileStamp | null> {
    const out = new Map<string, FileStamp | null>();
    for (const [uri, c] of this.files) out.set(uri, c.generation === this.gen && !always(uri) ? c.stamp : null);
    return out;
  }

  /** The diagnosis of the file at `uri` with `stamp`, begun in `generation` (undefined diagnostics: skipped as binary). */
  store(uri: string, stamp: FileStamp, generation: number, diagnostics: Diagnostic[] | undefined): void {
    this.files.set(uri, { stamp, generation, ...(diagnostics ? { diagnostics } : {}), resultId: resultIdFor(diagnostics ?? []) });
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
