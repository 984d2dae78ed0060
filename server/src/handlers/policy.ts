// Policy files and the places that use their secrets: hover, go-to-definition, references,
// symbols, rename, completion, code lenses, and the Secrets view's state request.
import { SecretsStateRequest } from '../../../protocol/src/protocol';
import { secretsState } from '../session/secretsState';
import { uriToPath } from '../paths';
import type { ServerState } from '../state';

export function registerPolicyFeatures(state: ServerState): void {
  const { connection, policy, references, navigation } = state;
  const doc = (uri: string) => state.docFor(uri);
  const isPolicyDoc = (uri: string) => policy.isPolicy(uriToPath(uri) ?? '');
  connection.onHover((params) => {
    const d = doc(params.textDocument.uri);
    return isPolicyDoc(d.uri) ? policy.hover(d, params.position) : references.hover(d, params.position);
  });
  connection.onDefinition((params) => {
    const d = doc(params.textDocument.uri);
    return isPolicyDoc(d.uri) ? navigation.definition(d, params.position) : references.definition(d, params.position);
  });
  connection.onReferences((params) => navigation.references(doc(params.textDocument.uri), params.position, params.context.includeDeclaration));
  connection.onDocumentSymbol((params) => navigation.documentSymbols(doc(params.textDocument.uri)));
  connection.onWorkspaceSymbol((params) => navigation.workspaceSymbols(params.query));
  connection.onPrepareRename((params) => navigation.prepareRename(doc(params.textDocument.uri), params.position));
  connection.onRenameRequest((params) => navigation.rename(doc(params.textDocument.uri), params.position, params.newName));
  connection.onCompletion((params) => policy.completions(doc(params.textDocument.uri), params.position));
  connection.onCodeLens((params) => policy.codeLenses(doc(params.textDocument.uri)));

  connection.onRequest(SecretsStateRequest.type, (params) => secretsState(state.secretIndex, params, (p, id, lastRotated) => state.exposures.exposedIn(p, id, lastRotated)));
}
