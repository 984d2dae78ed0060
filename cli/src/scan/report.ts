import { countIncidents, type Finding, groupIncidents, type Incident } from '../../../core/detect';
import type { FileResult } from './scan-file';

/** A finding with the display path of its file (relative to the working directory). */
export type FileFinding = Finding & { file: string };

export interface ScanReport {
  findings: FileFinding[];
  filesScanned: number;
  bytesScanned: number;
  skipped: { binary: number; tooLarge: number; unreadable: number };
}

/**
 * The report of a scan's results. Each finding is given its display path in place (`file`) and
 * listed, not copied into a new object: one per finding (5,195 on the benchmark corpus), each
 * spread from a cold loop, and the results are not used after this.
 */
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
    // Most files have no finding: their display path (a path.relative each) is never needed.
    if (!r.findings.length) continue;
    const file = display(r.file);
    for (const f of r.findings as FileFinding[]) {
      f.file = file;
      report.findings.push(f);
    }
  }
  return report;
}

/**
 * The incidents of a report: one per value, with all its locations (core/detect/incidents.ts).
 * Counts shown to people are incidents; each location stays a finding of its own.
 */
export function incidentsOf(findings: readonly FileFinding[]): { incidents: Incident[]; incidentOf: (f: FileFinding) => string } {
  return groupIncidents(findings);
}

export function formatText(report: ScanReport): string {
  const { incidents, incidentOf } = incidentsOf(report.findings);
  const locations = new Map(incidents.map((i) => [i.id, i.locations]));
  return report.findings
    .map((f) => {
      const id = incidentOf(f);
      const n = locations.get(id) ?? 1;
      const also = n > 1 ? ` [${id}: the same value at ${n} locations]` : '';
      return `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}${also}\n    fix: ${f.hint}\n`;
    })
    .join('');
}

/** One finding as JSON output shows it, for file and history scans alike: never the value. */
export function findingJson(f: FileFinding, incident?: string): Record<string, unknown> {
  // The optional keys are set after the others (same key order as before), not spread in from
  // an object made for each: one finding per planted key on the benchmark corpus.
  const o: Record<string, unknown> = {
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
  };
  if (f.envVar) o.envVar = f.envVar;
  if (f.secretId) o.secretId = f.secretId;
  if (incident) o.incident = incident;
  return o;
}

/** The JSON contract of docs/architecture.md, plus preview, confidence and envVar (never the value). */
export function formatJson(report: ScanReport, extra: Record<string, unknown> = {}): string {
  const { incidents, incidentOf } = incidentsOf(report.findings);
  const findings = report.findings.map((f) => findingJson(f, incidentOf(f)));
  return `${JSON.stringify({ findings, incidents, filesScanned: report.filesScanned, bytesScanned: report.bytesScanned, ...extra }, null, 2)}\n`;
}

/** `3 incidents, 5 findings`: what a person acts on first, then how many places it is in. */
export function countLine(findings: readonly FileFinding[]): string {
  const n = countIncidents(findings);
  return `${n} incident${n === 1 ? '' : 's'}, ${findings.length} finding${findings.length === 1 ? '' : 's'}`;
}

export function summaryLine(report: ScanReport, accepted: number): string {
  const mib = (report.bytesScanned / 1048576).toFixed(2);
  const parts = [`${countLine(report.findings)} in ${report.filesScanned} files (${mib} MiB)`];
  if (accepted) parts.push(`${accepted} accepted by the baseline`);
  const s = report.skipped;
  const skipped = [s.binary && `${s.binary} binary`, s.tooLarge && `${s.tooLarge} too large`, s.unreadable && `${s.unreadable} unreadable`].filter(Boolean);
  if (skipped.length) parts.push(`skipped ${skipped.join(', ')}`);
  return `rotation-guard scan: ${parts.join('; ')}\n`;
}
