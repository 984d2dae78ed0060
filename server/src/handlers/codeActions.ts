// Quick fixes: move a secret into a store (any file), fix a stale reference, fix a policy.
import { secretCodeActions } from '../codeActions';
import { formatNameFor } from '../paths';
import type { ServerState } from '../state';

export function registerCodeActions(state: ServerState): void {
  state.connection.onCodeAction(async (params) => {
    const doc = state.docFor(params.textDocument.uri);
    const s = await state.settings.get(doc.uri);
    const policyOf = (secretId: string) => state.secretIndex.get().all.find((x) => x.id === secretId)?.policyUri;
    return [...secretCodeActions(doc, formatNameFor(doc.uri, doc.languageId), params, s, policyOf), ...state.references.codeActions(params), ...state.policy.codeActions(doc, params)];
  });
}
