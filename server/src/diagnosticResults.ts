// Result ids for LSP 3.17 pull diagnostics, so a client that sends back the id it holds gets
// `unchanged` instead of every diagnostic again (VS Code re-pulls the workspace every few seconds).
//
// The id is a hash of the diagnostics' content, not a per-uri counter. The server recomputes the
// diagnostics on every pull anyway, so a hash needs no state: equal ids mean equal content, so
// `unchanged` is never wrong, whatever changed in between (a setting such as minConfidence, the
// policy, the known secrets, a refresh, or a server restart, which would reset a counter and make an
// old id name different content). A counter would also need the previous diagnostics kept per file.
import { createHash } from 'node:crypto';
import {
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';

/** JSON with object keys sorted, so the same diagnostics built in another key order hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The result id of one document's diagnostics: SHA-256 of their canonical JSON, 128 bits in
 * base64url. Two different sets of diagnostics for one document get the same id with chance 2^-128.
 * Diagnostics never hold a secret value (only masks and fingerprints), and the hash is one-way.
 */
export function resultIdFor(diagnostics: readonly Diagnostic[]): string {
  return createHash('sha256').update(canonicalJson(diagnostics)).digest('base64url').slice(0, 22);
}

/** The id of "no diagnostics": a client holding it for a file that is now gone needs no clearing. */
export const EMPTY_RESULT_ID = resultIdFor([]);

/** `textDocument/diagnostic`: `unchanged` when the client already holds these diagnostics, else full with their id. */
export function documentReport(items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
  const resultId = resultIdFor(items);
  if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

/**
 * Builds the items of one `workspace/diagnostic` answer from the files the scan diagnosed and the
 * ids the client sent. A file the client holds an id for always gets an answer (`unchanged` or
 * full); a clean file the client knows nothing about gets none, so a quiet workspace answers small.
 */
export class WorkspaceReportBuilder {
  private readonly previous = new Map<string, string>();
  private readonly seen = new Set<string>();
  readonly items: WorkspaceDocumentDiagnosticReport[] = [];

  constructor(previousResultIds: readonly PreviousResultId[] | undefined) {
    for (const p of previousResultIds ?? []) this.previous.set(p.uri, p.value);
  }

  /**
   * One file the scan diagnosed (files on disk only: `version` is null, open documents are pulled on
   * their own). `resultId`: the id the workspace pull's cache already holds for these diagnostics.
   */
  add(uri: string, diagnostics: Diagnostic[], resultId = resultIdFor(diagnostics)): void {
    this.seen.add(uri);
    const previousId = this.previous.get(uri);
    if (previousId === undefined && !diagnostics.length) return;
    if (previousId === resultId) this.items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Unchanged, resultId });
    else this.items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics });
  }

  /**
   * Files the client holds diagnostics for that this scan did not diagnose (deleted, now excluded,
   * too large or binary, in a removed folder) get a full empty report: clients keep what a
   * workspace answer does not mention, so silence would leave a stale finding in the Problems view.
   * Open documents are left to `textDocument/diagnostic`. Call only after a complete scan: after a
   * cancelled one, unscanned files are not known to be clean.
   */
  clearUnseen(isOpen: (uri: string) => boolean): void {
    for (const [uri, previousId] of this.previous) {
      if (this.seen.has(uri) || isOpen(uri) || previousId === EMPTY_RESULT_ID) continue;
      this.items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Full, resultId: EMPTY_RESULT_ID, items: [] });
    }
  }
}
