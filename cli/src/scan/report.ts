import type { Finding } from '../../../core/detect/index';
import type { FileResult } from './scan-file';

/** A finding with the display path of its file (relative to the working directory). */
export type FileFinding = Finding & { file: string };

export interface ScanReport {
  findings: FileFinding[];
  filesScanned: number;
  bytesScanned: number;
  skipped: { binary: number; tooLarge: number; unreadable: number };
}

export function summarise(results: FileResult[], display: (file: string) => string): ScanReport {
  const report: ScanReport = { findings: [], filesScanned: 0, bytesScanned: 0, skipped: { binary: 0, tooLarge: 0, unreadable: 0 } };
  for (const r of results) {
    if (r.skipped === 'binary') report.skipped.binary++;
    else if (r.skipped === 'too-large') report.skipped.tooLarge++;
    else if (r.skipped === 'unreadable') report.skipped.unreadable++;
    else {
      report.filesScanned++;
      report.bytesScanned += r.bytes;
    }
    const file = display(r.file);
    for (const f of r.findings) report.findings.push({ ...f, file });
  }
  return report;
}

export function formatText(report: ScanReport): string {
  return report.findings
    .map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}\n    fix: ${f.hint}\n`)
    .join('');
}

/** One finding as JSON output shows it, for file and history scans alike: never the value. */
export function findingJson(f: FileFinding): Record<string, unknown> {
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    fingerprint: f.fingerprint,
    preview: f.preview,
    confidence: f.confidence,
    ...(f.envVar ? { envVar: f.envVar } : {}),
    ...(f.secretId ? { secretId: f.secretId } : {}),
  };
}

/** The JSON contract of docs/architecture.md, plus preview, confidence and envVar (never the value). */
export function formatJson(report: ScanReport, extra: Record<string, unknown> = {}): string {
  const findings = report.findings.map(findingJson);
  return `${JSON.stringify({ findings, filesScanned: report.filesScanned, bytesScanned: report.bytesScanned, ...extra }, null, 2)}\n`;
}

export function summaryLine(report: ScanReport, accepted: number): string {
  const mib = (report.bytesScanned / 1048576).toFixed(2);
  const parts = [`${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${report.filesScanned} files (${mib} MiB)`];
  if (accepted) parts.push(`${accepted} accepted by the baseline`);
  const s = report.skipped;
  const skipped = [s.binary && `${s.binary} binary`, s.tooLarge && `${s.tooLarge} too large`, s.unreadable && `${s.unreadable} unreadable`].filter(Boolean);
  if (skipped.length) parts.push(`skipped ${skipped.join(', ')}`);
  return `rotation-guard scan: ${parts.join('; ')}\n`;
}
