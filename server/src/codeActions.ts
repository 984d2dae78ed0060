import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, ServerCommands, serverCommand, type SecretDiagnosticData } from '../../protocol/src/protocol';
import type { Settings } from '../../protocol/src/settings';
import { commentSyntaxAt } from '../../core/detect';
import { officialHostFor } from '../../core/verify-live';

const storeTitles: Record<Settings['quickFix']['store'], (s: Settings) => string> = {
  ask: () => 'a secret store',
  envFile: (s) => s.envFile.path,
  keychain: () => 'the OS keychain',
  pass: () => 'pass',
  // The server cannot reach SecretStorage; it asks, and the VS Code client may intercept the command.
  secretStorage: () => 'a secret store',
};

function isSecretData(d: unknown): d is SecretDiagnosticData {
  return !!d && typeof d === 'object' && (d as { kind?: unknown }).kind === 'secret';
}

/** Finds the policy file that declares a secret id, for actions that act on that secret. */
export type PolicyOfSecret = (secretId: string) => string | undefined;

export function secretCodeActions(doc: TextDocument, formatName: string, params: CodeActionParams, settings: Settings, policyOf: PolicyOfSecret): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diag of params.context.diagnostics) {
    if (diag.source !== DIAGNOSTIC_SOURCE || !isSecretData(diag.data)) continue;
    const data = diag.data;
    // A value the ledger knows: close the loop — rotate the exposed (or still accepted) secret now.
    const policyUri = data.secretId ? policyOf(data.secretId) : undefined;
    if (data.secretId && policyUri) {
      actions.push({
        title: `Rotate '${data.secretId}' now: this value is exposed here`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: serverCommand('Rotate now', ServerCommands.rotateNow, { id: data.secretId, policyUri }),
      });
    }
    if (data.replacement) {
      actions.push({
        title: `Move secret to ${storeTitles[settings.quickFix.store](settings)} and use a reference (${data.envVar})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: true,
        command: serverCommand('Move secret to store', ServerCommands.moveToStore, { uri: doc.uri, range: diag.range, version: doc.version, data }),
      });
    }
    // Opt-in, one click: the key goes only to its own service's official host.
    const host = data.byteOffset === undefined ? officialHostFor(data.ruleId) : undefined;
    if (host) {
      actions.push({
        title: `Is this key live? (asks ${host} with its read-only call)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: serverCommand('Is this key live?', ServerCommands.checkKeyLive, { uri: doc.uri, range: diag.range, data }),
      });
    }
    actions.push({
      title: 'Accept this finding (add it to the baseline file)',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      command: serverCommand('Add to baseline', ServerCommands.addToBaseline, { uri: doc.uri, data, line: diag.range.start.line }),
    });
    const allow = allowAction(doc, formatName, diag);
    if (allow) actions.push(allow);
  }
  return actions;
}

function allowAction(doc: TextDocument, formatName: string, diag: Diagnostic): CodeAction | undefined {
  // (In a page's or a component's script the marker is a JavaScript comment.)
  const comment = commentSyntaxAt(formatName, doc.getText(), doc.offsetAt(diag.range.start));
  if (!comment) return undefined;
  const line = diag.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const text = `${indent}${comment[0]}rotation-guard:allow reason: fill in why this is safe${comment[1]}\n`;
  return {
    title: 'Allow this value here (rotation-guard:allow comment)',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: text }] } },
  };
}
