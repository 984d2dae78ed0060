// A policy secret at the places that use it (env var names in each format's reference syntax):
// `stale/*` diagnostics when it is overdue, compromised or due soon, hover with its state and
// stores (never its value), go-to-definition into the policy, and Rotate now / Open policy.
import { CodeActionKind, DiagnosticSeverity, MarkupKind, type CodeAction, type CodeActionParams, type Diagnostic, type Hover, type Location, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { StaleCode, isPolicyFile } from '../../core/policy';
import { envAccessSiteAt, envAccessSites } from '../../core/env-access';
import { DIAGNOSTIC_SOURCE, ServerCommands, serverCommand, type StaleReferenceData } from '../../protocol/src/protocol';
import type { PolicySet as SecretIndex, SetSecret as IndexedSecret } from '../../core/policy';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'unknown');
const days = (n: number) => `${Math.floor(n)} days`;

const STALE: Record<string, { code: string; severity: DiagnosticSeverity; what: (s: IndexedSecret) => string }> = {
  overdue: { code: StaleCode.overdue, severity: DiagnosticSeverity.Warning, what: (s) => `is overdue for rotation: last rotated ${day(s.state.lastRotated)}${s.state.ageDays !== null ? ` (${days(s.state.ageDays)} ago)` : ''}, due ${day(s.state.dueAt)}` },
  compromised: { code: StaleCode.compromised, severity: DiagnosticSeverity.Warning, what: (s) => `is marked compromised since ${day(s.state.compromisedAt)}; rotate it now (PCI DSS 4.0 8.6.3)` },
  'due-soon': { code: StaleCode.dueSoon, severity: DiagnosticSeverity.Information, what: (s) => `is due for rotation on ${day(s.state.dueAt)}${s.state.ageDays !== null ? ` (${days(s.state.ageDays)} old)` : ''}` },
};

export function describeSecret(s: IndexedSecret): string {
  return [
    `**${s.id}** — ${s.state.state}`,
    `last rotated: ${day(s.state.lastRotated)}${s.state.ageDays !== null ? ` (${days(s.state.ageDays)} ago)` : ''} · due: ${day(s.state.dueAt)}${s.state.maxAgeDays !== null ? ` · max age ${days(s.state.maxAgeDays)}` : ''}`,
    `stores: ${s.stores.join(', ') || 'none'} · env: ${s.envVars.join(', ')}`,
  ].join('\n\n');
}

export class ReferenceFeatures {
  constructor(private readonly index: SecretIndex) {}

  diagnostics(doc: TextDocument, path: string | undefined): Diagnostic[] {
    if (path && isPolicyFile(path)) return []; // the policy shows its own states
    const snap = this.index.get();
    if (snap.names.size === 0) return [];
    const out: Diagnostic[] = [];
    for (const site of envAccessSites(doc.getText(), snap.names)) {
      const s = snap.byEnvVar.get(site.name)!;
      const stale = STALE[s.state.state];
      if (!stale) continue;
      const data: StaleReferenceData = { kind: 'stale-reference', secretId: s.id, policyUri: s.policyUri, envVar: site.name };
      out.push({ range: { start: doc.positionAt(site.start), end: doc.positionAt(site.end) }, severity: stale.severity, code: stale.code, source: DIAGNOSTIC_SOURCE, message: `${site.name} is policy secret '${s.id}', which ${stale.what(s)}.`, data });
    }
    return out;
  }

  /**
   * Everything `diagnostics` reads besides the document's text: each policy secret's names, state
   * and the dates and day counts of its message. The workspace pull's cache re-diagnoses every file
   * when it changes (a policy edited in an open buffer, a secret turning overdue at midnight).
   */
  stateKey(): string {
    return JSON.stringify(this.index.get().all.map((s) => [s.id, s.policyUri, s.envVars, s.state.state, s.state.lastRotated, s.state.dueAt, s.state.compromisedAt, s.state.ageDays === null ? null : Math.floor(s.state.ageDays)]));
  }

  private siteAt(doc: TextDocument, position: Position): IndexedSecret | undefined {
    const snap = this.index.get();
    const site = envAccessSiteAt(doc.getText(), snap.names, doc.offsetAt(position));
    return site ? snap.byEnvVar.get(site.name) : undefined;
  }

  hover(doc: TextDocument, position: Position): Hover | null {
    const s = this.siteAt(doc, position);
    return s ? { contents: { kind: MarkupKind.Markdown, value: describeSecret(s) } } : null;
  }

  definition(doc: TextDocument, position: Position): Location | null {
    const s = this.siteAt(doc, position);
    return s ? { uri: s.policyUri, range: s.state.range } : null;
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return params.context.diagnostics.flatMap((d) => {
      const data = d.data as StaleReferenceData | undefined;
      if (d.source !== DIAGNOSTIC_SOURCE || data?.kind !== 'stale-reference') return [];
      const ref = { id: data.secretId, policyUri: data.policyUri };
      return [
        { title: `Rotate '${data.secretId}' now`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true, command: serverCommand('Rotate now', ServerCommands.rotateNow, ref) },
        { title: `Open '${data.secretId}' in the policy`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: serverCommand('Open policy', ServerCommands.openPolicy, ref) },
      ];
    });
  }
}
