import { dirname } from 'node:path';
import type { CodeAction, CodeActionParams, CodeLens, CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver/node';
import { CodeActionKind, CompletionItemKind, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePolicy, ledgerForAnalysis, listFolder, gitIgnoredChecker, isPolicyFile, policyCodeLenses, policyCompletions, policyHover, policyQuickFixes, type PolicyAnalysis, type PolicyProblem } from '../../core/policy';
import { confinementFor, isPromptFile } from '../../core/files';
import { DIAGNOSTIC_SOURCE, ServerCommands, serverCommand } from '../../protocol/src/protocol';
import { uriToPath } from './paths';
import { toLspSeverity } from './secretDiagnostics';

const FILE_LIST_TTL_MS = 30_000;

interface Deps {
  log: (msg: string) => void;
  now: () => Date;
  /** The user's machine-scoped `allowedPaths` setting: places outside the repository a policy may name. */
  allowedPaths?: () => readonly string[];
}

/** Policy-file features (diagnostics, hover, completion, code lenses) over the pure core/policy. */
export class PolicyFeatures {
  // Workspace listings for `references.files` checks; re-listed after a while so new files count.
  private fileLists = new Map<string, { at: number; files: string[] }>();
  private analyses = new Map<string, { version: number; analysis: PolicyAnalysis }>();

  constructor(private readonly deps: Deps) {}

  isPolicy(path: string): boolean {
    return isPolicyFile(path);
  }

  clearCache(): void {
    this.fileLists.clear();
    this.analyses.clear();
  }

  private listFiles(folder: string): string[] {
    const cached = this.fileLists.get(folder);
    if (cached && Date.now() - cached.at < FILE_LIST_TTL_MS) return cached.files;
    const files = listFolder(folder);
    this.fileLists.set(folder, { at: Date.now(), files });
    return files;
  }

  analyze(text: string, path: string, version: number, now = this.deps.now()): PolicyAnalysis {
    const cached = this.analyses.get(path);
    if (cached && cached.version === version && version > 0) return cached.analysis;
    const folder = dirname(path);
    // Undefined outside a git repository: there is no commit for an env file to leak into.
    const isGitIgnored = gitIgnoredChecker(folder);
    const analysis = analyzePolicy(text, {
      path,
      now,
      // A ledger that cannot be read (a symlink to /dev/zero in a clone) is a warning at the policy, not a failed request.
      ...ledgerOptions(ledgerForAnalysis(path)),
      listFiles: () => this.listFiles(folder),
      isPromptFile,
      ...(isGitIgnored ? { isGitIgnored } : {}),
      confinement: confinementFor(path, undefined, this.deps.allowedPaths?.() ?? []),
    });
    this.analyses.set(path, { version, analysis });
    return analysis;
  }

  diagnostics(doc: TextDocument, path: string): Diagnostic[] | undefined {
    if (!isPolicyFile(path)) return undefined;
    const analysis = this.analyze(doc.getText(), path, doc.version);
    return analysis.problems.map((p) => ({
      range: p.range,
      severity: toLspSeverity(p.severity),
      code: p.code,
      source: DIAGNOSTIC_SOURCE,
      message: p.message,
      ...(p.data !== undefined ? { data: p.data } : {}),
    }));
  }

  /** Quick fixes for the policy diagnostics in the request, from their code and data only. */
  codeActions(doc: TextDocument, params: CodeActionParams): CodeAction[] {
    const path = uriToPath(doc.uri);
    if (!path || !isPolicyFile(path)) return [];
    const text = doc.getText();
    return params.context.diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && d.code.startsWith('policy/'))
      .flatMap((d) =>
        policyQuickFixes(text, path, { code: d.code as PolicyProblem['code'], range: d.range, data: d.data }).map((fix) => ({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.preferred ?? false,
          edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
        })),
      );
  }

  hover(doc: TextDocument, position: Position): Hover | null {
    const path = uriToPath(doc.uri);
    if (!path || !isPolicyFile(path)) return null;
    const md = policyHover(doc.getText(), path, doc.offsetAt(position));
    return md ? { contents: { kind: MarkupKind.Markdown, value: md } } : null;
  }

  completions(doc: TextDocument, position: Position): CompletionItem[] {
    const path = uriToPath(doc.uri);
    if (!path || !isPolicyFile(path)) return [];
    return policyCompletions(doc.getText(), path, doc.offsetAt(position)).map((c) => ({
      label: c.label,
      kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
      ...(c.insertText ? { insertText: c.insertText } : {}),
    }));
  }

  codeLenses(doc: TextDocument): CodeLens[] {
    const path = uriToPath(doc.uri);
    if (!path || !isPolicyFile(path)) return [];
    const now = this.deps.now();
    const analysis = this.analyze(doc.getText(), path, doc.version, now);
    // One lens per analysed secret, in order; clicking it rotates that secret.
    return policyCodeLenses(analysis, now).map((l, i) => {
      const id = analysis.secrets[i]?.id;
      return { range: l.range, command: id ? serverCommand(l.title, ServerCommands.rotateNow, { id, policyUri: doc.uri }) : { title: l.title, command: '' } };
    });
  }

}


function ledgerOptions(l: ReturnType<typeof ledgerForAnalysis>): { ledgerEntries: typeof l.entries; ledgerMalformedLines: number[]; ledgerUnreadable?: string } {
  return { ledgerEntries: l.entries, ledgerMalformedLines: l.malformedLines, ...(l.unreadable ? { ledgerUnreadable: l.unreadable } : {}) };
}
