import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../../core/detect';
import { envAccessFor, replacementRange } from '../../core/env-access';
import { DIAGNOSTIC_SOURCE, type SecretDiagnosticData } from '../../protocol/src/protocol';

export function toLspSeverity(s: Severity | 'error' | 'warning' | 'info'): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** A finding becomes a diagnostic whose `data` carries everything the quick fix needs. */
export function findingToDiagnostic(doc: TextDocument, formatName: string, f: Finding): Diagnostic {
  const text = doc.getText();
  const envVar = f.envVar ?? 'SECRET_VALUE';
  const lineStart = doc.offsetAt({ line: doc.positionAt(f.start).line, character: 0 });
  const around = text.slice(Math.max(0, lineStart - 2000), Math.min(text.length, f.end + 500));
  const plan = envAccessFor(formatName, envVar, around);
  const [rs, re] = plan ? replacementRange(text, f.start, f.end, plan) : [f.start, f.end];
  const data: SecretDiagnosticData = {
    kind: 'secret',
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    preview: f.preview,
    envVar,
    replacement: plan?.text ?? '',
    replaceStart: doc.positionAt(rs),
    replaceEnd: doc.positionAt(re),
    ...(f.secretId ? { secretId: f.secretId } : {}),
    ...(f.valueFingerprint ? { valueFingerprint: f.valueFingerprint } : {}),
  };
  return {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: toLspSeverity(f.severity),
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    // The masked preview identifies which value is meant; add it only where the message lacks it.
    message: [f.message.includes(f.preview) ? f.message : `${f.message} (${f.preview})`, f.hint].filter(Boolean).join(' '),
    data,
  };
}

/**
 * A finding in a binary container (core/detect/scan-bytes.ts), from the workspace scan. VS Code
 * does not show such a file as text and its text-run lines mean nothing to a person, so the
 * diagnostic sits at the top of the file (0:0) and its message names the byte offset. There is no
 * reference to put in recorded data: `replacement` is empty (no move-to-store fix), `byteOffset`
 * says where the value is.
 */
export function binaryFindingToDiagnostic(f: Finding): Diagnostic {
  const top = { line: 0, character: 0 };
  const data: SecretDiagnosticData = {
    kind: 'secret',
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    preview: f.preview,
    envVar: f.envVar ?? 'SECRET_VALUE',
    replacement: '',
    replaceStart: top,
    replaceEnd: top,
    ...(f.secretId ? { secretId: f.secretId } : {}),
    ...(f.valueFingerprint ? { valueFingerprint: f.valueFingerprint } : {}),
    byteOffset: f.start,
    byteLength: f.end - f.start,
  };
  const what = f.message.includes(f.preview) ? f.message : `${f.message} (${f.preview})`;
  return {
    range: { start: top, end: top },
    severity: toLspSeverity(f.severity),
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: `In a binary file at byte ${f.start}: ${what} It is recorded data, not text: delete or re-record the file, and rotate the value if it is live.`,
    data,
  };
}
