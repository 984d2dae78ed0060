import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../../core/detect';
import { envAccessFor, replacementRange } from '../../core/env-access';
import { DIAGNOSTIC_SOURCE, type SecretDiagnosticData } from '../../protocol/src/protocol';

export function toLspSeverity(s: Severity | 'error' | 'warning' | 'info'): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

/** The finding as a diagnostic at `range`, its `data` carrying everything the quick fix needs. */
type Replace = Pick<SecretDiagnosticData, 'replacement' | 'replaceStart' | 'replaceEnd'>;
function diagnosticOf(f: Finding, range: Diagnostic['range'], message: string, replace: Replace, bytes?: Pick<SecretDiagnosticData, 'byteOffset' | 'byteLength'>): Diagnostic {
  const data: SecretDiagnosticData = { kind: 'secret', ruleId: f.ruleId, fingerprint: f.fingerprint, ...(f.incidentKey ? { incident: f.incidentKey } : {}), preview: f.preview, envVar: f.envVar ?? 'SECRET_VALUE', ...replace, ...(f.secretId ? { secretId: f.secretId } : {}), ...(f.valueFingerprint ? { valueFingerprint: f.valueFingerprint } : {}), ...bytes };
  return { range, severity: toLspSeverity(f.severity), code: f.ruleId, source: DIAGNOSTIC_SOURCE, message, data };
}

/** The message names the masked preview, which identifies which value is meant, where it lacks it. */
const withPreview = (f: Finding) => (f.message.includes(f.preview) ? f.message : `${f.message} (${f.preview})`);

/** A finding in a document: the reference that replaces the value is in the file's own syntax. */
export function findingToDiagnostic(doc: TextDocument, formatName: string, f: Finding): Diagnostic {
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line: doc.positionAt(f.start).line, character: 0 });
  const around = text.slice(Math.max(0, lineStart - 2000), Math.min(text.length, f.end + 500));
  const plan = envAccessFor(formatName, f.envVar ?? 'SECRET_VALUE', around);
  const [rs, re] = plan ? replacementRange(text, f.start, f.end, plan) : [f.start, f.end];
  const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
  return diagnosticOf(f, range, [withPreview(f), f.hint].filter(Boolean).join(' '), { replacement: plan?.text ?? '', replaceStart: doc.positionAt(rs), replaceEnd: doc.positionAt(re) });
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
  const message = `In a binary file at byte ${f.start}: ${withPreview(f)} It is recorded data, not text: delete or re-record the file, and rotate the value if it is live.`;
  return diagnosticOf(f, { start: top, end: top }, message, { replacement: '', replaceStart: top, replaceEnd: top }, { byteOffset: f.start, byteLength: f.end - f.start });
}
