// Open documents: diagnosed as they change (pushed through the scheduler) or on request
// (`textDocument/diagnostic`), forgotten when closed.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { documentReport } from '../diagnosticResults';
import { uriToPath } from '../paths';
import type { ServerState } from '../state';

export function registerDocuments(state: ServerState): void {
  const { connection, documents, scheduler, workspacePull } = state;
  documents.onDidOpen((e) => {
    if (!state.client.pullDiagnostics) scheduler.schedule(e.document, true);
  });
  documents.onDidChangeContent((e) => {
    if (!state.client.pullDiagnostics) scheduler.schedule(e.document);
  });
  documents.onDidClose((e) => {
    state.forget(e.document.uri);
    workspacePull.wake(); // the file is the workspace pull's again
    if (!state.client.pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    state.sendStatus();
  });
  documents.onDidSave((e) => {
    // A saved ledger or policy changes what counts as known, current or overdue.
    if (state.policy.isPolicy(uriToPath(e.document.uri) ?? '')) void state.refresh();
    else workspacePull.wake();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = state.docFor(params.textDocument.uri);
    const version = doc.version;
    const items = await state.diagnose(doc, () => token.isCancellationRequested || documents.get(doc.uri)?.version !== version);
    // Stopped early (the client cancelled, or a newer version arrived): an empty report would clear
    // the document's findings, so ask the client to pull again instead (LSP 3.17 ServerCancelled).
    if (!items) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed while it was being diagnosed', { retriggerRequest: true });
    state.setFindings(doc.uri, items);
    return documentReport(items, params.previousResultId);
  });
}
