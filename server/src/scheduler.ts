import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface SchedulerDeps {
  /** The diagnosis (diagnoser.ts, with the document's settings); undefined when cancelled. */
  diagnose: (doc: TextDocument, isCancelled: () => boolean) => Promise<Diagnostic[] | undefined>;
  /** The diagnostics of `version` of the document, still current. */
  publish: (uri: string, version: number, diagnostics: Diagnostic[]) => Promise<void>;
  /** The open document now (a newer version than the one scheduled, or none once closed). */
  latest: (uri: string) => TextDocument | undefined;
  log: (msg: string) => void;
}

/** Longest a document waits for its diagnostics while changes keep coming faster than it scans. */
const MAX_COALESCE_MS = 200;

interface DocState {
  /** The pending run: an immediate when idle (no 1 ms timer floor), a timeout while coalescing. */
  timer?: { cancel: () => void };
  lastChangeAt: number;
  /** How long the last validation of this document took (ms): a change sooner than that is a burst. */
  lastScanMs: number;
  burstStartedAt?: number;
}

/**
 * When open documents are diagnosed as they change (the diagnosis itself is diagnoser.ts). When
 * the server is idle a change is validated at once (on the next turn of the event loop); while
 * changes arrive faster than a scan of the document takes they are coalesced, for at most
 * MAX_COALESCE_MS. Results for an older version are dropped instead of published, and a scan
 * stops early once a newer version has arrived.
 */
export class DiagnosisScheduler {
  private docs = new Map<string, DocState>();

  constructor(private readonly deps: SchedulerDeps) {}

  schedule(doc: TextDocument, immediate = false): void {
    const now = performance.now();
    const st = this.docs.get(doc.uri) ?? { lastChangeAt: -Infinity, lastScanMs: 0 };
    this.docs.set(doc.uri, st);
    st.timer?.cancel();
    const run = () => {
      st.timer = undefined;
      st.burstStartedAt = undefined;
      const latest = this.deps.latest(doc.uri);
      if (latest) void this.validate(latest, st);
    };
    const sinceLast = now - st.lastChangeAt;
    st.lastChangeAt = now;
    let delay = 0;
    if (!immediate && sinceLast <= st.lastScanMs) {
      st.burstStartedAt ??= now;
      delay = Math.max(0, Math.min(st.lastScanMs, MAX_COALESCE_MS - (now - st.burstStartedAt)));
    }
    if (delay === 0) {
      const h = setImmediate(run);
      st.timer = { cancel: () => clearImmediate(h) };
    } else {
      const h = setTimeout(run, delay);
      st.timer = { cancel: () => clearTimeout(h) };
    }
  }

  cancel(uri: string): void {
    this.docs.get(uri)?.timer?.cancel();
    this.docs.delete(uri);
  }

  cancelAll(): void {
    for (const uri of [...this.docs.keys()]) this.cancel(uri);
  }

  private async validate(doc: TextDocument, st: DocState): Promise<void> {
    const version = doc.version;
    const isCancelled = () => this.deps.latest(doc.uri)?.version !== version;
    const t0 = performance.now();
    try {
      const diagnostics = await this.deps.diagnose(doc, isCancelled);
      st.lastScanMs = performance.now() - t0;
      if (!diagnostics || isCancelled()) return; // a newer version is on its way
      await this.deps.publish(doc.uri, version, diagnostics);
    } catch (err) {
      this.deps.log(`validation of ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
}
